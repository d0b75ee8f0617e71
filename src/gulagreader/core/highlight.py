"""Where a query matched inside a passage, and the snippet to show around it.

Offsets are into the passage text. Matching mirrors the index: folded words, English stems,
phrases, prefixes and fuzzy words.
"""

# No postponed annotations here: a search process defines this module's named tuples (CONTRIBUTING.md, Start-up).

from functools import lru_cache
from typing import NamedTuple

from gulagreader.core.spans import merged
from gulagreader.core.text import edit_distance, words

SNIPPET_CHARS = 240


class Matcher(NamedTuple):
    """The positive parts of a query, in the form the highlighter needs (a named tuple: a search
    process defines it at start, at a quarter of a frozen dataclass's cost)."""

    exact: frozenset[str] = frozenset()
    stemmed: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    fuzzy: tuple[tuple[str, int], ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.exact or self.stemmed or self.prefixes or self.fuzzy or self.phrases)


def highlights(text: str, matcher: Matcher) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of `text` that the query matched."""
    exact, stemmed, prefixes, fuzzy, phrases = matcher  # once each: this runs for every hit shown
    if not (exact or stemmed or prefixes or fuzzy or phrases):
        return []
    tokens, by_word, by_stem = _analysed(text)
    hit: set[int] = set()
    for word in exact & by_word.keys():  # a name's many spellings: only those the passage has
        hit.update(by_word[word])
    for stem in stemmed & by_stem.keys():
        hit.update(by_stem[stem])
    if prefixes or fuzzy:
        for word, positions in by_word.items():
            if word.startswith(prefixes) or (fuzzy and _near_any(word, fuzzy)):
                hit.update(positions)
    spans = [(tokens[i][1], tokens[i][2]) for i in hit]
    for phrase in phrases:
        n = len(phrase)
        for i in by_word.get(phrase[0], ()):
            if tuple(t[0] for t in tokens[i : i + n]) == phrase:
                spans.append((tokens[i][1], tokens[i + n - 1][2]))
    if len(spans) < 2:
        return spans
    return merged(spans)


class _Analysed(NamedTuple):
    tokens: list[tuple[str, int, int]]
    by_word: dict[str, list[int]]
    by_stem: dict[str, list[int]]


@lru_cache(maxsize=4096)
def _analysed(text: str) -> _Analysed:
    """A passage's folded words with offsets, indexed by word and by stem (cached: passages recur)."""
    from gulagreader.core.index import stems as index_stems  # tantivy: not needed to paint the first window

    tokens = list(words(text))
    stemmed = index_stems(text)
    if len(stemmed) != len(tokens):  # the tokenizers disagreed: go word by word
        stemmed = [next(iter(index_stems(w)), w) for w, _, _ in tokens]
    by_word: dict[str, list[int]] = {}
    by_stem: dict[str, list[int]] = {}
    for i, ((word, _, _), stem) in enumerate(zip(tokens, stemmed, strict=True)):
        by_word.setdefault(word, []).append(i)
        by_stem.setdefault(stem, []).append(i)
    return _Analysed(tokens, by_word, by_stem)


@lru_cache(maxsize=65536)
def _near_any(word: str, fuzzy: tuple[tuple[str, int], ...]) -> bool:
    """Whether `word` is within its distance of any fuzzy word (cached: a passage's words recur)."""
    return any(_near(word, target, distance) for target, distance in fuzzy)


def _near(word: str, target: str, distance: int) -> bool:
    # A cheap bound first (a query of many fuzzy words meets every word of every hit): one edit
    # changes the set of letters by at most two.
    if abs(len(word) - len(target)) > distance or len(set(word) ^ set(target)) > 2 * distance:
        return False
    return edit_distance(word, target, distance + 1) <= distance


def snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> tuple[str, int]:
    """A window of about `width` characters around the densest run of matches: (text, start offset).

    `spans` are sorted and apart, as `highlights` gives them.
    """
    if len(text) <= width:
        return text, 0
    if not spans:
        start = 0
    else:
        # the first span that starts the most spans within `width` of its start (both ends of the
        # spans rise, so the last span that fits only moves on as the first does)
        best, best_count, last = spans[0][0], 0, 0
        for first, (s, _) in enumerate(spans):
            last = max(last, first)
            while last < len(spans) and spans[last][1] <= s + width:
                last += 1
            if last - first > best_count:
                best, best_count = s, last - first
        start = max(0, best - width // 4)
    end = min(len(text), start + width)
    start = max(0, end - width)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > end - 30 else end
    return text[start:end], start
