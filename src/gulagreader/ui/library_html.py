"""The home page (sources and events) and the source panel, as HTML with in-app links.

Links use schemes the main window understands: `source:ID` opens a whole source,
`passage:ID` opens the source of a passage scrolled to it, and `library:all` lists every source
on the home page (a large library lists its first `FIRST_SOURCES` until asked).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from gulagreader.core.spans import html_escape as escape
from gulagreader.ui.style import LIGHT, Theme

if TYPE_CHECKING:
    from gulagreader.core.model import Event, Passage, Source

SOURCE_SCHEME = "source"
PASSAGE_SCHEME = "passage"
ALL_SOURCES_LINK = "library:all"
FIRST_SOURCES = 100  # laying out thousands of entries would hold up the first window
LEAD_CHARS = 200  # the most of a provenance note the home page shows (the source panel has it all)
# a sentence ends at . ! or ? after a lowercase letter, digit or closing mark (or at such a mark
# after one: "'so.'"), before a capital: not after an initial ('M. G. Slavënas'), nor inside 'No.4'
_SENTENCE_END = re.compile(r"(?:(?<=[a-z0-9)'’\"”][.!?])|(?<=[a-z0-9][.!?]['’\"”)]))\s+(?=[A-Z‘'\"“(])")


def opening_html(theme: Theme = LIGHT) -> str:
    """The library's place while the corpus opens (typing is kept, and searched once it is open)."""
    return f'<h2>Sources</h2><p style="color:{theme.muted}">Opening the library… You can type your search already.</p>'


def home_html(sources: Sequence[Source], total: int, events: Sequence[Event], theme: Theme = LIGHT) -> str:
    """The library: the sources with their author, date, genre and provenance, then the events by date.

    `sources` are the first of the library's `total` (the first `FIRST_SOURCES` of a large one); when
    they are not all, a link offers all of them.
    """
    muted, link = theme.muted, _link(theme)
    parts = [
        "<h2>Sources</h2>",
        f'<p style="color:{muted}">The documents of this edition. Type in the search field to search them all.</p>',
    ]
    for s in sources:
        authors = s.byline_authors
        meta = " · ".join(b for b in (authors, s.date or "undated", s.genre) if b)
        lines = [
            f'<a href="{SOURCE_SCHEME}:{escape(s.id)}" style="{link}"><b>{escape(s.title)}</b></a>',
            f'<span style="color:{muted}">{escape(meta)} · {s.passage_count} passages</span>',
        ]
        if s.provenance:
            lead = escape(lead_sentence(s.provenance.removeprefix("Our note: ")))
            lines.append(f'<span style="color:{muted}; font-size:small"><i>Provenance (our note):</i> {lead}</span>')
        if s.provenance_warning:
            lead = escape(lead_sentence(s.provenance_warning.removeprefix("Our warning: ")))
            lines.append(f'<span style="color:{theme.accent}; font-size:small"><i>Warning (ours):</i> {lead}</span>')
        parts.append("<p>" + "<br/>".join(lines) + "</p>")
    if len(sources) < total:
        parts.append(
            f'<p style="color:{muted}">The first {len(sources):,} of {total:,} sources, in the order of the '
            f'edition. <a href="{ALL_SOURCES_LINK}" style="{link}"><b>List all {total:,} sources</b></a>'
            " · or choose one in the Source filter above.</p>"
        )
    from gulagreader.core.model import EVENT_KINDS

    parts.append("<h2>Events</h2>")
    parts.append(
        f'<p style="color:{muted}">Resistance in the camps and against the regime first; then the repression and '
        "the context the accounts recount.</p>"
    )
    for kind, label in (*EVENT_KINDS.items(), ("", "Unclassified")):
        of_kind = [e for e in events if e.kind == kind or (not kind and e.kind not in EVENT_KINDS)]
        if of_kind:
            parts.append(f"<h3>{escape(label)}</h3>")
        for e in sorted(of_kind, key=lambda e: (not e.start, e.start)):
            parts.append(_event_line(e, theme))
    return "\n".join(parts)


def _event_line(e: Event, theme: Theme) -> str:
    when = e.date_text or e.start or "undated"
    first = next((a.passage_ids[0] for a in e.accounts if a.passage_ids), "")
    title = escape(e.title)
    if first:
        title = f'<a href="{PASSAGE_SCHEME}:{escape(first)}" style="{_link(theme)}">{title}</a>'
    accounts = len(e.accounts)
    count = f"{accounts} account{'s' if accounts != 1 else ''}"
    meta = f'<span style="color:{theme.muted}">{escape(when)} · {count}</span>'
    return f'<p style="margin-bottom:6px">{title}<br/>{meta}</p>'


