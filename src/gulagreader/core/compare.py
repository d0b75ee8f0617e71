"""Side-by-side accounts of one event: columns per account, rows per episode.

The events browser lists the catalogue's events on a timeline; `CompareService.compare` lines up
two to four accounts of one of them so that the same moment sits on the same row in every column.
A source that reprints another is not a column of its own: it is folded into the original's
column, each passage with its reprint and a word-level collation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gulagreader.core.collation import Collation, collate
from gulagreader.core.corpusdb import CorpusDB
from gulagreader.core.errors import NotFound, UserError
from gulagreader.core.figure_table import FigureRow, figure_rows
from gulagreader.core.model import Account, Discrepancy, Episode, Event, Passage, Source, kind_rank, visible_events
from gulagreader.core.names.table import NameFinder, NameUse
from gulagreader.core.store import Store

MAX_COLUMNS = 4
OTHER_PASSAGES = "Other passages"


class UnknownEvent(NotFound):
    """The event id is not in the catalogue."""

    def __init__(self, event_id: str) -> None:
        super().__init__("event", event_id, f"No event with id {event_id!r} (see 'gulagreader events' for the ids).")


@dataclass(frozen=True)
class EventSummary:
    """One line of the events timeline."""

    id: str
    title: str
    start: str
    end: str
    date_text: str
    places: tuple[str, ...]  # the places' names, as the gazetteer gives them
    accounts: int
    source_ids: tuple[str, ...]
    summary: str = ""
    kind: str = ""
    note: str = ""


@dataclass(frozen=True)
class Column:
    """One account, headed by its source; `reprints` are sources folded in as reprints of it."""

    source: Source
    passage_ids: tuple[str, ...]
    reprints: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Reading:
    """A passage in a column; in a column with reprints folded in, its reprint and their collation.

    In such a column a passage of the original with no `reprint` lies outside the reprinted span,
    and a passage whose source is the reprint's (not the column's) is the reprinting source's own.
    """

    passage: Passage
    reprint: Passage | None = None
    collation: Collation | None = None


@dataclass(frozen=True)
class Cell:
    """What one account says of one episode; no readings is a gap (the account is silent)."""

    readings: tuple[Reading, ...] = ()

    @property
    def gap(self) -> bool:
        return not self.readings


@dataclass(frozen=True)
class Row:
    """One episode (None for the passages tied to no episode) across all columns."""

    episode: Episode | None
    cells: tuple[Cell, ...]

    @property
    def title(self) -> str:
        return self.episode.title if self.episode else OTHER_PASSAGES

    @property
    def silent(self) -> bool:
        """No shown account tells this episode."""
        return all(c.gap for c in self.cells)


@dataclass(frozen=True)
class Comparison:
    """An event's accounts side by side, with their figures and the names they use."""

    event: Event
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    figures: tuple[FigureRow, ...]
    names: tuple[NameUse, ...]
    hidden: tuple[str, ...] = ()  # source ids of accounts left out (more than four columns)
    discrepancies: tuple[Discrepancy, ...] = ()  # stated by the editors, two sides or more shown


