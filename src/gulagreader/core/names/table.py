"""Names across accounts: which gazetteer names each account uses, and how it spells them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gulagreader.core.model import Name, Passage
from gulagreader.core.text import fold

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

    def occurrences(self, text: str, written: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """(name id, spelling as written) for every name occurrence in `text`, in order.

        `written` is `words_as_written(text)`, if at hand: an ASCII passage none of whose words
        starts a spelling is passed over without a look at each word.
        """
        if written is not None and text.isascii() and self._by_first.keys().isdisjoint(map(str.lower, written)):
            return []
        tokens = [(m.group(), fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
        found: list[tuple[str, str]] = []
        covered: dict[str, int] = {}  # name id -> token index its last occurrence reaches
        for i, (_, key, _, _) in enumerate(tokens):
            for name_id, words, capitals in self._by_first.get(key, ()):
                if covered.get(name_id, 0) > i or not _matches(tokens, i, words, capitals):
                    continue
                covered[name_id] = i + len(words)
                found.append((name_id, text[tokens[i][2] : tokens[i + len(words) - 1][3]]))
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
    tokens: list[tuple[str, str, int, int]], at: int, words: tuple[str, ...], capitals: tuple[int, ...]
) -> bool:
    if at + len(words) > len(tokens):
        return False
    for offset, (word, capital) in enumerate(zip(words, capitals, strict=True)):
        raw, key, _, _ = tokens[at + offset]
        # A capitalised spelling ('Rose', 'Mine') does not match the same word in lower case; an
        # acronym ('USA') matches only in capitals, and a short word in capitals is an acronym ('Usa').
        if key != word or (capital and not raw[0].isupper()):
            return False
        if (capital == _ACRONYM) != (_case(raw) == _ACRONYM):
            return False
    return True
