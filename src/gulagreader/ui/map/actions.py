"""The main window's ways into the Map view: View > Map of places (Ctrl+M), the current search on the
map (Ctrl+Shift+M), and the events timeline's selection lighting up its places.

Kept apart from the window, like `event_actions`: the map and its data load when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from gulagreader.core.places.service import PlaceAtlas
    from gulagreader.core.search import SearchService
    from gulagreader.core.store import Store
    from gulagreader.ui.events.actions import EventActions, ReaderWindow
    from gulagreader.ui.map.view import PlacesMapView

PRELOAD_AFTER_MS = 3000  # after the store is attached
SEARCH_LIMIT = 1000  # the search service's own ceiling: every hit's places, not one page's


class MapActions(QObject):
    """'Map of places' and 'Show the search on the map' for the main window.

    Attributes:
        map_view: the Map view, once opened.
    """

    def __init__(self, window: QMainWindow, reader: ReaderWindow, events: EventActions) -> None:
        super().__init__(window)
        self._window, self._reader, self._events = window, reader, events
        self._store: Store | None = None
        self._search: SearchService | None = None
        self.map_view: PlacesMapView | None = None
        self._atlas: PlaceAtlas | None = None
        self._timeline_hooked = False
        menus = reader.menus
        self.map_action = menus.add("map", "&Map of places…", ("Ctrl+M",), self.show_map, "view", enabled=False)
        self.search_action = menus.add(
            "map-search", "Show the search on the &map", ("Ctrl+Shift+M",), self.show_search, "view", enabled=False
        )
        events.events_action.triggered.connect(self._hook_timeline)

    def attach(self, store: Store, search: SearchService) -> None:
        self._store, self._search = store, search
        self.map_action.setEnabled(True)
        self.search_action.setEnabled(True)
        # Once the reader has started and settled, read the map's data and modules in a quiet moment,
        # so that Ctrl+M paints at once; the start itself does none of it.
        from PySide6.QtCore import QTimer

        self.preload_timer = QTimer(self, singleShot=True, interval=PRELOAD_AFTER_MS)
        self.preload_timer.timeout.connect(self.preload)
        self.preload_timer.start()

    def preload(self) -> None:
        """Load what the Map view needs (its modules, the places service, the base map), not the view."""
        if self._store is None or self._atlas is not None:
            return
        from gulagreader.core.places.service import PlaceAtlas
        from gulagreader.ui.map.items import base_map_paths
        from gulagreader.ui.map.view import PlacesMapView  # noqa: F401  (its module and Qt's enums it uses)

        self._atlas = PlaceAtlas(self._store)
        base_map_paths()

    def show_map(self) -> PlacesMapView | None:
        """Show the Map view (one window, brought forward when already open)."""
        if self._store is None:
            return None
        if self.map_view is None:
            from PySide6.QtCore import Qt

            from gulagreader.ui.map.view import PlacesMapView

            self.map_view = PlacesMapView(self._store, self._window, self._atlas)
            from gulagreader.ui.windows import close_with_keys, fit_to_screen

            self.map_view.setWindowFlag(Qt.WindowType.Window, True)
            fit_to_screen(self.map_view, 1280, 800)
            close_with_keys(self.map_view)
            self.map_view.open_passage.connect(lambda pid: self._reader.open_passage(pid))
            self.map_view.open_event.connect(self._events.compare)
            self._hook_timeline()
        self.map_view.show()
        self.map_view.activateWindow()
        self.map_view.canvas.setFocus()  # Tab then walks the markers
        return self.map_view

    def show_search(self) -> PlacesMapView | None:
        """Highlight where the hits of the search on screen are (all of them, not one page)."""
        query = self._reader.panel.shown_query
        if not query or self._search is None:
            self._window.statusBar().showMessage("Search first: the map then shows where the hits are.", 8000)
            return None
        view = self.show_map()
        if view is not None:
            result = self._search.search(query, limit=SEARCH_LIMIT)
            view.show_passages(f"Search “{query}”", [h.passage_id for h in result.hits])
        return view

    def _hook_timeline(self) -> None:
        """Once both are open, the timeline's current event lights up its places on the map."""
        timeline = self._events.events_view
        if self._timeline_hooked or timeline is None or self.map_view is None:
            return
        self._timeline_hooked = True
        from gulagreader.ui.events.view import EVENT_ROLE

        def follow(current: object, _previous: object = None) -> None:
            summary = current.data(EVENT_ROLE) if hasattr(current, "data") else None
            if self.map_view is not None and summary is not None:
                self.map_view.show_event(summary.id)

        timeline.list.selectionModel().currentChanged.connect(follow)
        timeline.event_chosen.connect(lambda event_id: self.map_view.show_event(event_id) if self.map_view else None)