class CompareService:
    """The events timeline and the compare view's data, for the reader and `gulagreader compare`."""

    def __init__(self, store: Store) -> None:
        self._db = store.db
        hidden = store.hidden_sources  # a source the site hides tells no event here
        self._events = {e.id: e for e in visible_events(self._db.events(), hidden)}
        self._sources = {s.id: s for s in self._db.sources() if s.id not in hidden}
        self._names = self._db.names()
        self._finder: NameFinder | None = None

    def events(self) -> list[EventSummary]:
        """Every event in timeline order, resistance first, then repression, then context.

        An undated event keeps its place in the catalogue (which is in rough chronological
        order): it sorts with the dated event before it.
        """
        place_names = {n.id: n.canonical for n in self._names}
        keyed, last = [], ""
        for seq, event in enumerate(self._events.values()):
            last = event.start or last
            keyed.append(((last, seq), event))
        return [
            EventSummary(
                id=e.id,
                title=e.title,
                start=e.start,
                end=e.end,
                date_text=e.date_text,
                places=tuple(place_names.get(p, p) for p in e.places),
                accounts=len(e.accounts),
                source_ids=tuple(a.source_id for a in e.accounts),
                summary=e.summary,
                kind=e.kind,
                note=e.note,
            )
            for _, e in sorted(keyed, key=lambda k: (kind_rank(k[1].kind), k[0]))
        ]

    def event(self, event_id: str) -> Event:
        try:
            return self._events[event_id]
        except KeyError:
            raise UnknownEvent(event_id) from None

    def compare(self, event_id: str, source_ids: Sequence[str] | None = None) -> Comparison:
        """Line up the accounts of `event_id` (those of `source_ids`, or all) by episode.

        Raises UserError for an unknown event, a source with no account of it, or more than
        four columns chosen. Without a choice, accounts after the fourth column are `hidden`.
        """
        event = self.event(event_id)
        accounts = self._chosen(event, source_ids)
        groups = self._fold_reprints(accounts)
        hidden: tuple[str, ...] = ()
        if len(groups) > MAX_COLUMNS:
            if source_ids:
                raise UserError(f"At most {MAX_COLUMNS} accounts can be compared side by side.")
            hidden = tuple(a.source_id for group in groups[MAX_COLUMNS:] for a in group)
            groups = groups[:MAX_COLUMNS]
        built = [_ColumnBuilder(group, self._db, self._sources) for group in groups]
        rows = [
            Row(episode, tuple(Cell(b.readings(b.episodes.get(episode.id, ()))) for b in built))
            for episode in event.episodes
        ]
        if any(b.other for b in built):
            rows.append(Row(None, tuple(Cell(b.readings(b.other)) for b in built)))
        column_of = {a.source_id: i for i, group in enumerate(groups) for a in group}
        if self._finder is None:
            self._finder = NameFinder(self._names)
        return Comparison(
            event=event,
            columns=tuple(b.column() for b in built),
            rows=tuple(rows),
            figures=figure_rows(event.figures, column_of, len(built), event.discrepancies),
            names=self._finder.table([[b.passages[i] for i in b.order] for b in built]),
            hidden=hidden,
            discrepancies=tuple(
                d for d in event.discrepancies if len([s for s in d.sides if set(s.source_ids) & column_of.keys()]) > 1
            ),
        )

    def _chosen(self, event: Event, source_ids: Sequence[str] | None) -> list[Account]:
        by_source = {a.source_id: a for a in event.accounts}
        if not source_ids:
            return list(event.accounts)
        unknown = [s for s in source_ids if s not in by_source]
        if unknown:
            have = ", ".join(by_source) or "none"
            raise UserError(f"Event {event.id!r} has no account from {unknown[0]!r} (its accounts: {have}).")
        return [by_source[s] for s in dict.fromkeys(source_ids)]

    def _fold_reprints(self, accounts: list[Account]) -> list[list[Account]]:
        """Group each reprint's account with its original's (first the original), when both are chosen."""
        chosen = {a.source_id for a in accounts}
        original_of: dict[str, str] = {}
        for account in accounts:
            source = self._sources.get(account.source_id)
            originals = [r.of for r in source.reprints if r.of in chosen] if source else []
            if originals and originals[0] != account.source_id:
                original_of[account.source_id] = originals[0]
        for reprint in list(original_of):  # a reprint of a reprint joins the first original's column
            seen = {reprint}
            while original_of[reprint] in original_of and original_of[reprint] not in seen:
                seen.add(original_of[reprint])
                original_of[reprint] = original_of[original_of[reprint]]
            if original_of[reprint] in seen:  # reprints of each other: leave them apart
                del original_of[reprint]
        groups: dict[str, list[Account]] = {}
        for account in accounts:
            if account.source_id not in original_of:
                groups[account.source_id] = [account]
        for account in accounts:
            if account.source_id in original_of:
                groups[original_of[account.source_id]].append(account)
        return list(groups.values())


