"""A whole source as HTML for the reader pane: structure kept, matches marked, notes linked.

Qt-free on purpose: the reader pane only loads the string, so the rendering is easy to test.
Each match becomes a named anchor `m0`, `m1`, ... in document order, and each passage an anchor
named by its id, so the pane can scroll to either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from gulagreader.core.spans import Mark, Span, marked
from gulagreader.core.spans import html_escape as escape
from gulagreader.ui.style import LIGHT, Theme

if TYPE_CHECKING:
    from gulagreader.core.glossary import Span as TermSpan
    from gulagreader.core.glossary import TermFinder
    from gulagreader.core.model import Correction, NoteRef, Passage, Source

NOTE_SCHEME = "note"
TERM_SCHEME = "term"  # a glossary term: hover or click shows our definition


class RenderedSource(NamedTuple):
    """The HTML of a source and, for each match anchor `m<i>`, the passage it falls in and its length."""

    html: str
    match_passages: tuple[str, ...]
    match_lengths: tuple[int, ...] = ()

    def first_match_at_or_after(self, passage_ids: Sequence[str], passage_id: str) -> int:
        """Index of the first match in `passage_id` or after it (in `passage_ids` order); 0 if none."""
        order = {pid: i for i, pid in enumerate(passage_ids)}
        target = order.get(passage_id, 0)
        for i, pid in enumerate(self.match_passages):
            if order.get(pid, 0) >= target:
                return i
        return 0


def render_source(
    source: Source,
    passages: Sequence[Passage],
    spans: Mapping[str, Sequence[Span]],
    focus: str = "",
    theme: Theme = LIGHT,
    glossary: TermFinder | None = None,
) -> RenderedSource:
    """`source` with `passages` in order; `spans` maps passage ids to match spans; `focus` is tinted.

    With a `glossary`, its terms are underlined as `term:ID` links (never inside a match or across a
    footnote marker: the match and the marker win).
    """
    parts = [f"<h1>{escape(source.title)}</h1>", f'<p style="color:{theme.muted}">{escape(_byline(source))}</p>']
    if source.provenance_warning:
        parts.append(_banner("Provenance", source.provenance_warning, theme.banner))
    matches: list[tuple[str, int]] = []
    for p in passages:
        if p.content_note:
            parts.append(_banner("Content note", p.content_note, theme.note_banner))
        terms = glossary.spans(p.text) if glossary is not None else []
        body = _marked(p.text, spans.get(p.id, ()), p.notes, matches, p.id, theme, terms)
        parts.append(_block(p, f'<a name="{escape(p.id)}"></a>{body}', p.id == focus, theme))
        parts += [correction_html(c, theme) for c in source.corrections_of(p.id) if _beside(c, p.id)]
    return RenderedSource("\n".join(parts), tuple(m[0] for m in matches), tuple(m[1] for m in matches))


def welcome_html(theme: Theme = LIGHT) -> str:
    """What the reader pane says before anything is open."""
    return (
        "<h1>GulagReader</h1>"
        "<p>Accounts of resistance in the Soviet camps: strikes, hunger strikes and risings, told by those who "
        "were there, by their editors and by historians.</p>"
        "<p>Choose a source or an event in the library on the left to read it here, or type in the search "
        'field: a name in any spelling, a place, <i>"a phrase"</i>, a year.</p>'
        f'<p style="color:{theme.muted}">F1 shows how to search. Every text is kept as its original prints it; '
        "what we added (notes, dates, events) is marked as ours.</p>"
    )


def _byline(source: Source) -> str:
    authors = source.byline_authors
    bits = [authors, source.publication or "", source.date or "undated", source.genre]
    return " · ".join(b for b in bits if b)


# Corrections about one word or one passage stand beside each passage they name; those about a
# stretch of text (where an introduction ends, a reprint's interpolation) only beside its first.
_EACH_PASSAGE = frozenset({"sic", "caption", "duplicate", "locator"})


def _beside(correction: Correction, passage_id: str) -> bool:
    return correction.kind in _EACH_PASSAGE or correction.passages[0] == passage_id


def correction_html(correction: Correction, theme: Theme = LIGHT) -> str:
    """One correction of ours, beside the passage it concerns: the passage's text is left as printed."""
    quoted = f" “{escape(correction.original)}”" if correction.original else ""
    return (
        f'<p style="font-size:small; color:{theme.muted}; margin-left:18px; margin-top:0">'
        f'<span style="color:{theme.accent}">[{escape(correction.label)}{quoted}]</span> '
        f"<i>Ours:</i> {escape(correction.note.removeprefix('Our note: '))}</p>"
    )


