"""What a query word may also mean: name variants, transliterations, and 'did you mean'.

Built from the gazetteer and the corpus word list; pure Python, no engine. The word list is looked
up word by word (a `WordList`, in practice the corpus database) rather than loaded whole: a corpus
of a million passages has hundreds of thousands of words, and the reader should not wait for them.
"""

from __future__ import annotations

from _thread import allocate_lock as new_lock  # threading.Lock itself; `threading` costs a search ~1 ms
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Protocol

from gulagreader.core.text import edit_distance, folded_words, skeleton

if TYPE_CHECKING:
    from gulagreader.core.model import Name

# 'Did you mean' looks among this many of the commonest words (and every gazetteer name): a
# suggestion should be a word the reader will find, and the deletion index of a whole large
# vocabulary would take seconds and hundreds of megabytes. The bundled edition has ~8,000 words.
SUGGESTION_WORDS = 30_000
# ...and only among words of at most this many letters, and only for query words of at most this many:
# the deletion keys of a word of n letters are n strings of n - 1 letters (n² letters in all), so one
# pasted blob of 15,000 letters made 225 million. No word that wants a 'did you mean' is that long.
SUGGESTION_LONGEST = 40


class WordList(Protocol):
    """The corpus word list, looked up on demand."""

    def word_counts(self, words: Iterable[str]) -> dict[str, tuple[int, bool]]: ...

    def proper_words_with_skeleton(self, skeleton: str) -> list[str]: ...

    def commonest_words(self, limit: int) -> list[tuple[str, int]]: ...

    def suggestion_candidates(self, keys: Iterable[str]) -> dict[str, int] | None: ...


class Lexicon:
    """Expansions of query words, over the words that actually occur in the corpus.

    Safe to use from several threads at once: its caches of looked-up words are guarded by a lock.
    """

    def __init__(
        self, names: Iterable[Name], words: WordList, aliases: Mapping[str, frozenset[str]] | None = None
    ) -> None:
        """`aliases`: the name aliases the store's build computed (`name_aliases`); else they are
        computed here from `names`."""
        self._words = words
        self._lock = new_lock()
        self._counts: dict[str, tuple[int, bool] | None] = {}
        if aliases is None:
            names = list(names)
            self._counts_of(w for name in names for form in _name_forms(name) for w in form)  # at once
            aliases = name_aliases(names, self._is_generic)
        self._aliases = aliases
        self._deletions: dict[str, set[str]] | None = None
        self._freq: dict[str, int] = {}  # of the words in the deletion index
        self._expanded: dict[str, tuple[str, ...]] = {}

    def _counts_of(self, words: Iterable[str]) -> dict[str, tuple[int, bool] | None]:
        """How often each of `words` occurs and whether it is mostly capitalised (None: never),
        from the cache or else from the word list."""
        found: dict[str, tuple[int, bool] | None] = {}
        wanted = set()
        with self._lock:
            for word in words:
                if word in self._counts:
                    found[word] = self._counts[word]
                else:
                    wanted.add(word)
        if wanted:
            looked_up = self._words.word_counts(wanted)
            found.update((word, looked_up.get(word)) for word in wanted)
            with self._lock:
                if len(self._counts) > 50_000:
                    self._counts.clear()
                self._counts.update((word, found[word]) for word in wanted)
        return found

    def _count(self, word: str) -> tuple[int, bool] | None:
        return self._counts_of((word,))[word]

    def _is_generic(self, word: str) -> bool:
        """An ordinary word of the texts ('camp', 'mine'), as opposed to a name."""
        count = self._count(word)
        return count is not None and not count[1]

    def frequency(self, word: str) -> int:
        """How often `word` occurs in the corpus (0: never)."""
        count = self._count(word)
        return count[0] if count else 0

    def expand(self, word: str) -> tuple[str, ...]:
        """`word` plus every corpus spelling it may stand for (sorted, `word` first)."""
        with self._lock:
            expanded = self._expanded.get(word)
        if expanded is None:
            expanded = self._expand(word)
            with self._lock:
                if len(self._expanded) > 10_000:
                    self._expanded.clear()
                self._expanded[word] = expanded
        return expanded

    def _expand(self, word: str) -> tuple[str, ...]:
        found = {word}
        found |= self._aliases.get(word, frozenset())
        for alias in list(found):
            found.update(self._words.proper_words_with_skeleton(skeleton(alias)))
        counts = self._counts_of(found)
        others = sorted(w for w in found if w != word and (counts.get(w) or w in self._aliases))
        return (word, *others)

    def knows(self, word: str) -> bool:
        """Whether the corpus has `word` or a spelling it stands for."""
        return any(self._counts_of(self.expand(word)).values())

    def near(self, word: str, limit: int) -> list[str]:
        """Corpus words within `limit` edits of `word`, closest and most frequent first.

        Candidates come from a deletion index (each word with one letter dropped), so this is
        a few look-ups rather than a scan of the whole word list. The index holds the
        SUGGESTION_WORDS commonest words and the gazetteer's names. The store keeps it (built with
        the store from `suggestion_words`); for a store without it, it is built here on first use.
        """
        if len(word) > SUGGESTION_LONGEST + limit:  # no word of the index is that close
            return []
        keys = _deletes(word)
        candidates = self._words.suggestion_candidates(keys)
        if candidates is None:  # a store built without the index: built here on first use
            with self._lock:
                deletions = self._deletions
            if deletions is None:
                deletions = self._deletion_index()
                with self._lock:
                    self._deletions = deletions
            found: set[str] = set()
            for key in keys:
                found |= deletions.get(key, set())
            candidates = {c: self._freq[c] for c in found}
        scored = [(edit_distance(word, c, limit + 1), -freq, c) for c, freq in candidates.items()]
        return [c for d, _, c in sorted(scored) if d <= limit]

    def _deletion_index(self) -> dict[str, set[str]]:
        freq = dict(self._words.commonest_words(SUGGESTION_WORDS))
        names = self._counts_of(w for w in self._aliases if w not in freq)
        freq.update((w, c[0]) for w, c in names.items() if c)
        self._freq = freq
        deletions: dict[str, set[str]] = defaultdict(set)
        for known in freq:
            if len(known) > SUGGESTION_LONGEST:
                continue
            for key in _deletes(known):
                deletions[key].add(known)
        return deletions

    def suggest(self, word: str) -> str | None:
        """The corpus word closest to an unknown `word` (one or two edits), or None."""
        if len(word) < 3 or len(word) > SUGGESTION_LONGEST + 2 or self.knows(word):
            return None
        found = self.near(word, 2 if len(word) >= 6 else 1)
        return found[0] if found else None

    def is_proper(self, word: str) -> bool:
        count = self._count(word)
        return count is not None and count[1]


