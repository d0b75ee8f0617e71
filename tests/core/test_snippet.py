"""The snippet is the window around the densest run of matches: the one found by counting, for each
match, the matches within the window's width of it."""

from __future__ import annotations

import random

from gulagreader.core.highlight import SNIPPET_CHARS, highlights, snippet
from gulagreader.core.search import SearchService

Span = tuple[int, int]


def _densest_by_counting(spans: list[Span], width: int) -> int:
    best, best_count = spans[0][0], 0
    for s, _ in spans:
        count = sum(1 for a, b in spans if s <= a and b <= s + width)
        if count > best_count:
            best, best_count = s, count
    return best


def _apart(rng: random.Random, length: int) -> list[Span]:
    spans: list[Span] = []
    at = 0
    while True:
        at += rng.randrange(0, 200 if rng.random() < 0.5 else 40)
        size = rng.randrange(1, 300 if rng.random() < 0.05 else 15)
        if at + size > length:
            return spans
        spans.append((at, at + size))
        at += size + rng.randrange(1, 5)


def _snippet_by_counting(text: str, spans: list[Span], width: int) -> tuple[str, int]:
    """The snippet as it was first written: every match counted against every other."""
    start = max(0, _densest_by_counting(spans, width) - width // 4) if spans else 0
    end = min(len(text), start + width)
    start = max(0, end - width)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > end - 30 else end
    return text[start:end], start


def test_the_window_is_the_one_found_by_counting_every_match() -> None:
    rng = random.Random(21)
    for _ in range(3000):
        text = "".join(rng.choice("ab  cdef") for _ in range(rng.randrange(300, 3000)))
        spans = _apart(rng, len(text))
        width = rng.choice([SNIPPET_CHARS, 50, 10])
        assert snippet(text, spans, width) == _snippet_by_counting(text, spans, width), (spans, width)


def test_a_hit_shows_the_window_with_most_of_its_matches(search: SearchService) -> None:
    for hit in search.search("prisoners", limit=20).hits:
        spans = highlights(hit.text, search.matcher_for("prisoners"))
        if len(hit.text) > SNIPPET_CHARS and spans:
            assert hit.snippet_start <= _densest_by_counting(spans, SNIPPET_CHARS)
            assert any(hit.snippet_start <= a and b <= hit.snippet_start + len(hit.snippet) for a, b in spans)
