"""What a query word may also mean: name variants, transliterations, and 'did you mean'.

Built once per store from the gazetteer and the corpus word list; pure Python, no engine.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from gulagreader.core.model import Name
from gulagreader.core.text import edit_distance, folded_words, skeleton


class Lexicon:
    """Expansions of query words, over the words that actually occur in the corpus."""

    def __init__(self, names: Iterable[Name], vocabulary: Iterable[tuple[str, str, int, bool]]) -> None:
        self.freq: dict[str, int] = {}
        self._proper_by_skeleton: dict[str, set[str]] = defaultdict(set)
        self._proper: set[str] = set()
        for word, skel, freq, proper in vocabulary:
            self.freq[word] = freq
            if proper:
                self._proper.add(word)
                self._proper_by_skeleton[skel].add(word)
        self._aliases: dict[str, set[str]] = defaultdict(set)
        self._deletions: dict[str, set[str]] | None = None
        for name in names:
            for group in _alias_groups(name, self._is_generic):
                for word in group:
                    self._aliases[word] |= group
        self._expanded: dict[str, tuple[str, ...]] = {}

    def _is_generic(self, word: str) -> bool:
        """An ordinary word of the texts ('camp', 'mine'), as opposed to a name."""
        return word in self.freq and word not in self._proper

    def expand(self, word: str) -> tuple[str, ...]:
        """`word` plus every corpus spelling it may stand for (sorted, `word` first)."""
        if word not in self._expanded:
            if len(self._expanded) > 10_000:
                self._expanded.clear()
            self._expanded[word] = self._expand(word)
        return self._expanded[word]

    def _expand(self, word: str) -> tuple[str, ...]:
        found = {word}
        found |= self._aliases.get(word, set())
        for alias in list(found):
            found |= self._proper_by_skeleton.get(skeleton(alias), set())
        others = sorted(w for w in found if w != word and (w in self.freq or w in self._aliases))
        return (word, *others)

    def knows(self, word: str) -> bool:
        """Whether the corpus has `word` or a spelling it stands for."""
        return any(w in self.freq for w in self.expand(word))

    def near(self, word: str, limit: int) -> list[str]:
        """Corpus words within `limit` edits of `word`, closest and most frequent first.

        Candidates come from a deletion index (each word with one letter dropped), so this is
        a few dictionary look-ups rather than a scan of the whole word list.
        """
        if self._deletions is None:
            self._deletions = defaultdict(set)
            for known in self.freq:
                for key in _deletes(known):
                    self._deletions[key].add(known)
        candidates: set[str] = set()
        for key in _deletes(word):
            candidates |= self._deletions.get(key, set())
        scored = [(edit_distance(word, c, limit + 1), -self.freq[c], c) for c in candidates]
        return [c for d, _, c in sorted(scored) if d <= limit]

    def suggest(self, word: str) -> str | None:
        """The corpus word closest to an unknown `word` (one or two edits), or None."""
        if self.knows(word) or len(word) < 3:
            return None
        found = self.near(word, 2 if len(word) >= 6 else 1)
        return found[0] if found else None

    def is_proper(self, word: str) -> bool:
        return word in self._proper


def _deletes(word: str) -> set[str]:
    """`word` and every form of it with one letter dropped."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _alias_groups(name: Name, is_generic: Callable[[str], bool]) -> list[set[str]]:
    """The words that name the referent on their own: the last word of each form (the surname,
    the place), never a first name ('Kuzma' of 'Kuzma Derevyanko') nor a generic word ('camp')."""
    forms = []
    for form in (*name.spellings, *name.variants):
        form = form.replace("'", "").replace("’", "").replace("ʹ", "")  # Kuz'ma Derev'ianko: one word each
        surname, comma, rest = form.partition(",")
        words = folded_words(f"{rest} {surname}" if comma else form)  # 'Hrytsiak, Yevhen' is inverted
        words = [w for w in words if len(w) > 2 and not is_generic(w)]
        if words:
            forms.append(words)
    first_names = {f[0] for f in forms if len(f) > 1}
    group = {f[-1] for f in forms} - first_names
    return [group] if len(group) > 1 else []
