"""Finding a bookmark's text again after the corpus changed.

The order follows how an edition changes: first the bookmark's own passage (its id is stable;
the text may have shifted or been corrected), then the quote anywhere in the corpus (the passage
was renumbered, moved or merged), preferring the same source and the best prefix/suffix match.
A bookmark whose text is found nowhere is kept, marked 'orphaned', with its quote.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import replace

from gulagreader.core.bookmarks.model import Bookmark, TextPositionSelector, TextQuoteSelector, quote_at
from gulagreader.core.model import Passage

_MIN_CONTEXT = 8  # characters of prefix or suffix needed to place an edited selection
_MIN_SIMILARITY = 0.6
_DISTINCTIVE = 48  # a quote this long is taken as itself anywhere; a shorter one also needs its context


def reanchor(bookmark: Bookmark, passage: Passage | None, containing: Callable[[str], Iterable[Passage]]) -> Bookmark:
    """`bookmark` placed in the current corpus.

    Args:
        bookmark: as stored.
        passage: the passage with the bookmark's id now, or None when it is gone.
        containing: every current passage whose text contains a string.
    """
    hint = bookmark.position.start
    if passage is not None:
        if bookmark.whole_passage:
            return _placed(bookmark, passage, 0, len(passage.text), "anchored")
        found = _locate(passage.text, bookmark.quote, hint)
        if found is not None:
            return _placed(bookmark, passage, found[0], found[1], "anchored")
    elsewhere = _best_elsewhere(bookmark, passage, containing(bookmark.quote.exact))
    if elsewhere is not None:
        other, start, end = elsewhere
        moved = replace(bookmark, whole_passage=bookmark.whole_passage and (start, end) == (0, len(other.text)))
        return _placed(moved, other, start, end, "moved")
    if passage is not None:
        edited = _locate_edited(passage.text, bookmark.quote, hint)
        if edited is not None:
            return _placed(bookmark, passage, edited[0], edited[1], "anchored")
    return bookmark if bookmark.status == "orphaned" else replace(bookmark, status="orphaned")


def _placed(bookmark: Bookmark, passage: Passage, start: int, end: int, status: str) -> Bookmark:
    if bookmark.status == "moved" and status == "anchored" and passage.id == bookmark.passage_id:
        status = "moved"  # still where it moved to: keep telling the reader it moved
    return replace(
        bookmark,
        passage_id=passage.id,
        source_id=passage.source_id,
        quote=quote_at(passage.text, start, end),
        position=TextPositionSelector(start, end),
        status=status,
    )


def _best_elsewhere(
    bookmark: Bookmark, own: Passage | None, candidates: Iterable[Passage]
) -> tuple[Passage, int, int] | None:
    best: tuple[tuple[int, int, int], Passage, int, int] | None = None
    for order, candidate in enumerate(candidates):
        if own is not None and candidate.id == own.id:
            continue
        found = _locate(candidate.text, bookmark.quote, bookmark.position.start)
        if found is None:
            continue
        start, end, context = found
        if context < _MIN_CONTEXT and len(bookmark.quote.exact) < _DISTINCTIVE:
            continue
        rank = (int(candidate.source_id == bookmark.source_id), context, -order)
        if best is None or rank > best[0]:
            best = (rank, candidate, start, end)
    return None if best is None else (best[1], best[2], best[3])


def _locate(text: str, quote: TextQuoteSelector, hint: int) -> tuple[int, int, int] | None:
    """The occurrence of the exact quote whose surroundings match best: (start, end, context score)."""
    if not quote.exact:
        return None
    best: tuple[tuple[int, int], int] | None = None
    at = text.find(quote.exact)
    while at != -1:
        score = _common_suffix(text[:at], quote.prefix) + _common_prefix(text[at + len(quote.exact) :], quote.suffix)
        rank = (score, -abs(at - hint))
        if best is None or rank > best[0]:
            best = (rank, at)
        at = text.find(quote.exact, at + 1)
    if best is None:
        return None
    return best[1], best[1] + len(quote.exact), best[0][0]


def _locate_edited(text: str, quote: TextQuoteSelector, hint: int) -> tuple[int, int] | None:
    """Where an edited selection now sits: between its old prefix and suffix, if it still looks alike."""
    prefix, suffix = quote.prefix[-16:], quote.suffix[:16]
    if len(prefix) < _MIN_CONTEXT and len(suffix) < _MIN_CONTEXT:
        return None
    starts = _ends_of(text, prefix) if prefix else [0]
    best: tuple[tuple[float, int], int, int] | None = None
    for start in starts:
        ends = _starts_of(text, suffix, start + 1) if suffix else [len(text)]
        for end in ends:
            similarity = difflib.SequenceMatcher(None, quote.exact, text[start:end], autojunk=False).ratio()
            rank = (similarity, -abs(start - hint))
            if similarity >= _MIN_SIMILARITY and (best is None or rank > best[0]):
                best = (rank, start, end)
    return None if best is None else (best[1], best[2])


def _ends_of(text: str, part: str) -> list[int]:
    out, at = [], text.find(part)
    while at != -1:
        out.append(at + len(part))
        at = text.find(part, at + 1)
    return out


def _starts_of(text: str, part: str, after: int) -> list[int]:
    out, at = [], text.find(part, after)
    while at != -1:
        out.append(at)
        at = text.find(part, at + 1)
    return out


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
