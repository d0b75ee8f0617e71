"""The concordance (key word in context): every occurrence of a query, one line each.

Researchers read it to see how a name or a term is used across the corpus: the matches line up
in one column, with the words before and after them on either side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gulagreader.core.search import Hit, SearchService
from gulagreader.core.search_filters import NO_FILTERS, SearchFilters
from gulagreader.core.text import folded_words

CONTEXT_CHARS = 70
MAX_PASSAGES = 1000  # the search service's own ceiling
# How the lines can be ordered: key -> words (the concordance's Sort box)
CONCORDANCE_ORDERS = {"source": "by source", "left": "by the word before", "right": "by the word after"}


@dataclass(frozen=True)
class ConcordanceLine:
    """One occurrence: the words before it, the match, the words after it, and where it is."""

    passage_id: str
    source_id: str
    source_title: str
    left: str
    match: str
    right: str
    start: int  # of the match in the passage text
    occurrence: int  # 0 for the passage's first match, 1 for its second...
    order: int  # place in the corpus: sources in order, each passage by passage
    also_in: int = 0  # how many reprints of the passage were folded into this line


@dataclass(frozen=True)
class Concordance:
    """Every occurrence of `query` in the passages it finds (reprints counted once)."""

    query: str
    lines: tuple[ConcordanceLine, ...]
    passages: int
    message: str = ""
    truncated: bool = False


def concordance(
    service: SearchService, query: str, filters: SearchFilters = NO_FILTERS, width: int = CONTEXT_CHARS
) -> Concordance:
    """The lines of `query` in corpus order, narrowed by `filters` as `SearchService.search` is."""
    if not query.strip():
        return Concordance(query, (), 0)
    result = service.search(query, limit=MAX_PASSAGES, filters=filters.replace(order="source"))
    lines: list[ConcordanceLine] = []
    for order, hit in enumerate(result.hits):
        lines += _lines_of(hit, order, width)
    truncated = len(result.hits) >= MAX_PASSAGES
    return Concordance(query, tuple(lines), len(result.hits), result.message, truncated)


def _lines_of(hit: Hit, order: int, width: int) -> list[ConcordanceLine]:
    text = hit.text
    return [
        ConcordanceLine(
            passage_id=hit.passage_id,
            source_id=hit.source_id,
            source_title=hit.source_title,
            left=_left(text[:a], width),
            match=_flat(text[a:b]),
            right=_right(text[b:], width),
            start=a,
            occurrence=i,
            order=order,
            also_in=len(hit.also_in),
        )
        for i, (a, b) in enumerate(hit.highlights)
    ]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _left(text: str, width: int) -> str:
    """The last `width` characters before a match, starting at a word."""
    flat = _flat(text)
    if text[-1:].isspace() and flat:
        flat += " "
    if len(flat) <= width:
        return flat
    cut = flat[-width:]
    space = cut.find(" ")
    return "…" + (cut[space:] if 0 <= space < width // 3 else cut)


def _right(text: str, width: int) -> str:
    """The first `width` characters after a match, ending at a word."""
    flat = _flat(text)
    if text[:1].isspace() and flat:
        flat = " " + flat
    if len(flat) <= width:
        return flat
    cut = flat[:width]
    space = cut.rfind(" ")
    return (cut[:space] if space > width * 2 // 3 else cut) + "…"


def sort_lines(lines: Sequence[ConcordanceLine], by: str) -> list[ConcordanceLine]:
    """`lines` by `source` (corpus order), `left` (the words before, nearest first) or `right`."""
    if by == "left":
        return sorted(lines, key=lambda ln: (folded_words(ln.left)[::-1], ln.order, ln.start))
    if by == "right":
        return sorted(lines, key=lambda ln: (folded_words(ln.right), ln.order, ln.start))
    if by != "source":
        raise ValueError(f"sort by one of {', '.join(CONCORDANCE_ORDERS)}, not {by!r}")
    return sorted(lines, key=lambda ln: (ln.order, ln.start))
