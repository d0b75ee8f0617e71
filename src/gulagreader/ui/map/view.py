"""The Map view: the places on the map, the same places as a list beside it, and the chosen place's
gazetteer entry, location, passages and events below.

Built when first asked for (the reader starts without it). Researchers' wording here; the kiosk has
its own screen over the same canvas (`kiosk_map`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.places.service import Place, PlaceAtlas
from gulagreader.core.store import Store
from gulagreader.ui.map.canvas import MapCanvas

PLACE_ROLE = Qt.ItemDataRole.UserRole + 1


def place_line(place: Place) -> str:
    """A place as the list (and a screen reader) gives it."""
    n = len(place.passages)
    line = f"{place.name} — {n} passage{'' if n == 1 else 's'}"
    if not place.located:
        line += " (not located)"
    elif not place.on_map:
        line += " (beyond this map)"
    return line


class PlacesModel(QStringListModel):
    """The places as lines of text, the most named first; `PLACE_ROLE` gives the place's id."""

    def __init__(self, places: list[Place]) -> None:
        super().__init__([place_line(p) for p in places])
        self.ids = [p.id for p in places]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == PLACE_ROLE and index.isValid():
            return self.ids[index.row()]
        return super().data(index, role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return super().flags(index) & ~Qt.ItemFlag.ItemIsEditable


class PlacesMapView(QWidget):
    """Map, list and details of the places and camps.

    Signals:
        open_passage(str): the reader should show this passage.
        open_event(str): the reader should compare the accounts of this event.
    """

    open_passage = Signal(str)
    open_event = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None, atlas: PlaceAtlas | None = None) -> None:
        super().__init__(parent)
        self.atlas = atlas or PlaceAtlas(store)
        self._db = store.db
        self._titles = {s[0]: s[1] for s in store.db.source_titles()}
        self._events = {e.id: e for e in self.atlas.events()}
        places = self.atlas.places()
        self.setWindowTitle("Map of places — GulagReader")
        self.heading = QLabel("", self, wordWrap=True)
        self.canvas = MapCanvas(places, self)
        self.list = QListView(self)
        self.list.setAccessibleName("Places and camps")
        self.model = PlacesModel(places)
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.selectionModel().currentChanged.connect(self._list_current)
        self.list.activated.connect(lambda index: self.choose(str(index.data(PLACE_ROLE))))
        self.details = QTextBrowser(self, openLinks=False)
        self.details.setAccessibleName("The chosen place")
        self.details.anchorClicked.connect(self._follow)
        self.canvas.current_changed.connect(self._canvas_current)
        self.canvas.place_chosen.connect(self.choose)
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(self.list)
        side.addWidget(self.details)
        side.setSizes([300, 400])
        split = QSplitter(self)
        split.addWidget(self.canvas)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([800, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        self.setTabOrder(self.canvas, self.list)
        self.chosen = ""
        located = sum(1 for p in places if p.located)
        beyond = sum(1 for p in places if p.located and not p.on_map)
        self._summary = (
            f"{len(places)} places and camps; {located} located by the editors ({beyond} beyond this map of Eurasia), "
            f"{len(places) - located} not locatable. Marker size: passages naming the place; squares are camps, "
            "dashed rings regions."
        )
        self.heading.setText(self._summary)
        self.details.setHtml("<p>Choose a place on the map or in the list to see its passages and events.</p>")

    # --- what others ask of it ---

    def choose(self, place_id: str) -> None:
        """Show a place: its marker current, its row selected, its entry, passages and events below."""
        place = self.atlas.place(place_id)
        if place is None:
            return
        self.chosen = place_id
        self.canvas.set_current(place_id)
        if place_id in self.canvas.markers:
            self.canvas.centre_on(place_id)
        row = self.model.ids.index(place_id)
        if self.list.currentIndex().row() != row:
            self.list.setCurrentIndex(self.model.index(row, 0))
        self.details.setHtml(self.place_html(place))

    def show_event(self, event_id: str) -> list[str]:
        """Highlight the places of an event (the others dimmed) and bring them into view."""
        ids = list(self.atlas.of_event(event_id))
        event = self._events.get(event_id)
        self.canvas.set_highlighted(ids)
        self.canvas.show_places(ids)
        title = event.title if event else event_id
        shown = [self.atlas.place(i) for i in ids]
        names = ", ".join(p.name for p in shown if p is not None) or "no place on this map"
        self.heading.setText(f"Event: {title} — its places: {names}.")
        return ids

    def show_passages(self, what: str, passage_ids: Iterable[str]) -> dict[str, int]:
        """Highlight the places named in these passages (a search's hits) and bring them into view."""
        counts = self.atlas.in_passages(passage_ids)
        self.canvas.set_highlighted(counts)
        self.canvas.show_places(counts)
        on_map = [i for i in counts if i in self.canvas.markers]
        self.heading.setText(
            f"{what}: {len(counts)} place(s) named in the hits, {len(on_map)} on this map. "
            "Highlighted; the others are dimmed."
        )
        return counts

    # --- inside ---

    def _list_current(self, index: QModelIndex) -> None:
        place_id = str(index.data(PLACE_ROLE)) if index.isValid() else ""
        if place_id and place_id != self.chosen:
            self.choose(place_id)

    def _canvas_current(self, place_id: str) -> None:
        if place_id and place_id != self.chosen:
            self.choose(place_id)

    def _follow(self, url: QUrl) -> None:
        kind, _, target = url.toString().partition(":")
        if kind == "passage":
            self.open_passage.emit(target)
        elif kind == "event":
            self.open_event.emit(target)
        elif kind == "map":
            self.show_event(target)

    def place_html(self, place: Place) -> str:
        e = html.escape
        loc = place.location
        parts = [f"<h3>{e(place.name)}</h3>", f"<p><i>{e(place.kind)}</i>"]
        if place.gazetteer_note:
            parts.append(f" — {e(place.gazetteer_note)}")
        parts.append("</p>")
        if loc.located:
            where = f"{abs(loc.lat or 0):.3f}° {'N' if (loc.lat or 0) >= 0 else 'S'}, "
            where += f"{abs(loc.lon or 0):.3f}° {'E' if (loc.lon or 0) >= 0 else 'W'}"
            parts.append(f"<p><b>Location (ours):</b> {where}, {e(loc.accuracy)}; reference {e(loc.ref)}.")
            if loc.note:
                parts.append(f" {e(loc.note)}")
            if not place.on_map:
                parts.append(" Beyond this map of Eurasia.")
            parts.append("</p>")
        else:
            parts.append(f"<p><b>Not located:</b> {e(loc.unlocatable)}</p>")
        if place.events:
            parts.append(f"<p><b>Events ({len(place.events)}):</b></p><ul>")
            for event_id in place.events:
                event = self._events.get(event_id)
                title = event.title if event else event_id
                date = f" ({e(event.date_text or event.start)})" if event and (event.date_text or event.start) else ""
                parts.append(
                    f'<li><a href="event:{e(event_id)}">{e(title)}</a>{date} · '
                    f'<a href="map:{e(event_id)}">its places on the map</a></li>'
                )
            parts.append("</ul>")
        passages = self._db.passages(place.passages)
        parts.append(f"<p><b>Passages naming it ({len(place.passages)}):</b></p><ol>")
        for passage_id in place.passages:
            passage = passages.get(passage_id)
            if passage is None:
                continue
            text = passage.text if len(passage.text) <= 160 else passage.text[:157].rsplit(" ", 1)[0] + " …"
            source = self._titles.get(passage.source_id, passage.source_id)
            parts.append(f'<li><a href="passage:{e(passage_id)}">{e(source)}</a>: {e(text)}</li>')
        parts.append("</ol>")
        return "".join(parts)