def name_aliases(names: Iterable[Name], is_generic: Callable[[str], bool]) -> dict[str, frozenset[str]]:
    """Each word that names a referent on its own with the other words that name it ('vorkuta':
    'workuta', 'vorkouta'...): the store keeps them, computed once when it is built. `is_generic`
    tells an ordinary word of the texts ('camp'), which is never an alias."""
    aliases: dict[str, set[str]] = defaultdict(set)
    for name in names:
        # A multi-word form of a place, camp or organisation is a phrase, found whole (the names
        # field of the index): its last word is not the name ('Norilsk Gulag' is not 'Gulag').
        forms = [f for f in _name_forms(name) if name.kind == "person" or len(f) == 1]
        for group in _alias_groups(forms, is_generic):
            for word in group:
                aliases[word] |= group
    return {word: frozenset(group) for word, group in aliases.items()}


def suggestion_words(vocabulary: list[tuple[str, str, int, bool]], names: Iterable[Name]) -> list[str]:
    """The words the store's suggestion index holds: the SUGGESTION_WORDS commonest words of the
    corpus and every word of the gazetteer's names that occurs in it, none longer than SUGGESTION_LONGEST
    and none with a digit."""
    # a word with a digit in it ('camp29', a piece of a pasted base64 blob) is not one to suggest
    short = [v for v in vocabulary if len(v[0]) <= SUGGESTION_LONGEST and not any(c.isdigit() for c in v[0])]
    words = _commonest(short, SUGGESTION_WORDS)
    known = {v[0] for v in short}
    words.update(w for name in names for form in _name_forms(name) for w in form if w in known)
    return sorted(words)


def _commonest(vocabulary: list[tuple[str, str, int, bool]], limit: int) -> set[str]:
    """The first `limit` words of `vocabulary` by (-frequency, word), found without sorting it all:
    every word above the last one's frequency, then the first alphabetically of those at it."""
    if len(vocabulary) <= limit:
        return {v[0] for v in vocabulary}
    if limit <= 0:
        return set()
    last = sorted((v[2] for v in vocabulary), reverse=True)[limit - 1]
    words = {v[0] for v in vocabulary if v[2] > last}
    tied = sorted(v[0] for v in vocabulary if v[2] == last)
    words.update(tied[: limit - len(words)])
    return words


def _deletes(word: str) -> set[str]:
    """`word` and every form of it with one letter dropped."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _name_forms(name: Name) -> list[list[str]]:
    """The folded words of each spelling and variant of `name`, surname last."""
    forms = []
    for form in (*name.spellings, *name.variants):
        form = form.replace("'", "").replace("’", "").replace("ʹ", "")  # Kuz'ma Derev'ianko: one word each
        surname, comma, rest = form.partition(",")
        forms.append(folded_words(f"{rest} {surname}" if comma else form))  # 'Hrytsiak, Yevhen' is inverted
    return forms


def _alias_groups(forms: list[list[str]], is_generic: Callable[[str], bool]) -> list[set[str]]:
    """The words that name the referent on their own: the last word of each form (the surname,
    the place), never a first name ('Kuzma' of 'Kuzma Derevyanko') nor a generic word ('camp')."""
    kept = [[w for w in words if len(w) > 2 and not is_generic(w)] for words in forms]
    kept = [words for words in kept if words]
    first_names = {f[0] for f in kept if len(f) > 1}
    group = {f[-1] for f in kept} - first_names
    return [group] if len(group) > 1 else []
