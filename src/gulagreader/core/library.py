"""Reading the corpus: sources, their passages, and the event catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gulagreader.core.errors import NotFound
from gulagreader.core.store import Store

# The corpus model and the glossary load with the first source, event or term asked for, not with
# the library: the reader searches before it lists the library (see MainWindow.open_corpus).
if TYPE_CHECKING:
    from gulagreader.core.glossary import Term
    from gulagreader.core.model import Event, Name, Passage, Source


class Library:
    """Browse what the store holds, for the reader and the `show`/`sources`/`events` commands.

    Sources the site hides (`Store.hidden_sources`) are not there: not listed, not shown, not in events.
    Every source's title is read at once; a source in full only when asked for (an archive has
    thousands, and lists and filters need only their titles).
    """

    def __init__(self, store: Store) -> None:
        self._db = store.db
        self._hidden = store.hidden_sources
        listed = [row for row in self._db.source_titles() if row[0] not in self._hidden]
        self._titles = {source_id: title for source_id, title, _ in listed}
        self._genres = sorted({genre for _, _, genre in listed if genre})
        self._sources: dict[str, Source] = {}  # those read in full so far
        self._events: list[Event] | None = None

    def titles(self) -> dict[str, str]:
        """Every source's title by its id, in edition order."""
        return dict(self._titles)

    def genres(self) -> list[str]:
        """The genres of the sources, sorted."""
        return list(self._genres)

    def sources(self, first: int | None = None) -> list[Source]:
        """The sources in full, in edition order: all of them, or the `first` ones."""
        wanted = list(self._titles)[:first] if first is not None else list(self._titles)
        missing = [source_id for source_id in wanted if source_id not in self._sources]
        if len(missing) == len(self._titles):
            self._sources.update((s.id, s) for s in self._db.sources() if s.id in self._titles)
        elif missing:
            self._sources.update(self._db.sources_with_ids(missing))
        return [self._sources[source_id] for source_id in wanted]

    def source(self, source_id: str) -> Source:
        """The source with this id; raises `NotFound` for one that is not there (or hidden)."""
        if source_id not in self._titles:
            raise NotFound("source", source_id, f"No source with id {source_id!r} (see 'gulagreader sources').")
        if source_id not in self._sources:
            self._sources.update(self._db.sources_with_ids([source_id]))
        return self._sources[source_id]

    def passages_of(self, source_id: str) -> list[Passage]:
        self.source(source_id)
        return self._db.passages_of(source_id)

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id; raises `NotFound` for one that is not there (or hidden)."""
        found = self._db.passages([passage_id]).get(passage_id)
        if found is None or found.source_id in self._hidden:
            raise NotFound("passage", passage_id, f"No passage or source with id {passage_id!r}.")
        return found

    def has_source(self, source_id: str) -> bool:
        return source_id in self._titles

    def events(self) -> list[Event]:
        """The events, resistance first, then repression, then context; within a kind in catalogue
        (rough chronological) order. Read once: the store does not change."""
        if self._events is None:
            from gulagreader.core.model import kind_rank, visible_events

            self._events = sorted(visible_events(self._db.events(), self._hidden), key=lambda e: kind_rank(e.kind))
        return list(self._events)

    def glossary(self) -> list[Term]:
        """The glossary's terms, with our definitions and the passages of the shown sources that use them."""
        hidden = self._hidden
        terms = self._db.glossary()
        if not hidden:
            return terms
        from dataclasses import replace

        return [replace(t, passages=tuple(p for p in t.passages if p.split(".", 1)[0] not in hidden)) for t in terms]

    def names(self) -> list[Name]:
        return self._db.names()
