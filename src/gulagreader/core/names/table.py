"""Names across accounts: which gazetteer names each account uses, and how it spells them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from gulagreader.core.model import Name, Passage
from gulagreader.core.text import fold, words_as_written

# The same word rule as gulagreader.core.text: letters and digits; apostrophes and hyphens split.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_KIND_ORDER = {"person": 0, "place": 1, "camp": 2, "organisation": 3}


@dataclass(frozen=True)
class NameUse:
    """One name of the event and, per column, each spelling the column's passages use with its count."""

    name: Name
    cells: tuple[tuple[tuple[str, int], ...], ...]

    @property
    def total(self) -> int:
        return sum(n for cell in self.cells for _, n in cell)

    @property
    def columns(self) -> tuple[int, ...]:
        """The columns (by index) whose accounts name it."""
        return tuple(i for i, cell in enumerate(self.cells) if cell)


class NameFinder:
    """Finds the gazetteer's spellings in passages, in whatever case or diacritics the text writes them.

    A spelling matches whole words; where one spelling of a name contains another
    ('Kozma N. Derevianko', 'Derevianko') an occurrence counts once, as the longer.
    """

    def __init__(self, names: Iterable[Name]) -> None:
        self._names = {n.id: n for n in names}
        self._by_first: dict[str, list[tuple[str, tuple[str, ...], tuple[int, ...]]]] = {}
        for name in self._names.values():
            for spelling in name.spellings:
                words = _WORD.findall(spelling)
                if words:
                    entry = (name.id, tuple(fold(w) for w in words), tuple(_case(w) for w in words))
                    self._by_first.setdefault(fold(words[0]), []).append(entry)
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[1]))
        # where a spelling may start: its one word, or its first two ('the Master' is not every 'the')
        every = [entry for same_first in self._by_first.values() for entry in same_first]
        self._one_word = {words[0] for _, words, _ in every if len(words) == 1}
        self._two_words = {words[:2] for _, words, _ in every if len(words) > 1}

    def occurrences(self, text: str, written: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """(name id, spelling as written) for every name occurrence in `text`, in order.

        `written` is `words_as_written(text)`, if at hand. Only the words that start a spelling are
        looked at; an ASCII passage is folded in one call, and its words' places are found only
        when it names someone.
        """
        if written is None:
            written = words_as_written(text)
        keys = " ".join(written).lower().split() if text.isascii() else [fold(w) for w in written]
        one = self._one_word.intersection(keys)
        two = self._two_words.intersection(pairwise(keys))
        if not one and not two:
            return []
        found: list[tuple[str, str]] = []
        covered: dict[str, int] = {}  # name id -> word index its last occurrence reaches
        spans: list[tuple[int, int]] = []
        starts = [i for i, pair in enumerate(pairwise([*keys, ""])) if pair[0] in one or pair in two]
        for i in starts:
            for name_id, words, capitals in self._by_first[keys[i]]:
                if covered.get(name_id, 0) > i or not _matches(written, keys, i, words, capitals):
                    continue
                covered[name_id] = i + len(words)
                spans = spans or [m.span() for m in _WORD.finditer(text)]
                found.append((name_id, text[spans[i][0] : spans[i + len(words) - 1][1]]))
        return found

    def table(self, columns: Sequence[Sequence[Passage]]) -> tuple[NameUse, ...]:
        """Each name found in any column, people first, then places, camps and organisations."""
        counts: dict[str, list[Counter[str]]] = {}
        for index, passages in enumerate(columns):
            for passage in passages:
                for name_id, spelling in self.occurrences(passage.text):
                    counts.setdefault(name_id, [Counter() for _ in columns])[index][spelling] += 1
        uses = [
            NameUse(self._names[name_id], tuple(tuple(sorted(c.items(), key=lambda s: (-s[1], s[0]))) for c in cells))
            for name_id, cells in counts.items()
        ]
        uses.sort(key=lambda u: (_KIND_ORDER.get(u.name.kind, 9), -u.total, u.name.canonical))
        return tuple(uses)


_LOWER, _CAPITALISED, _ACRONYM = 0, 1, 2


def _case(word: str) -> int:
    if 2 <= len(word) <= 4 and word.isupper():
        return _ACRONYM
    return _CAPITALISED if word[0].isupper() else _LOWER


def _matches(
    written: Sequence[str], keys: Sequence[str], at: int, words: tuple[str, ...], capitals: tuple[int, ...]
) -> bool:
    if at + len(words) > len(keys):
        return False
    for offset, (word, capital) in enumerate(zip(words, capitals, strict=True)):
        raw, key = written[at + offset], keys[at + offset]
        # A capitalised spelling ('Rose', 'Mine') does not match the same word in lower case; an
        # acronym ('USA') matches only in capitals, and a short word in capitals is an acronym ('Usa').
        if key != word or (capital and not raw[0].isupper()):
            return False
        if (capital == _ACRONYM) != (_case(raw) == _ACRONYM):
            return False
    return True
