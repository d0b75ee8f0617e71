"""The index of names (back-of-book and VHA style): each name, its forms, passages and events.

Everything here was derived when the store was built (see `core.name_forms`); this only reads it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from gulagreader.core.model import Name
from gulagreader.core.names.forms import TEXT, VARIANT
from gulagreader.core.store import Store

KINDS = ("person", "place", "camp", "organisation")


@dataclass(frozen=True)
class NameSummary:
    """One line of the index: a name and how often the texts print it."""

    id: str
    canonical: str
    kind: str
    cyrillic: tuple[str, ...]
    passages: int
    occurrences: int


@dataclass(frozen=True)
class PrintedSpelling:
    """A spelling the texts print, how often, where, and the romanisation it follows (if any)."""

    spelling: str
    count: int
    passages: tuple[str, ...]
    derivation: str = ""


@dataclass(frozen=True)
class NameEntry:
    """A name's entry: what the texts print, what we add (marked ours), and where it occurs."""

    id: str
    canonical: str
    kind: str
    cyrillic: tuple[tuple[str, str], ...]  # (language, form), ours
    spellings: tuple[PrintedSpelling, ...]
    variants: tuple[str, ...]  # ours
    derived: tuple[tuple[str, str], ...]  # (form, scheme it comes from), derived from our Cyrillic
    passages: tuple[str, ...]
    events: tuple[tuple[str, str], ...]  # (event id, title)
    note: str  # ours


class NamesIndex:
    """The gazetteer as an index over the open store."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._names = {n.id: n for n in store.db.names()}

    def names(self, kind: str | None = None) -> list[NameSummary]:
        """Every name (of `kind`), in alphabetical order of its canonical form."""
        counts = self._store.db.name_counts()
        chosen = [n for n in self._names.values() if kind is None or n.kind == kind]
        chosen.sort(key=lambda n: (n.canonical.casefold(), n.id))
        return [
            NameSummary(n.id, n.canonical, n.kind, tuple(c for _, c in n.own_script), *counts.get(n.id, (0, 0)))
            for n in chosen
        ]

    def get(self, name_id: str) -> Name | None:
        return self._names.get(name_id)

    def entry(self, name_id: str) -> NameEntry | None:
        """The entry of `name_id`, or None if the gazetteer has no such name."""
        name = self._names.get(name_id)
        if name is None:
            return None
        printed = self._store.db.name_passages(name_id)
        hidden = self._store.hidden_sources
        printed = [(p, s) for p, s in printed if p.split(".", 1)[0] not in hidden]
        forms = self._store.db.name_forms(name_id)
        derivations = {f.form: f.derivation for f in forms if f.origin == TEXT}
        counts = Counter(s for _, s in printed)
        where: dict[str, list[str]] = {}
        for passage_id, spelling in printed:
            where.setdefault(spelling, [])
            if passage_id not in where[spelling]:
                where[spelling].append(passage_id)
        spellings = [
            PrintedSpelling(s, counts[s], tuple(where[s]), derivations.get(s, _derivation(s, derivations)))
            for s in sorted(counts, key=lambda s: (-counts[s], s))
        ]
        # a spelling listed but not found in the texts shown (a hidden source's) keeps its line, count 0
        spellings += [PrintedSpelling(s, 0, (), derivations.get(s, "")) for s in name.spellings if s not in counts]
        passages = tuple(dict.fromkeys(p for p, _ in printed))
        mine = set(passages)
        events = tuple(
            (e.id, e.title)
            for e in self._store.db.events()
            if name_id in e.places or any(mine.intersection(a.passage_ids) for a in e.accounts)
        )
        derived = tuple(
            (f.form, f.origin) for f in forms if f.origin not in (TEXT, VARIANT) and "(ours)" not in f.origin
        )
        return NameEntry(
            id=name.id,
            canonical=name.canonical,
            kind=name.kind,
            cyrillic=name.own_script,
            spellings=tuple(spellings),
            variants=name.variants,
            derived=derived,
            passages=passages,
            events=events,
            note=name.note,
        )

    def names_in_passage(self, passage_id: str) -> list[tuple[str, str]]:
        """(name id, canonical) of each name a passage prints, once each, in order."""
        ids = dict.fromkeys(i for i, _ in self._store.db.names_in_passage(passage_id))
        return [(i, self._names[i].canonical) for i in ids if i in self._names]


def _derivation(printed: str, derivations: dict[str, str]) -> str:
    """A spelling printed in another case or with other capitals than the gazetteer lists it."""
    for spelling, derivation in derivations.items():
        if spelling.casefold() == printed.casefold():
            return derivation
    return ""
