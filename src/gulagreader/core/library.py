"""Reading the corpus: sources, their passages, and the event catalogue."""

from __future__ import annotations

from gulagreader.core.errors import UserError
from gulagreader.core.model import Event, Name, Passage, Source, visible_events
from gulagreader.core.store import Store


class Library:
    """Browse what the store holds, for the reader and the `show`/`sources`/`events` commands.

    Sources the site hides (`Store.hidden_sources`) are not there: not listed, not shown, not in events.
    """

    def __init__(self, store: Store) -> None:
        self._db = store.db
        self._hidden = store.hidden_sources
        self._sources = {s.id: s for s in self._db.sources() if s.id not in self._hidden}

    def sources(self) -> list[Source]:
        return list(self._sources.values())

    def source(self, source_id: str) -> Source:
        try:
            return self._sources[source_id]
        except KeyError:
            raise UserError(f"No source with id {source_id!r} (see 'gulagreader sources').") from None

    def passages_of(self, source_id: str) -> list[Passage]:
        self.source(source_id)
        return self._db.passages_of(source_id)

    def passage(self, passage_id: str) -> Passage:
        found = self._db.passages([passage_id]).get(passage_id)
        if found is None or found.source_id in self._hidden:
            raise UserError(f"No passage or source with id {passage_id!r}.")
        return found

    def has_source(self, source_id: str) -> bool:
        return source_id in self._sources

    def events(self) -> list[Event]:
        return visible_events(self._db.events(), self._hidden)

    def names(self) -> list[Name]:
        return self._db.names()
