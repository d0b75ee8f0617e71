"""The main window: the search side beside the reader pane, the source panel, menus and keys."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QEvent, QSettings, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QSplitter, QTextBrowser

from gulagreader.core.errors import UserError
from gulagreader.core.reading import Opening, Reading
from gulagreader.ui.actions import Menus
from gulagreader.ui.alerts import fail, warn
from gulagreader.ui.bookmarks.actions import BookmarkActions
from gulagreader.ui.events.actions import EventActions
from gulagreader.ui.library_html import source_panel_html
from gulagreader.ui.map.actions import MapActions
from gulagreader.ui.reader.pane import ReaderPane
from gulagreader.ui.search.panel import HOME, RESULTS, SearchPanel
from gulagreader.ui.settings import reader_settings
from gulagreader.ui.style import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE, Theme
from gulagreader.ui.theme import theme_for

# The search core (tantivy, SQLite, the store) is not imported here: the window paints first and takes
# typing while `open_corpus` loads the core and opens the store (tests/ui/test_start_up.py).
if TYPE_CHECKING:
    from pathlib import Path

    from gulagreader.core.library import Library
    from gulagreader.core.model import Event
    from gulagreader.core.search import SearchService
    from gulagreader.core.store import Store
    from gulagreader.ui.help_window import HelpWindow
    from gulagreader.ui.repair_bar import RepairBar

__all__ = ["HOME", "RESULTS", "MainWindow"]

# The search core, loaded after the first paint one module per turn of the event loop (each needs those
# before it; `library`, which is small, loads with the store's opening). The corpus model loads a turn
# after the window searches, and the library is listed a turn after that.
_CORE_MODULES = ("gulagreader.core.index", "gulagreader.core.store", "gulagreader.core.search")
_MODEL = "gulagreader.core.model"


class MainWindow(QMainWindow):
    """The reader's window. Built empty; `attach(store)` connects it to the corpus.

    Attributes:
        reading: what is being read (the query on screen, the source open, the way back); the
            search panel and the reader pane are its views.
        menus: the menus and their actions, by id.
    """

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setWindowTitle("GulagReader")
        self._settings = settings if settings is not None else reader_settings()
        self._library: Library | None = None
        self._search: SearchService | None = None
        self._events: dict[str, Event] = {}
        self._help: HelpWindow | None = None
        self._theme: Theme | None = None
        self._ui_point_size: float | None = None  # the desktop's type size, scaled by Ctrl+= and Ctrl+-
        self.panel = SearchPanel(self)
        self.reader = ReaderPane(self)
        self.reading = Reading(in_view=self.reader.current_passage)
        self.reading.opened.connect(self._show_opening)
        self.reading.rematched.connect(self.reader.set_matcher)
        self.reading.next_match.connect(lambda _: self.reader.next_match())
        self.reading.failed.connect(lambda error: warn(self, str(error)))
        self.panel.query_shown.connect(self.reading.show_query)
        self.panel.open_passage.connect(self.open_passage)
        self.panel.open_source.connect(self.open_source)
        self.panel.search_field.returnPressed.connect(self._on_return)
        self.reader.status.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.reader.matches_changed.connect(self._follow_match)
        self.splitter = QSplitter()  # (given a parent, PySide6 weighs the orientation overload: see below)
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)
        self.source_panel = QTextBrowser(self, openLinks=False)
        self.source_panel.setAccessibleName("About this source")
        self.source_panel.anchorClicked.connect(self.panel.follow_link)
        self.source_dock = QDockWidget("About this source", self)
        self.source_dock.setObjectName("sourceDock")
        self.source_dock.setWidget(self.source_panel)
        self.source_dock.hide()  # placed by `_place_docks`, after the first paint
        self.panel.after_results = self.reader.page  # Tab order, once the results are built
        self._build_menus()
        self.event_actions = EventActions(self, self)  # Events (Ctrl+E), other accounts of an event
        self.map_actions = MapActions(self, self, self.event_actions)  # Map of places (Ctrl+M), a search on it
        self.repair_bar: RepairBar | None = None  # a repaired bookmarks file, told until dismissed
        self.bookmark_actions = BookmarkActions(self, self)  # Ctrl+D, the bookmarks dock (Ctrl+B), citations
        self.apply_theme()
        self._docks_placed = False
        self._listed = False  # `list_library` done
        self._finished = False  # `finish_attach` done
        self._restore()
        self.panel.search_field.setFocus()  # typing is kept while the store opens

    # Neither the first frame nor the window's becoming searchable names a member of PySide6's `Qt`
    # namespace: the first use of any builds all of its ~90 Python enums (~15-25 ms on the reference
    # machine, a sixth of a bare window's start). So the docks, which need `Qt.DockWidgetArea` and
    # are hidden unless left open last time, join the window with the saved layout in
    # `finish_attach`, a turn after the library is listed; and widgets are made so that PySide6 has
    # no `Qt`-typed overload to weigh (`QSplitter()`, `setShortcuts`). `tests/ui/test_start_up.py`
    # checks the namespace is built neither at the paint nor when the window can search.

    def _place_docks(self) -> None:
        """Add the source and bookmarks docks, then restore the layout saved with them (once)."""
        if self._docks_placed:
            return
        self._docks_placed = True
        for dock in (self.source_dock, self.bookmark_actions.dock):
            self.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, dock)
        state = self._settings.value("window/state")
        if self._geometry_restored and isinstance(state, QByteArray):
            self.restoreState(state)

    def _build_menus(self) -> None:
        self.menus = Menus(self, (("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("help", "&Help")))
        entries = (
            ("file", "quit", "&Quit", ("Ctrl+Q",), self.close),
            ("edit", "find", "&Find", ("Ctrl+F", "Ctrl+L"), self.focus_search),
            ("edit", "clear-search", "&Clear search", ("Esc",), self.clear_search),
            ("edit", "copy-with-citation", "Copy with &citation", ("Ctrl+Shift+C",), self.copy_with_citation),
            ("view", "back", "&Back", ("Alt+Left",), self.back),
            ("view", "forward", "&Forward", ("Alt+Right",), self.forward),
            ("view", "outline", "O&utline of this source", ("Ctrl+Shift+O",), self.reader.show_outline),
            ("view", "next-match", "&Next match", ("F3",), self.reader.next_match),
            ("view", "previous-match", "&Previous match", ("Shift+F3",), self.reader.previous_match),
            ("view", "concordance", "C&oncordance", ("Ctrl+K",), self.panel.show_concordance_tab),
            ("view", "source-panel", "About this &source", ("Ctrl+I",), self.toggle_source_panel),
            ("view", "larger", "&Larger type", ("Ctrl+=", "Ctrl++"), self.larger),
            ("view", "smaller", "&Smaller type", ("Ctrl+-",), self.smaller),
            ("view", "usual-size", "&Usual type size", ("Ctrl+0",), self.reset_size),
            ("help", "guide", "&Searching", ("F1",), self.show_guide),
            ("help", "glossary", "&Glossary", (), self.show_glossary),
            ("help", "principles", "&Editorial principles", (), self.show_principles),
            ("help", "about", "&About GulagReader", (), self.show_about),
        )
        for menu, action_id, text, keys, slot in entries:
            self.menus.add(action_id, text, keys, slot, menu)

    # --- connecting to the corpus ---

    def open_corpus(self, corpus: Path | None = None, then: Callable[[], object] | None = None) -> None:
        """Open the store of `corpus` (building it on the first run) once this window has painted.

        Meanwhile the search field takes typing, which is searched once the store is attached. If
        the store cannot be opened, a message says why and the application quits with status 1.
        `then` is called a turn after the window is finished (the application's icon).
        """
        self.statusBar().showMessage("Opening the corpus (the first run also builds its index)…")
        self.panel.show_opening()
        modules = [partial(importlib.import_module, name) for name in _CORE_MODULES]
        steps: list[Callable[[], object]] = [*modules, partial(self._open, corpus)]
        steps += [partial(importlib.import_module, _MODEL), self.list_library, self.finish_attach]
        steps += [then] if then is not None else []
        QTimer.singleShot(0, self, lambda: self._take_steps(steps))

    def _take_steps(self, steps: list[Callable[[], object]]) -> None:
        # one step per turn of the event loop (each of the core's modules, the store, then the rest
        # of the window), each queued by the one before, so that a key pressed meanwhile waits for
        # one short step (~10-30 ms) rather than for several fired in the same turn
        steps[0]()
        if len(steps) > 1:
            QTimer.singleShot(0, self, lambda: self._take_steps(steps[1:]))

    def _open(self, corpus: Path | None) -> None:
        from gulagreader.core.store import open_store

        try:
            self.attach(open_store(corpus), finish=False)  # the library is listed at the next turn
        except UserError as exc:
            fail(self, str(exc))
            QApplication.exit(1)

    def attach(self, store: Store, finish: bool = True) -> None:
        """Search `store`: what was typed meanwhile, else the last query; and show its library.

        Without `finish`, the rest (`list_library`, then `finish_attach`) is left to the caller: at
        start-up, one turn of the event loop each.
        """
        from gulagreader.core.library import Library
        from gulagreader.core.search import SearchService

        self._library = Library(store)
        self._search = SearchService(store)
        self.reading.attach(self._library, self._search)
        self.panel.attach(self._search, self._library, finish=False)
        self.event_actions.attach(store, self._search, self._library)
        self.map_actions.attach(store, self._search)
        self.bookmark_actions.attach(store, self._library)
        if self.panel.runner is not None:
            self.panel.runner.warm()  # the word lists load in the worker once the window has painted
        self.statusBar().showMessage(" ".join(store.notices))
        self._tell_about_repairs()
        last = str(self._settings.value("search/last_query", "") or "")
        if self.panel.search_field.text():
            self.panel.request()  # typed while the store was opening
        else:
            if last:
                self.panel.search_field.setText(last)
            self.focus_search()
        if finish:
            self.list_library()
            self.finish_attach()

    def list_library(self) -> None:
        """The library's sources and events on the home page and in the filters, the glossary's terms
        in the reader (once).

        At start-up this comes two turns after `attach` (the corpus model loads in between): the
        model and the library page take ~15-20 ms on the reference machine, which a search need not
        wait for.
        """
        if self._library is None or self._listed:
            return
        self._listed = True
        self._events = {e.id: e for e in self._library.events()}
        self.reader.set_glossary(self._library.glossary())
        self.panel.list_library()

    def finish_attach(self) -> None:
        """What the window needs once searching, but searching and the library do not: the docks in
        their saved layout, the parts' settings that name `Qt`, names for screen readers (once).

        At start-up this comes a turn of the event loop after `attach`, as the first use of `Qt`
        builds all its enums (see below): the library is listed and a search answers without it.
        """
        if self._library is None or self._finished:
            return
        self._finished = True
        self.list_library()
        self._place_docks()
        self.panel.finish_attach()
        self.event_actions.finish_attach()
        self.bookmark_actions.finish_attach()

    def _tell_about_repairs(self) -> None:
        """A bookmarks file repaired at some start: say where its original is, every start until dismissed."""
        from gulagreader.core import paths

        # the record's name, as bookmarks_repair.record_path gives it: that module loads only if it exists
        if not (paths.data_dir() / "bookmarks-repairs.json").exists():
            return
        from gulagreader.core.bookmarks import repair as bookmarks_repair

        db_path = bookmarks_repair.user_file()
        notices = bookmarks_repair.pending_notices(db_path)
        if notices:
            from gulagreader.ui.repair_bar import RepairBar

            self.repair_bar = RepairBar(notices, db_path, self)
            self.addToolBar(QtCore.Qt.ToolBarArea.TopToolBarArea, self.repair_bar)

    # --- the search side ---

    def focus_search(self) -> None:
        self.panel.search_field.setFocus()
        self.panel.search_field.selectAll()

    def clear_search(self) -> None:
        """Esc: empty the field (and then the filters) and go back to the library."""
        self.panel.clear()

    def _on_return(self) -> None:
        self.reading.on_return(self.reader.match_count, self.panel.first_hit())

    def _follow_match(self) -> None:
        """The results list chooses the hit of the passage the current match is in (F3 goes on)."""
        reader = self.reader
        if reader.current_match < 0 or self.panel.stack.currentIndex() != RESULTS:
            return
        passage_id = reader.match_passage(reader.current_match)
        view, model = self.panel.results_view, self.panel.results_model
        for row in range(model.rowCount()):
            hit = model.hit(row)
            if passage_id == hit.passage_id or any(a.passage_id == passage_id for a in hit.also_in):
                if view.currentIndex().row() != row:
                    view.setCurrentIndex(model.index(row, 0))
                    view.scrollTo(model.index(row, 0))
                return

    # --- opening sources ---

    def open_passage(self, passage_id: str, occurrence: int = 0) -> None:
        """Open the source of `passage_id`, at it (at its `occurrence`-th match), matches marked."""
        self.reading.open_passage(passage_id, occurrence)

    def open_source(self, source_id: str, focus: str = "", occurrence: int = 0) -> None:
        """Open a whole source (at passage `focus`, if given)."""
        self.reading.open_source(source_id, focus, occurrence)

    def _show_opening(self, opening: Opening) -> None:
        """The reader shows the source opened; the source panel tells of it (and of the passage's events)."""
        self.list_library()  # (the events and the glossary, should a passage open before they are listed)
        source, passage = opening.source, opening.passage
        self.reader.show_source(source, opening.passages, opening.matcher, opening.focus, opening.occurrence)
        if passage is None:
            self.source_panel.setHtml(source_panel_html(source, self._theme_now()))
            return
        events = [self._events[e] for e in passage.events if e in self._events]
        titles = self._library.titles() if events and self._library is not None else None
        self.source_panel.setHtml(source_panel_html(source, self._theme_now(), events, titles, passage))

    def back(self) -> None:
        """Alt+Left: the passage opened before this one."""
        if not self.reading.back():
            self.statusBar().showMessage("No passage to go back to.", 4000)

    def forward(self) -> None:
        """Alt+Right: the passage opened after this one (after going back)."""
        if not self.reading.forward():
            self.statusBar().showMessage("No passage to go forward to.", 4000)

    def toggle_source_panel(self) -> None:
        self._place_docks()  # (pressed before the corpus was open)
        self.source_dock.setVisible(not self.source_dock.isVisible())

    # --- copy with citation ---

    def copy_with_citation(self) -> None:
        """Put the selection (or the chosen passage) on the clipboard, with its citation below it."""
        if self._library is None:
            return
        text, passage_id = "", self.panel.chosen_passage()
        if not passage_id and self.reader.source is not None:
            text, passage_id = self.reader.selected_text(), self.reader.current_passage()
        if not passage_id:
            self.statusBar().showMessage("Open a passage, or select some text, to copy it with its citation.", 8000)
            return
        from gulagreader.ui.citation_copy import SETTINGS_STYLE, cite_for_copy, put_on_clipboard

        try:
            citation = cite_for_copy(self._library, passage_id, SETTINGS_STYLE)
        except UserError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        put_on_clipboard(citation, text or self._library.passage(passage_id).text)
        self.statusBar().showMessage(f"Copied with its citation: {citation.text}", 8000)

    # --- help ---

    def show_guide(self) -> None:
        self._help_window().show_guide()

    def show_about(self) -> None:
        self._help_window().show_about(self._library.sources() if self._library else [])

    def show_principles(self) -> None:
        self._help_window().show_principles()

    def show_glossary(self) -> None:
        self._help_window().show_glossary(self._library.glossary() if self._library else [])

    def _help_window(self) -> HelpWindow:
        if self._help is None:
            from gulagreader.ui.help_window import HelpWindow  # not needed for the first window

            self._help = HelpWindow(self)
            self._help.open_passage.connect(self.open_passage)
        self._help.set_theme(self._theme_now())
        return self._help

    # --- light and dark ---

    def _theme_now(self) -> Theme:
        return self._theme or theme_for(self.palette())

    def apply_theme(self) -> None:
        """Take the colours of the current palette (light or dark) everywhere."""
        theme = theme_for(self.palette())
        if theme == self._theme:
            return
        self._theme = theme
        self.panel.set_theme(theme)
        self.reader.set_theme(theme)
        if self.reader.source is not None:
            self.source_panel.setHtml(source_panel_html(self.reader.source, theme))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_theme()

    # --- type size and remembered state ---

    @property
    def point_size(self) -> int:
        return self._point_size

    def set_point_size(self, size: int) -> None:
        """Scale the type: the reading page to `size` points, the rest of the window in proportion."""
        self._point_size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        self.reader.set_point_size(self._point_size)
        if self._ui_point_size is None:
            if self._point_size == DEFAULT_POINT_SIZE:  # the usual size: the window keeps the desktop's fonts
                return
            self._ui_point_size = QApplication.font().pointSizeF()
        font = QApplication.font()
        font.setPointSizeF(self._ui_point_size * self._point_size / DEFAULT_POINT_SIZE)
        self.setFont(font)
        self.menuBar().setFont(font)

    def larger(self) -> None:
        self.set_point_size(self._point_size + 1)

    def smaller(self) -> None:
        self.set_point_size(self._point_size - 1)

    def reset_size(self) -> None:
        self.set_point_size(DEFAULT_POINT_SIZE)

    def _restore(self) -> None:
        size = str(self._settings.value("reader/point_size", DEFAULT_POINT_SIZE))
        self.set_point_size(int(size) if size.isdigit() else DEFAULT_POINT_SIZE)
        geometry = self._settings.value("window/geometry")
        self._geometry_restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        if not self._geometry_restored:
            self.resize(1200, 780)
        splitter = self._settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([480, 720])

    def save_settings(self) -> None:
        """Remember the query, type size and layout for the next run."""
        self._settings.setValue("search/last_query", self.panel.search_field.text())
        self._settings.setValue("reader/point_size", self._point_size)
        self._settings.setValue("window/geometry", self.saveGeometry())
        if self._docks_placed:  # closed before they were: keep the layout saved last time
            self._settings.setValue("window/state", self.saveState())
        self._settings.setValue("window/splitter", self.splitter.saveState())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if self.panel.runner is not None:
            self.panel.runner.wait()
        super().closeEvent(event)