def lead_sentence(note: str, limit: int = LEAD_CHARS) -> str:
    """The first sentence of one of our notes, cut at a word before `limit` characters ('…' marks a cut)."""
    first = _SENTENCE_END.split(note.strip(), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def source_panel_html(
    source: Source,
    theme: Theme = LIGHT,
    events: Sequence[Event] = (),
    titles: Mapping[str, str] | None = None,
    passage: Passage | None = None,
) -> str:
    """What our edition knows of a source: metadata, publication chain, provenance, curation.

    With the open `passage`: where it is in the received file, and the corrections beside it.
    `events` are those the open passage tells; each gives our note on it, the
    figures the passage gives with our notes, the discrepancies it is a side of, and the other
    sources' accounts of it as links (`titles` names the sources).
    """
    rows = [
        ("Author", source.byline_authors),
        ("Publication", source.publication),
        ("Date", source.date or "undated"),
        ("Pages", source.pages),
        ("Genre", source.genre),
        ("Language", source.language),
        ("Id", source.id),
    ]
    parts = [f"<h3>{escape(source.title)}</h3>", '<table cellpadding="2">']
    for label, value in rows:
        if value:
            parts.append(
                f'<tr><td style="color:{theme.muted}; padding-right:8px">{label}</td><td>{escape(value)}</td></tr>'
            )
    parts.append("</table>")
    passage_id = passage.id if passage is not None else ""
    if passage is not None:
        parts += _passage_locator(source, passage, theme)
    if source.attributed_to and not source.authors:
        parts.append(f'<p style="font-size:small"><i>Attribution (ours):</i> {escape(source.attribution_note)}</p>')
    parts += _other_accounts(source.id, events, titles or {}, theme, passage_id)
    if source.publication_chain:
        parts.append("<h4>Publication chain</h4><ol>")
        parts += [f"<li>{escape(step)}</li>" for step in source.publication_chain]
        parts.append("</ol>")
    if source.provenance:
        parts.append(f"<h4>Provenance</h4><p>{escape(source.provenance)}</p>")
    if source.corrections:
        parts.append("<h4>Our corrections and clarifications</h4>")
        parts.append(
            f'<p style="color:{theme.muted}; font-size:small">Ours, not the source\'s: the text is kept as printed.</p>'
        )
        for fix in source.corrections:
            links = ", ".join(
                f'<a href="{PASSAGE_SCHEME}:{escape(p)}" style="{_link(theme)}">{escape(p.split(".", 1)[1])}</a>'
                for p in fix.passages
            )
            quoted = f" “{escape(fix.original)}”" if fix.original else ""
            where = f" ({links})" if links else ""
            parts.append(f"<p><b>{escape(fix.label)}</b>{quoted}{where}: {escape(fix.note)}</p>")
    if source.curation:
        parts.append("<h4>What our edition removed</h4>")
        for c in source.curation:
            parts.append(f"<p><b>{escape(c.kind)}</b>: {escape(c.note)}</p>")
    return "\n".join(parts)


def _passage_locator(source: Source, passage: Passage, theme: Theme) -> list[str]:
    """Where the open passage is: its id, its printed note label, its lines in the received file."""
    bits = [f"<b>{escape(passage.id)}</b>"]
    if passage.kind == "note" and passage.label:
        bits.append(f"note {escape(passage.label)} as printed")
    if passage.original_lines:
        bits.append(f"{escape(passage.original_lines)} of the received file {escape(source.original)}")
    parts = [f'<p style="font-size:small"><i style="color:{theme.muted}">This passage:</i> {", ".join(bits)}</p>']
    for fix in source.corrections_of(passage.id):
        quoted = f" “{escape(fix.original)}”" if fix.original else ""
        parts.append(f'<p style="font-size:small"><b>{escape(fix.label)}</b>{quoted} (ours): {escape(fix.note)}</p>')
    return parts


def _other_accounts(
    source_id: str, events: Sequence[Event], titles: Mapping[str, str], theme: Theme, passage_id: str = ""
) -> list[str]:
    parts: list[str] = []
    for event in events:
        others = [a for a in event.accounts if a.source_id != source_id and a.passage_ids]
        years = event.years
        date = (str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}") if years else ""
        when = f' <span style="color:{theme.muted}">({date})</span>' if date else ""
        parts.append(f"<h4>This passage tells of: {escape(event.title)}{when}</h4>")
        parts += event_notes_html(event, passage_id, theme)
        if not others:
            parts.append(f'<p style="color:{theme.muted}">No other source in the corpus tells of it.</p>')
            continue
        links = [
            f'<li><a href="{PASSAGE_SCHEME}:{escape(a.passage_ids[0])}" style="{_link(theme)}">'
            f"{escape(titles.get(a.source_id, a.source_id))}</a></li>"
            for a in others
        ]
        parts.append("<p>Other accounts of this event:</p><ul>" + "".join(links) + "</ul>")
    return parts


def event_notes_html(event: Event, passage_id: str, theme: Theme) -> list[str]:
    """Our notes on `event`, on the figures `passage_id` gives, and the discrepancies it is a side of."""
    ours = f'<i style="color:{theme.muted}">Our note:</i>'
    parts = [f"<p>{ours} {escape(event.note)}</p>"] if event.note else []
    figures = [f for f in event.figures if f.passage_id == passage_id]
    if figures:
        items = []
        for f in figures:
            teller = f" — {escape(f.given_by)}" if f.given_by else ""
            note = f"<br/>{ours} {escape(f.note)}" if f.note else ""
            items.append(f"<li><b>{escape(f.value)}</b> ({escape(f.subject or f.what)}){teller}{note}</li>")
        parts.append("<p>Figures this passage gives:</p><ul>" + "".join(items) + "</ul>")
    for d in event.discrepancies:
        if passage_id and passage_id not in d.passage_ids:
            continue
        sides = "".join(
            f"<li>{'<b>' if passage_id in side.passage_ids else ''}{escape(side.says)}"
            f"{'</b>' if passage_id in side.passage_ids else ''}"
            f'<span style="color:{theme.muted}"> — {escape(side.given_by)}'
            f" ({escape(', '.join(side.passage_ids))})</span>"
            "</li>"
            for side in d.sides
        )
        parts.append(
            f'<p><b style="color:{theme.accent}">≠ Discrepancy (stated by the editors):</b> {escape(d.subject)}</p>'
            f"<ul>{sides}</ul><p>{ours} {escape(d.note)}</p>"
        )
    return parts


def _link(theme: Theme) -> str:
    return f"color:{theme.accent}; text-decoration:none"
