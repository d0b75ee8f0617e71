"""The main window's ways into the events browser and the compare view.

Kept apart from the window: it adds its own menu entries, keys, an 'Events' button in the menu
bar's corner and a context menu on search hits, and opens the windows they lead to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6 import QtCore
from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtWidgets import QMainWindow, QMenu, QToolButton

from gulagreader.core.errors import NotFound, UserError
from gulagreader.ui.actions import Menus
from gulagreader.ui.alerts import warn
from gulagreader.ui.reader.pane import ReaderPane
from gulagreader.ui.roles import HIT_ROLE
from gulagreader.ui.search.panel import SearchPanel

if TYPE_CHECKING:  # the views load when first opened: they are not needed for the first window
    from gulagreader.core.library import Library
    from gulagreader.core.search import Hit, SearchService
    from gulagreader.core.store import Store
    from gulagreader.ui.compare.view import CompareView
    from gulagreader.ui.events.view import EventsView
    from gulagreader.ui.names_view import NamesView


class ReaderWindow(Protocol):
    """What of the main window this needs."""

    menus: Menus
    panel: SearchPanel
    reader: ReaderPane

    def open_passage(self, passage_id: str, occurrence: int = 0) -> None: ...


class EventActions(QObject):
    """'Events' (Ctrl+E) and 'Other accounts of this event' (Ctrl+Shift+E) for the main window.

    Attributes:
        events_view: the events window, once opened.
        last_compare: the compare view opened last.
        hit_menu_hooks: others' entries for a search hit's context menu (each adds its actions).

    Signals:
        compare_opened(CompareView): a compare view was opened (from here or from the events window).
    """

    compare_opened = Signal(object)

    def __init__(self, window: QMainWindow, reader: ReaderWindow) -> None:
        super().__init__(window)
        self._window, self._reader = window, reader
        self._store: Store | None = None
        self._search: SearchService | None = None
        self._library: Library | None = None
        self.events_view: EventsView | None = None
        self.names_view: NamesView | None = None
        self.last_compare: CompareView | None = None
        self.hit_menu_hooks: list[Callable[[QMenu, Hit], None]] = []
        menus = reader.menus
        menus.separate("view")
        self.events_action = menus.add("events", "&Events…", ("Ctrl+E",), self.show_events, "view", enabled=False)
        self.compare_action = menus.add(
            "compare", "Other &accounts of this event", ("Ctrl+Shift+E",), self.compare_current, "view", enabled=False
        )
        self.names_action = menus.add("names", "&Names…", ("Ctrl+Shift+N",), self.show_names, "view", enabled=False)
        self.events_button = QToolButton(window.menuBar())
        self.events_button.setDefaultAction(self.events_action)
        self.events_button.setText("Events")
        self.events_button.setToolTip("The events on a timeline; compare their accounts (Ctrl+E)")
        self.events_button.setAutoRaise(True)
        self.events_button.setAccessibleName("Events")
        window.menuBar().setCornerWidget(self.events_button)  # top right
        reader.panel.results_built.connect(
            lambda tabs: tabs.results_view.customContextMenuRequested.connect(self._hit_menu)
        )

    def attach(self, store: Store, search: SearchService, library: Library) -> None:
        """Work over `store` (with the window's `search` and `library`, so nothing is loaded twice)."""
        self._store, self._search = store, search
        self._library = library
        self.compare_action.setEnabled(True)
        self.names_action.setEnabled(True)
        self.hit_menu_hooks.append(self._name_entries)

    def finish_attach(self) -> None:
        """Enable the events button, a turn after `attach` at start-up (see MainWindow.finish_attach)."""
        # like the menus, Ctrl+E and View > Events reach the button, not Tab; set here, after the first
        # paint, as it names `Qt` (see MainWindow): the button is disabled till now
        self.events_button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.events_action.setEnabled(True)

    def show_events(self) -> EventsView | None:
        """Show the events timeline (one window, brought forward when already open)."""
        if self._store is None:
            return None
        if self.events_view is None:
            from gulagreader.ui.events.view import EventsView
            from gulagreader.ui.windows import close_with_keys, fit_to_screen

            self.events_view = EventsView(self._store, self._window, self._search)
            self.events_view.setWindowFlag(QtCore.Qt.WindowType.Window, True)
            fit_to_screen(self.events_view, 1100, 760)
            close_with_keys(self.events_view)
            self.events_view.open_passage.connect(self._open_passage)
            self.events_view.event_chosen.connect(self._remember)
        self.events_view.query = self._reader.panel.shown_query
        self.events_view.show()
        self.events_view.activateWindow()
        return self.events_view

    def show_names(self, name_id: str = "") -> NamesView | None:
        """Show the index of names (one window), at `name_id`'s entry if given."""
        if self._store is None:
            return None
        if self.names_view is None:
            from gulagreader.ui.names_view import NamesView
            from gulagreader.ui.windows import close_with_keys, fit_to_screen

            self.names_view = NamesView(self._store, self._window)
            self.names_view.setWindowFlag(QtCore.Qt.WindowType.Window, True)
            fit_to_screen(self.names_view, 1100, 760)
            close_with_keys(self.names_view)
            self.names_view.open_passage.connect(self._open_passage)
        if name_id:
            self.names_view.show_name(name_id)
        self.names_view.show()
        self.names_view.activateWindow()
        return self.names_view

    def _name_entries(self, menu: QMenu, hit: Hit) -> None:
        self.name_entries(menu, hit.passage_id)

    def name_entries(self, menu: QMenu, passage_id: str) -> None:
        """The names a passage prints, each opening its entry in the index of names."""
        if self._store is None:
            return
        names = self._store.db.names_in_passage(passage_id)
        canonical = {n.id: n.canonical for n in self._store.db.names()} if names else {}
        for name_id in dict.fromkeys(i for i, _ in names):
            action = menu.addAction(f"Name: {canonical.get(name_id, name_id)}")
            action.triggered.connect(lambda _=False, n=name_id: self.show_names(n))

    def compare(self, event_id: str, focus: str = "") -> CompareView | None:
        """Open the accounts of `event_id` side by side, the query on screen marked in them.

        With `focus` (the passage id of a hit), the view opens at that passage, marked.
        """
        if self._store is None:
            return None
        from gulagreader.ui.compare.view import open_compare

        try:
            view = open_compare(
                self._window, self._store, event_id, self._reader.panel.shown_query, self._search, focus
            )
        except UserError as exc:
            warn(self._window, str(exc))
            return None
        view.open_passage.connect(self._open_passage)
        self.last_compare = view
        self.compare_opened.emit(view)
        return view

    def compare_current(self) -> CompareView | None:
        """Compare the accounts of the event of the chosen hit, or of the passage being read."""
        try:
            events, passage_id = self._current_events()
        except UserError as exc:  # the store could not be read
            warn(self._window, str(exc))
            return None
        if not events:
            self._window.statusBar().showMessage("Choose a hit or a passage that tells of an event first.", 8000)
            return None
        return self.compare(events[0], passage_id)

    def _current_events(self) -> tuple[tuple[str, ...], str]:
        """The events of the chosen hit (or of the passage being read), and that passage's id."""
        chosen = self._reader.panel.chosen_hit()
        if chosen is not None:
            return tuple(chosen.events), chosen.passage_id
        passage_id = self._reader.reader.current_passage() if self._reader.reader.source is not None else ""
        if not passage_id or self._library is None:
            return (), ""
        try:
            return self._library.passage(passage_id).events, passage_id
        except NotFound:
            return (), ""

    def hit_menu(self, pos: QPoint) -> QMenu | None:
        """The context menu of the search hit at `pos` (None when there is nothing to offer)."""
        hits = self._reader.panel.results_view
        hit = hits.indexAt(pos).data(HIT_ROLE)
        if hit is None or self._store is None:
            return None
        menu = QMenu(hits)
        for hook in self.hit_menu_hooks:
            hook(menu, hit)
        titles = {e.id: e.title for e in self._library.events()} if self._library else {}
        if hit.events and not menu.isEmpty():
            menu.addSeparator()
        for event_id in hit.events:
            action = menu.addAction(f"Other accounts of this event: {titles.get(event_id, event_id)}")
            action.triggered.connect(lambda _=False, e=event_id, p=hit.passage_id: self.compare(e, p))
        return None if menu.isEmpty() else menu

    def _hit_menu(self, pos: QPoint) -> None:
        menu = self.hit_menu(pos)
        if menu is not None:
            menu.exec(self._reader.panel.results_view.viewport().mapToGlobal(pos))

    def _remember(self, _event_id: str) -> None:
        if self.events_view is not None:
            self.last_compare = self.events_view.last_compare
            if self.last_compare is not None:
                self.compare_opened.emit(self.last_compare)

    def _open_passage(self, passage_id: str) -> None:
        self._reader.open_passage(passage_id)
        self._window.activateWindow()