def _banner(label: str, text: str, colour: str) -> str:
    return (
        f'<table width="100%" cellpadding="10" cellspacing="0" style="margin-top:8px; margin-bottom:8px;'
        f' background-color:{colour}"><tr><td><b>{label}:</b> {escape(text)}</td></tr></table>'
    )


def _block(p: Passage, body: str, focused: bool, theme: Theme) -> str:
    tint = f' style="background-color:{theme.focus}"' if focused else ""
    muted, accent = theme.muted, theme.accent
    match p.kind:
        case "heading":
            level = min(max(p.level, 1) + 1, 4)
            return f"<h{level}>{body}</h{level}>"
        case "byline":
            return f'<p style="color:{muted}; margin-top:0; margin-bottom:2px">{body}</p>'
        case "quote":
            return f"<blockquote><p{tint}>{body}</p></blockquote>"
        case "verse":
            return f"<blockquote><p{tint}><i>{body}</i></p></blockquote>"
        case "list_item":
            return f'<p style="margin-left:28px"><span style="color:{muted}">{escape(p.label)}.</span> {body}</p>'
        case "note":
            label = f'<span style="color:{accent}">{escape(p.label)}</span> ' if p.label else ""
            return f'<p style="font-size:small"{tint}>{label}{body}</p>'
        case "bibliography":
            return f'<p style="font-size:small; margin-left:24px">{body}</p>'
        case "caption":
            return (
                f'<p style="color:{muted}"{tint}><span style="font-size:small">[image not in corpus]</span>'
                f" <i>{body}</i></p>"
            )
    return f"<p{tint}>{body}</p>"


def _marked(
    text: str,
    spans: Sequence[Span],
    notes: Sequence[NoteRef],
    matches: list[tuple[str, int]],
    pid: str,
    theme: Theme,
    terms: Sequence[TermSpan] = (),
) -> str:
    """`text` escaped, with match spans marked, note markers as superscript links and glossary terms underlined.

    A note marker never splits a match (it goes after it); a term that meets a match or a marker is not marked.
    """
    marks: list[tuple[int, int, Mark]] = []  # (start, order at the same place, mark)
    tint = f'<span style="background-color:{theme.match}">'
    for a, b in sorted(spans):  # the anchors m0, m1, ... in reading order
        marks.append((a, 0, (a, b, f'<a name="m{len(matches)}">{tint}', "</span></a>")))
        matches.append((pid, b - a))
    for ref in notes:
        offset = next((b for a, b in spans if a <= ref.offset < b), ref.offset)
        marks.append((offset, 1, (offset, offset, _note_marker(ref, theme.accent), "")))
    for a, b, term_id in terms:
        if any(x < b and a < y for x, y in spans) or any(a < ref.offset < b for ref in notes):
            continue
        link = f'<a href="{TERM_SCHEME}:{escape(term_id)}" style="color:{theme.ink}; text-decoration:underline">'
        marks.append((a, 2, (a, b, link, "</a>")))
    return marked(text, (mark for _, _, mark in sorted(marks, key=lambda m: m[:2])), _text)


def _note_marker(ref: NoteRef, accent: str) -> str:
    target = f"{NOTE_SCHEME}:{ref.note_id}" if ref.note_id else f"{NOTE_SCHEME}:"
    return f'<sup><a href="{escape(target)}" style="color:{accent}; text-decoration:none">{escape(ref.label)}</a></sup>'


def _text(s: str) -> str:
    return escape(s, quote=False).replace("\n", "<br/>")


def note_texts(passages: Sequence[Passage]) -> dict[str, str]:
    """Each note's text by passage id, its label first; an 'Ibid.' says which note it repeats (ours)."""
    texts: dict[str, str] = {}
    last: Passage | None = None  # the last note that is not itself an 'Ibid.'
    for p in passages:
        if p.kind != "note":
            continue
        text = (f"{p.label}. " if p.label else "") + p.text
        if p.text.lstrip().lower().startswith("ibid") and last is not None:
            label = f"note {last.label}" if last.label else "the note before"
            text += f" [Our note: 'Ibid.' repeats {label}: {short(last.text, 90)}]"
        else:
            last = p
        texts[p.id] = text
    return texts


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
