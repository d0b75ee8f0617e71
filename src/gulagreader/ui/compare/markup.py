"""The compare view's text as HTML: column headings, and each account's passages for one episode.

Qt-free on purpose, like `reader_html`: the widgets only load these strings. Links use the
`passage:ID` scheme of the library page ('open in the reader') and `details:` for a heading's
full publication chain and provenance.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from gulagreader.core.collation import Collation
from gulagreader.core.compare import Cell, Column, Reading
from gulagreader.core.model import Discrepancy, Passage, Source
from gulagreader.core.spans import Span, mark_spans
from gulagreader.ui.library_html import PASSAGE_SCHEME
from gulagreader.ui.style import LIGHT, Theme

DETAILS_LINK = "details:"
FOCUS_MARK = "◆ the hit you chose"  # said in words, not by the tint alone
SHORT_WARNING = 110  # characters of a provenance warning shown before 'details'


def column_heading_html(column: Column, theme: Theme = LIGHT, full: bool = False, collated: bool = False) -> str:
    """The heading of one account's column: its source, a provenance warning, and any reprint folded in.

    Short by default (a warning's first line); `full` adds the publication chain and provenance.
    With `collated`, it says how the reprint's changes are marked.
    """
    source, muted = column.source, theme.muted
    link = f'<a href="{DETAILS_LINK}" style="color:{theme.accent}; text-decoration:none">'
    link += "less" if full else "publication chain and provenance"
    link += "</a>"
    meta = escape(byline(source))
    if source.publication_chain and not full:
        n = len(source.publication_chain)
        meta += f" · published through {n} step{'s' * (n != 1)}"
    parts = [
        f'<div style="color:{theme.accent}; font-size:large"><b>{escape(source.title)}</b></div>',
        f'<div style="color:{muted}">{meta} · {link}</div>',
    ]
    if full and source.publication_chain:
        steps = "".join(f"<li>{escape(step)}</li>" for step in source.publication_chain)
        parts.append(f'<div style="margin-top:6px"><b>Publication chain</b></div><ol>{steps}</ol>')
    if full and source.provenance:
        parts.append(f'<div style="margin-top:4px"><b>Provenance:</b> {escape(source.provenance)}</div>')
    warnings = [("", source.provenance_warning)] if source.provenance_warning else []
    for reprint in column.reprints:
        how = (
            "struck through: only in this text; underlined: only in the reprint"
            if collated
            else "turn on Collation to mark its changes"
        )
        parts.append(
            f'<div style="margin-top:4px">With its reprint in <i>{escape(reprint.title)}</i>, collated word by word'
            f' <span style="color:{muted}">({how})</span>.</div>'
        )
        if reprint.provenance_warning:
            warnings.append((reprint.title, reprint.provenance_warning))
    if warnings:
        rows = "".join(_warning(text, of, full) for of, text in warnings)
        parts.append(
            f'<table width="100%" cellpadding="5" cellspacing="0" style="margin-top:6px;'
            f' background-color:{theme.banner}">{rows}</table>'
        )
    return "".join(parts)


def byline(source: Source) -> str:
    authors = source.byline_authors
    return " · ".join(b for b in (authors, source.date or "undated", source.genre) if b)


def _warning(text: str, of: str, full: bool) -> str:
    if not full and len(text) > SHORT_WARNING:
        text = text[: text.rfind(" ", 0, SHORT_WARNING)] + " …"
    whose = f" ({escape(of)})" if of else ""
    return f"<tr><td><b>Provenance{whose}:</b> {escape(text)}</td></tr>"


def cell_html(
    cell: Cell,
    title: str,
    column: Column,
    spans: Mapping[str, Sequence[Span]],
    theme: Theme = LIGHT,
    collated: bool = False,
    focus: str = "",
    also: Mapping[str, Sequence[int]] | None = None,
) -> str:
    """One account's passages for one episode (`title`), query matches (`spans`) marked.

    A gap says so. With `collated`, a reprinted passage shows every word its reprint inserted,
    deleted or changed. The passage (or reprint) whose id is `focus` is marked as the chosen hit;
    `also` gives, per passage id, the other episodes (numbers) under which it is printed again.
    """
    head = f'<div style="color:{theme.accent}; font-size:small; margin-bottom:6px"><b>{escape(title)}</b></div>'
    if cell.gap:
        note = "This account is silent on this episode."
        return f'{head}<div style="color:{theme.muted}"><i>{note}</i></div>'
    titles = {s.id: s.title for s in column.reprints}
    body = [_reading_html(r, column, titles, spans, theme, collated, focus, also or {}) for r in cell.readings]
    return head + "".join(body)


def _reading_html(
    reading: Reading,
    column: Column,
    titles: Mapping[str, str],
    spans: Mapping[str, Sequence[Span]],
    theme: Theme,
    collated: bool,
    focus: str = "",
    also: Mapping[str, Sequence[int]] | None = None,
) -> str:
    passage = reading.passage
    parts = []
    if passage.source_id != column.source.id:  # the reprinting source's own text, in the original's column
        what = titles.get(passage.source_id, passage.source_id)
        parts.append(f'<div style="color:{theme.muted}; font-size:small"><i>{escape(what)}</i>, its own text:</div>')
    collation = reading.collation if collated else None
    text = marked_text(passage.text, spans.get(passage.id, ()), theme, collation, reading.reprint)
    note = ""
    if reading.reprint is not None and reading.collation is not None:
        note = _reprint_note(reading.reprint, reading.collation, collated)
    others = (also or {}).get(passage.id, ())
    if others:
        where = ", ".join(str(n) for n in others)
        again = f"also under episode{'s' * (len(others) > 1)} {where}"
        note = f"{note} · {again}" if note else again
    if focus and focus in (passage.id, reading.reprint.id if reading.reprint else ""):
        parts.append(
            f'<p style="margin:0; background-color:{theme.focus}; color:{theme.accent}; font-size:small">'
            f"<b>{FOCUS_MARK}</b></p>"
        )
        parts.append(_block(passage, text, theme, note, f" background-color:{theme.focus};"))
    else:
        parts.append(_block(passage, text, theme, note))
    source = next((s for s in (column.source, *column.reprints) if s.id == passage.source_id), None)
    if source is not None:  # our sic and other notes on this passage, beside it (its text stays as printed)
        from gulagreader.ui.reader.markup import correction_html

        parts += [correction_html(c, theme) for c in source.corrections_of(passage.id)]
    return "".join(parts)


def _block(passage: Passage, text: str, theme: Theme, note: str = "", tint: str = "") -> str:
    """A passage with, after it, a small link to read it in context (and how its reprint compares)."""
    link = (
        f' <a href="{PASSAGE_SCHEME}:{escape(passage.id)}" style="color:{theme.muted}; text-decoration:none;'
        f' font-size:small">{escape(passage.id)}&nbsp;↗</a>'
    )
    if note:
        link += f'<span style="color:{theme.muted}; font-size:small"> · {note}</span>'
    style = f"margin-top:0; margin-bottom:8px;{tint}"
    if passage.kind == "heading":
        return f'<p style="{style}"><b>{text}</b>{link}</p>'
    if passage.kind == "note":
        label = f'<span style="color:{theme.accent}">Note {escape(passage.label)}.</span> ' if passage.label else ""
        return f'<p style="{style} font-size:small">{label}{text}{link}</p>'
    if passage.kind in ("quote", "verse"):
        return f'<p style="{style} margin-left:18px">{text}{link}</p>'
    return f'<p style="{style}">{text}{link}</p>'


def _reprint_note(reprint: Passage, collation: Collation, collated: bool) -> str:
    n = len(collation.differences)
    if collation.identical:
        return f"reprint {escape(reprint.id)}: word for word the same"
    changes = f"{n} difference{'s' * (n != 1)}"
    return f"reprint {escape(reprint.id)}: {changes}{' marked' if collated else ''}"


def marked_text(
    text: str,
    spans: Sequence[Span],
    theme: Theme = LIGHT,
    collation: Collation | None = None,
    reprint: Passage | None = None,
) -> str:
    """`text` escaped, query matches on the match tint; with a `collation`, the reprint's changes marked.

    Words only in the original are struck through (on the banner tint), words only in the reprint
    underlined (on the note tint): the marks do not rely on colour alone.
    """
    if collation is None or reprint is None or collation.identical:
        return _highlighted(text, spans, 0, len(text), theme)
    out, pos = [], 0
    for d in collation.differences:
        start, end = d.original_at
        out.append(_highlighted(text, spans, pos, start, theme))
        if d.original:
            out.append(_mark(d.original, "deleted", theme))
        if d.reprint:
            if d.original or (start and not text[start - 1].isspace()):
                out.append(" ")
            out.append(_mark(d.reprint, "inserted", theme))
            if not d.original and start < len(text) and not text[start].isspace():
                out.append(" ")
        pos = end
    out.append(_highlighted(text, spans, pos, len(text), theme))
    return "".join(out)


def _mark(words: str, kind: str, theme: Theme) -> str:
    if kind == "deleted":
        tip = "only in the original"
        return f'<s style="background-color:{theme.banner}" title="{tip}">{_text(words)}</s>'
    tip = "only in the reprint"
    return f'<u style="background-color:{theme.note_banner}" title="{tip}">{_text(words)}</u>'


def _highlighted(text: str, spans: Sequence[Span], start: int, end: int, theme: Theme) -> str:
    """text[start:end] escaped, with the parts of `spans` inside it on the match tint."""
    return mark_spans(text, spans, f'<span style="background-color:{theme.match}">', "</span>", _text, start, end)


def _text(s: str) -> str:
    return escape(s, quote=False).replace("\n", "<br/>")


def discrepancies_html(discrepancies: Sequence[Discrepancy], theme: Theme = LIGHT) -> str:
    """The conflicts the editors state between the accounts shown: each with its sides, their passages
    (links to read them) and our note. Nothing here is the sources' text: it is all ours, and says so."""
    muted = theme.muted
    if not discrepancies:
        return (
            f'<p style="color:{muted}">The editors state no discrepancy between the accounts shown. Figures '
            "that differ in wording but agree once read (a date and 'the end of that month', a count and "
            "'more than') are not discrepancies.</p>"
        )
    parts = [
        f'<p style="color:{muted}">Conflicts between the accounts (or the tellers they quote), as the editors '
        "of this edition read them. The sides are our summaries; the passages are the texts.</p>"
    ]
    for d in discrepancies:
        kind = f' <span style="color:{muted}">— {escape(d.what)}</span>' if d.what else ""
        parts.append(f'<h3><span style="color:{theme.accent}">≠</span> {escape(d.subject)}{kind}</h3><ul>')
        for side in d.sides:
            links = ", ".join(
                f'<a href="{PASSAGE_SCHEME}:{escape(p)}" style="color:{theme.accent}; text-decoration:none">'
                f"{escape(p)}</a>"
                for p in side.passage_ids
            )
            teller = f' <span style="color:{muted}">— {escape(side.given_by)}</span>' if side.given_by else ""
            parts.append(f"<li><b>{escape(side.says)}</b>{teller} ({links})</li>")
        parts.append(f'</ul><p><i style="color:{muted}">Our note:</i> {escape(d.note)}</p>')
    return "\n".join(parts)
