"""The places and camps the accounts tell of: where they are, which passages name them, which events.

The map view, the kiosk's map and `gulagreader places` all read this one service. Coordinates,
accuracy and reference are the editors' (places.toml); the passages are those whose text names the
place in any of its gazetteer spellings (found when the store is built).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gulagreader.core.model import Event, Location, visible_events
from gulagreader.core.places.projection import on_map
from gulagreader.core.store import Store


@dataclass(frozen=True)
class Place:
    """A place or camp of the gazetteer with its location and what the corpus says of it."""

    id: str
    name: str
    kind: str  # "place" or "camp"
    gazetteer_note: str
    location: Location
    passages: tuple[str, ...]  # ids, in corpus order
    events: tuple[str, ...]  # ids, in catalogue order

    @property
    def located(self) -> bool:
        return self.location.located

    @property
    def on_map(self) -> bool:
        """Located within the map of Eurasia (places in the Americas or Australia are listed only)."""
        loc = self.location
        return loc.lat is not None and loc.lon is not None and on_map(loc.lat, loc.lon)


class PlaceAtlas:
    """Every mapped place of the store, read once (the store does not change)."""

    def __init__(self, store: Store) -> None:
        db, hidden = store.db, store.hidden_sources
        names = {n.id: n for n in db.names() if n.kind in ("place", "camp")}
        locations = {loc.id: loc for loc in db.locations()}
        passages: dict[str, list[str]] = {}
        self._places_of_passage: dict[str, list[str]] = {}
        for name_id, passage_id, source_id in db.mentions():
            if source_id not in hidden:
                passages.setdefault(name_id, []).append(passage_id)
                self._places_of_passage.setdefault(passage_id, []).append(name_id)
        events = visible_events(db.events(), hidden)
        self._events = events
        self._event_places: dict[str, tuple[str, ...]] = {}
        of_place: dict[str, list[str]] = {}
        for event in events:
            told = {pid for a in event.accounts for pid in a.passage_ids}
            ids = dict.fromkeys(p for p in event.places if p in names)
            ids.update(dict.fromkeys(p for pid in told for p in self._places_of_passage.get(pid, ())))
            self._event_places[event.id] = tuple(event_place for event_place in event.places if event_place in names)
            for place_id in ids:
                of_place.setdefault(place_id, []).append(event.id)
        self._places = {
            name_id: Place(
                id=name_id,
                name=name.canonical,
                kind=name.kind,
                gazetteer_note=name.note,
                location=locations.get(name_id, Location(id=name_id)),
                passages=tuple(passages.get(name_id, ())),
                events=tuple(of_place.get(name_id, ())),
            )
            for name_id, name in names.items()
            if locations
        }

    def places(self) -> list[Place]:
        """Every place and camp, the most named first (then by name)."""
        return sorted(self._places.values(), key=lambda p: (-len(p.passages), p.name.casefold()))

    def events(self) -> list[Event]:
        """The catalogue's events (as the reader shows them: hidden sources left out)."""
        return list(self._events)

    def places_by_id(self) -> dict[str, Place]:
        return dict(self._places)

    def place(self, place_id: str) -> Place | None:
        return self._places.get(place_id)

    def of_event(self, event_id: str) -> tuple[str, ...]:
        """The places the catalogue gives for an event (ids)."""
        return self._event_places.get(event_id, ())

    def in_passages(self, passage_ids: Iterable[str]) -> dict[str, int]:
        """The places named in these passages (a search's hits), with how many of them name each."""
        counts: dict[str, int] = {}
        for passage_id in passage_ids:
            for place_id in self._places_of_passage.get(passage_id, ()):
                counts[place_id] = counts.get(place_id, 0) + 1
        return counts