class _ColumnBuilder:
    """One column's passages by episode, in source order, with reprints mapped onto their originals."""

    def __init__(self, group: list[Account], db: CorpusDB, sources: dict[str, Source]) -> None:
        self.source = sources[group[0].source_id]
        self.reprint_sources = tuple(sources[a.source_id] for a in group[1:])
        ids = [p for a in group for p in (*a.passage_ids, *(q for qs in a.episodes.values() for q in qs))]
        self.passages: dict[str, Passage] = db.passages(list(dict.fromkeys(ids)))
        self.copy_of: dict[str, Passage] = {}  # original passage id -> its reprint
        # Sort keys: (seq of the original passage, own-before-original, seq in the reprint).
        self._key: dict[str, tuple[float, int, int]] = {
            pid: (p.seq, 1, 0) for pid, p in self.passages.items() if p.source_id == self.source.id
        }
        if self.reprint_sources:
            originals = {p.id: p for p in db.passages_of(self.source.id)}
            for reprint_source in self.reprint_sources:
                self._map_reprint(db.passages_of(reprint_source.id), originals)
        self.episodes: dict[str, tuple[str, ...]] = {}
        told: set[str] = set()
        for account in group:
            for episode_id, pids in account.episodes.items():
                placed = [self._placed(p) for p in pids if p in self.passages]
                self.episodes[episode_id] = (*self.episodes.get(episode_id, ()), *placed)
                told.update(placed)
        self.episodes = {e: self._ordered(pids) for e, pids in self.episodes.items()}
        listed = [self._placed(p) for a in group for p in a.passage_ids if p in self.passages]
        self.order = self._ordered([*listed, *told])
        self.other = tuple(p for p in self.order if p not in told)
        self._collations: dict[str, Collation] = {}

    def _map_reprint(self, passages: list[Passage], originals: dict[str, Passage]) -> None:
        """A reprinted passage stands for its original; the reprint's own passages go before the next one."""
        pending: list[Passage] = []
        for passage in passages:
            original = originals.get(passage.reprint_of)
            if original is not None:
                self.copy_of.setdefault(original.id, passage)
                if passage.id in self.passages:  # the original may be outside the original's account
                    self.passages.setdefault(original.id, original)
                    self._key[original.id] = (original.seq, 1, 0)
                for own in pending:
                    self._key[own.id] = (original.seq, 0, own.seq)
                pending = []
            elif passage.id in self.passages:
                pending.append(passage)
        for own in pending:
            self._key[own.id] = (float("inf"), 0, own.seq)

    def _placed(self, passage_id: str) -> str:
        """The id a passage is shown under: for a reprinted passage, its original's."""
        passage = self.passages[passage_id]
        original = self.passages.get(passage.reprint_of)
        if passage.source_id != self.source.id and original is not None and original.source_id == self.source.id:
            return original.id
        return passage_id

    def _ordered(self, pids: Sequence[str]) -> tuple[str, ...]:
        return tuple(sorted(dict.fromkeys(pids), key=lambda p: self._key.get(p, (float("inf"), 2, 0))))

    def readings(self, pids: Sequence[str]) -> tuple[Reading, ...]:
        return tuple(self._reading(p) for p in pids)

    def _reading(self, pid: str) -> Reading:
        passage = self.passages[pid]
        copy = self.copy_of.get(pid)
        if copy is None:
            return Reading(passage)
        if pid not in self._collations:
            self._collations[pid] = collate(pid, passage.text, copy.id, copy.text)
        return Reading(passage, copy, self._collations[pid])

    def column(self) -> Column:
        return Column(self.source, self.order, self.reprint_sources)
