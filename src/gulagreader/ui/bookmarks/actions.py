"""The main window's ways into bookmarks, citations and the search history.

Kept apart from the window, like `EventActions`: it adds its menu entries and keys (Ctrl+D
bookmarks what you are reading, Ctrl+B shows the bookmarks), a button on the reader's bar, entries
in the reader's, the search hits' and the compare view's context menus, and a dock with the
bookmarks and searches panels.

Nothing here loads the bookmarks database at start-up: its modules import sqlite-utils (~100 ms),
so they load, and the bookmarks are re-anchored to the corpus, when first used; so does the dialog.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6 import QtCore
from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QToolButton, QWidget

from gulagreader.core.errors import NotFound, UserError
from gulagreader.ui.citation_copy import STYLES, copy_citation
from gulagreader.ui.events.actions import EventActions, ReaderWindow
from gulagreader.ui.selection import locate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTabWidget

    from gulagreader.core.bookmarks.model import Bookmark
    from gulagreader.core.bookmarks.service import BookmarkService
    from gulagreader.core.library import Library
    from gulagreader.core.search import Hit
    from gulagreader.core.search_filters import SearchFilters
    from gulagreader.core.search_history import SearchHistory
    from gulagreader.core.store import Store
    from gulagreader.ui.bookmarks.dialog import BookmarkDialog
    from gulagreader.ui.bookmarks.panel import BookmarksPanel
    from gulagreader.ui.compare.view import CompareView
    from gulagreader.ui.search.saved_searches import SearchesPanel

Target = tuple[str, int | None, int | None]  # passage id, and a selection in it (None: the whole passage)
BOOKMARKS_TAB, SEARCHES_TAB = 0, 1


DOCK_WIDTH, DOCK_SHARE = 380, 0.24  # the bookmarks dock's width when opened: at most this, or this share


class BookmarkingWindow(ReaderWindow, Protocol):
    """What of the main window this needs: what the events' actions need, and those actions."""

    event_actions: EventActions


class BookmarkActions(QObject):
    """Bookmarking, the bookmarks dock and citations, for the main window.

    Attributes:
        dock: the dock holding the bookmarks and searches panels (built empty; filled when first shown).
        panel, searches: the two panels, once built.
        last_dialog: the bookmark dialog opened last (for the tests).
        notices: what the bookmarks database said when it opened (a damaged file set aside...).
    """

    def __init__(self, window: QMainWindow, reader: BookmarkingWindow) -> None:
        super().__init__(window)
        self._window, self._reader = window, reader
        self._store: Store | None = None
        self._library: Library | None = None
        self._service: BookmarkService | None = None
        self._marked: set[str] | None = None  # the passages that have a bookmark, read at first need
        self._history: SearchHistory | None = None
        self.panel: BookmarksPanel | None = None
        self.searches: SearchesPanel | None = None
        self.tabs: QTabWidget | None = None
        self.last_dialog: BookmarkDialog | None = None
        self.notices: list[str] = []
        self._replaced: Bookmark | None = None  # the bookmark as it was before its note was replaced (Ctrl+Z)
        menus = reader.menus
        menus.separate("edit")
        self.bookmark_action = menus.add(
            "bookmark", "&Bookmark…", ("Ctrl+D",), self.bookmark_current, "edit", enabled=False
        )
        self.bookmark_action.setToolTip("Bookmark the passage you are reading, or the text selected in it (Ctrl+D)")
        self.undo_action = menus.add(
            "undo-bookmark", "&Undo deleting a bookmark", ("Ctrl+Z",), self.undo_delete, "edit", enabled=False
        )
        self.cite_actions = [
            menus.add(
                f"cite-{style}",
                f"Copy citation: {words}",
                (),
                lambda _=False, s=style: self.copy_citation(s),
                "edit",
                enabled=False,
            )
            for style, words in STYLES
        ]
        menus.separate("view")
        self.panel_action = menus.add("bookmarks", "&Bookmarks", ("Ctrl+B",), self.toggle_panel, "view", enabled=False)
        self.searches_action = menus.add(
            "searches", "Saved and recent searc&hes", ("Ctrl+Shift+B",), self.show_searches, "view", enabled=False
        )
        self.dock = QDockWidget("Bookmarks", window)
        self.dock.setObjectName("bookmarksDock")  # the window remembers whether it was open
        self.dock.setWidget(QLabel("Your bookmarks load when the corpus is open.", self.dock))
        self.dock.hide()  # the window places it after its first paint
        self.dock.visibilityChanged.connect(self._on_dock_shown)
        self.bookmark_button = QToolButton(reader.reader)
        self.bookmark_action.setIconText("☆ Bookmark")  # the button's text, kept when the action changes
        self.bookmark_button.setDefaultAction(self.bookmark_action)
        self.bookmark_button.setAccessibleName("Bookmark")
        self.bookmark_button.setAutoRaise(True)
        reader.reader.tool_bar.addWidget(self.bookmark_button)
        reader.reader.page.customContextMenuRequested.connect(self._show_reader_menu)
        reader.event_actions.hit_menu_hooks.append(self._hit_entries)
        reader.event_actions.compare_opened.connect(self.watch_compare)
        reader.panel.search_field.returnPressed.connect(self.record_search)
        reader.panel.open_passage.connect(lambda *_: self.record_search())

    def attach(self, store: Store, library: Library) -> None:
        """Work over `store`'s corpus (with the window's `library`, so its sources are read once); the
        bookmarks database still opens only when first needed."""
        self._store = store
        self._library = library
        # after the event that moved the cursor, not during it: a page being laid out is half new
        self._state_timer = QtCore.QTimer(self._window, singleShot=True, interval=0)
        self._state_timer.timeout.connect(self.show_bookmarked_state)
        self._reader.reader.page.cursorPositionChanged.connect(self._state_timer.start)
        self._reader.panel.open_passage.connect(lambda *_: self._state_timer.start())

    def finish_attach(self) -> None:
        """Enable bookmarking and the dock, a turn after `attach` at start-up, once the window has
        placed the dock (see MainWindow.finish_attach)."""
        # like the menus, Ctrl+D and Edit reach the button, not Tab; set here, after the first paint, as
        # they name `Qt` (see MainWindow): the button is disabled till now
        self.bookmark_button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self._reader.reader.page.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        for action in (self.bookmark_action, *self.cite_actions, self.panel_action, self.searches_action):
            action.setEnabled(True)
        if self.dock.isVisible():  # left open last time
            self._build_panels()

    # --- the database, at first use ---

    @property
    def service(self) -> BookmarkService | None:
        """The bookmarks, opened (and re-anchored to the corpus) at first use; None if they cannot be opened."""
        if self._service is None and self._store is not None:
            from gulagreader.core.bookmarks.service import BookmarkService

            try:
                service = BookmarkService(self._store, library=self._library)
                report = service.reanchor()
            except UserError as exc:
                self._say(str(exc))
                return None
            self.notices = list(service.notices)
            if report.moved or report.orphaned:
                self.notices.append(
                    f"The corpus changed: {len(report.moved)} bookmark(s) moved to another passage and "
                    f"{len(report.orphaned)} no longer found (kept as orphaned, with their quotes)."
                )
            self._service = service
            if self.notices:
                self._say(" ".join(self.notices))
        return self._service

    @property
    def history(self) -> SearchHistory | None:
        if self._history is None and self.service is not None:
            from gulagreader.core.search_history import SearchHistory

            self._history = SearchHistory(self.service.db)
        return self._history

    def _say(self, text: str, timeout: int = 0) -> None:
        self._window.statusBar().showMessage(text, timeout)

    # --- bookmarking ---

    def _forget_marked(self) -> None:
        self._marked = None
        self.show_bookmarked_state()

    def show_bookmarked_state(self) -> bool:
        """The ☆ Bookmark button as ★ Bookmarked (its name and tooltip too) when what Ctrl+D would
        bookmark already has a bookmark; returns whether it has."""
        target = self.target()
        service = self.service if target is not None else None
        if service is not None and self._marked is None:
            self._marked = {b.passage_id for b in service.find()}
        marked = target is not None and self._marked is not None and target[0] in self._marked
        self.bookmark_action.setIconText("★ Bookmarked" if marked else "☆ Bookmark")
        self.bookmark_button.setAccessibleName("Bookmarked: edit the bookmark" if marked else "Bookmark")
        self.bookmark_button.setToolTip(
            "This passage is bookmarked: Ctrl+D edits its note and tags"
            if marked
            else "Bookmark the passage you are reading, or the text selected in it (Ctrl+D)"
        )
        return marked

    def target(self) -> Target | None:
        """What Ctrl+D bookmarks: the chosen hit or concordance line, else the reader's selection or passage."""
        window = self._reader
        chosen = window.panel.chosen_passage()
        if chosen:
            return chosen, None, None
        if window.reader.source is None:
            return None
        span = window.reader.selection_span()
        if span is not None:
            return span
        passage_id = window.reader.current_passage()
        return (passage_id, None, None) if passage_id else None

    def bookmark_current(self) -> BookmarkDialog | None:
        """Ctrl+D: open the bookmark dialog for what the reader is at."""
        target = self.target()
        if target is None:
            self._say("Open a passage, or choose a search result, to bookmark it.", 8000)
            return None
        return self.bookmark(*target)

    def bookmark(
        self, passage_id: str, start: int | None = None, end: int | None = None, parent: QWidget | None = None
    ) -> BookmarkDialog | None:
        """Ask for a note and tags, then bookmark `passage_id` (or `text[start:end]` of it).

        The same passage or selection bookmarked again opens its bookmark for editing.
        """
        service = self.service
        if service is None or self._library is None:
            return None
        try:
            passage = self._library.passage(passage_id)
            source = self._library.source(passage.source_id)
        except UserError as exc:
            self._say(str(exc), 8000)
            return None
        whole = start is None or end is None
        first, last = (0, len(passage.text)) if whole else (start or 0, end or 0)
        if not whole:  # a drag that ends mid-word keeps the whole word, as the saved quote will
            from gulagreader.core.bookmarks.model import snap_to_words

            first, last = snap_to_words(passage.text, first, last)
        existing = next(
            (
                b
                for b in service.find(source=passage.source_id)
                if b.passage_id == passage_id and (b.position.start, b.position.end) == (first, last)
            ),
            None,
        )
        from gulagreader.ui.bookmarks.dialog import BookmarkDialog

        dialog = BookmarkDialog(
            parent or self._window,
            passage.text[first:last],
            f"{source.title} · {passage_id}" + ("" if whole else " · selection"),
            existing.note if existing else "",
            existing.tags if existing else (),
            service.tags(),
            editing=existing is not None,
        )
        span: tuple[int | None, int | None] = (None, None) if whole else (first, last)
        dialog.accepted.connect(lambda: self._save(dialog, passage_id, span, existing))
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _save(
        self,
        dialog: BookmarkDialog,
        passage_id: str,
        span: tuple[int | None, int | None],
        existing: Bookmark | None,
    ) -> None:
        service = self.service
        if service is None:
            return
        try:
            if existing is not None:
                saved = service.update(existing.id, note=dialog.note(), tags=dialog.tags())
            else:
                saved = service.add(passage_id, *span, note=dialog.note(), tags=dialog.tags())
        except UserError as exc:
            self._say(str(exc))
            return
        if existing is not None and existing.note and saved.note != existing.note:
            self._replaced = existing
            self.undo_action.setText("&Undo replacing a bookmark's note")
            self._update_undo()
            self._say(f"The note of the bookmark on {saved.passage_id} was replaced; Ctrl+Z brings the old one back.")
        else:
            self._say(
                f"Bookmarked {saved.passage_id}{' (edited)' if existing else ''}; Ctrl+B shows your bookmarks.", 8000
            )
        self._marked = None
        self.show_bookmarked_state()
        reader = self._reader.reader
        if reader.source is not None and reader.source.id == saved.source_id:  # the passage shows it is kept
            reader.mark_span(saved.passage_id, saved.position.start, saved.position.end)
        if self.panel is not None:
            self.panel.refresh()
            self.panel.select(saved.id)

    # --- citations ---

    def copy_citation(self, style: str = "chicago", passage_id: str = "") -> str:
        """Copy the citation of `passage_id` (default: what Ctrl+D would bookmark); returns it."""
        if not passage_id:
            target = self.target()
            passage_id = target[0] if target else ""
        if not passage_id or self._library is None:
            self._say("Open a passage, or choose a search result, to copy its citation.", 8000)
            return ""
        try:
            text = copy_citation(self._library, passage_id, style)
        except UserError as exc:
            self._say(str(exc), 8000)
            return ""
        self._say(f"Copied: {text}", 8000)
        return text

    # --- context menus ---

    def reader_menu(self, pos: QPoint) -> QMenu:
        """The reader's context menu: the usual entries, then bookmark and cite the passage (or selection)."""
        reader = self._reader.reader
        menu = reader.page.createStandardContextMenu(pos)
        if reader.source is None or self._store is None:
            return menu
        span = reader.selection_span()
        passage_id = span[0] if span else reader.passage_at(reader.page.cursorForPosition(pos).position())
        if not passage_id:
            return menu
        menu.addSeparator()
        if span is not None:
            menu.addAction("&Bookmark the selection…", lambda: self.bookmark(*span))
        menu.addAction("Bookmark this &passage…", lambda: self.bookmark(passage_id))
        self._cite_entries(menu, passage_id)
        menu.addSeparator()
        self._reader.event_actions.name_entries(menu, passage_id)  # each name it prints opens its entry
        return menu

    def _show_reader_menu(self, pos: QPoint) -> None:
        self.reader_menu(pos).exec(self._reader.reader.page.viewport().mapToGlobal(pos))

    def _cite_entries(self, menu: QMenu, passage_id: str, suffix: str = "") -> None:
        for style, words in STYLES:
            menu.addAction(f"Copy citation: {words}{suffix}", partial(self.copy_citation, style, passage_id))

    def _hit_entries(self, menu: QMenu, hit: Hit) -> None:
        menu.addAction("&Bookmark this passage…", lambda: self.bookmark(hit.passage_id))
        self._cite_entries(menu, hit.passage_id)

    def watch_compare(self, view: CompareView) -> None:
        """Let a compare view bookmark and cite its passages (Ctrl+D, and its cells' context menus)."""
        action = QAction("Bookmark…", view)
        action.setShortcut(QKeySequence("Ctrl+D"))
        action.triggered.connect(lambda: self.bookmark_in_compare(view))
        view.addAction(action)
        view.passage_menu.connect(lambda menu, ids, selected: self._compare_entries(view, menu, ids, selected))

    def _in_passages(self, ids: tuple[str, ...], selected: str) -> Target | None:
        """The passage among `ids` holding the `selected` text, with where it is in it."""
        if self._library is None or not selected.strip():
            return None
        for passage_id in ids:
            span = locate(self._library.passage(passage_id).text, selected)
            if span is not None:
                return passage_id, *span
        return None

    def bookmark_in_compare(self, view: CompareView) -> BookmarkDialog | None:
        """Ctrl+D in a compare view: the selection in a cell, or the cell's one passage."""
        ids, selected = view.chosen_passages()
        target = self._in_passages(ids, selected)
        if target is not None:
            return self.bookmark(*target, parent=view)
        if len(ids) == 1:
            return self.bookmark(ids[0], parent=view)
        view.message.setText("Select some text in a passage, or right-click it, to bookmark it.")
        view.message.show()
        return None

    def _compare_entries(self, view: CompareView, menu: QMenu, ids: tuple[str, ...], selected: str) -> None:
        menu.addSeparator()
        target = self._in_passages(ids, selected)
        if target is not None:
            menu.addAction("&Bookmark the selection…", lambda: self.bookmark(*target, parent=view))
        for passage_id in ids:
            menu.addAction(f"Bookmark {passage_id}…", partial(self.bookmark, passage_id, parent=view))
        for passage_id in ids:
            self._cite_entries(menu, passage_id, f" ({passage_id})" if len(ids) > 1 else "")

    # --- the dock ---

    def toggle_panel(self) -> None:
        """Ctrl+B: show the bookmarks (or hide them when they are already in front)."""
        if self.dock.isVisible() and self.tabs is not None and self.tabs.currentIndex() == BOOKMARKS_TAB:
            self.dock.hide()
            return
        self._show_tab(BOOKMARKS_TAB)
        if self.panel is not None:
            self.panel.view.setFocus()

    def show_searches(self) -> None:
        self._show_tab(SEARCHES_TAB)

    def _show_tab(self, index: int) -> None:
        shown = self.dock.isVisible()
        self.dock.show()
        self.dock.raise_()
        self._build_panels()
        if self.tabs is not None:
            self.tabs.setCurrentIndex(index)
        if not shown:
            self._fit_dock()

    def _fit_dock(self) -> None:
        """Give the dock a share of the window that leaves the reader its width (its buttons wrap)."""
        from PySide6.QtCore import Qt  # not named by the first window (see MainWindow)

        if self.dock.isFloating():
            return
        width = max(self.dock.minimumSizeHint().width(), min(DOCK_WIDTH, int(self._window.width() * DOCK_SHARE)))
        self._window.resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)

    def _on_dock_shown(self, visible: bool) -> None:
        if visible:  # another window may have changed them meanwhile
            self._build_panels()
            if self.panel is not None:
                self.panel.refresh()
            if self.searches is not None:
                self.searches.refresh()

    def _build_panels(self) -> None:
        if self.tabs is not None or self._library is None:
            return
        service, history = self.service, self.history
        if service is None or history is None:
            self.dock.setWidget(
                QLabel(
                    self._window.statusBar().currentMessage(),
                    self.dock,
                    wordWrap=True,
                    textFormat=QtCore.Qt.TextFormat.PlainText,
                )
            )
            return
        from gulagreader.ui.bookmarks.panel import BookmarksPanel
        from gulagreader.ui.search.saved_searches import SearchesPanel

        library = self._library
        titles = library.titles() | {e.id: e.title for e in library.events()}
        self.panel = BookmarksPanel(service, library, self.dock)
        self.panel.open_bookmark.connect(self.open_bookmark)
        self.panel.changed.connect(self._update_undo)
        self.panel.changed.connect(self._forget_marked)
        if self.notices:
            self.panel.say(" ".join(self.notices))
        panel = self._reader.panel
        self.searches = SearchesPanel(
            history, lambda: (panel.search_field.text(), panel.filter_bar.filters()), titles, self.dock
        )
        self.searches.run_search.connect(self.run_search)
        from PySide6.QtWidgets import QTabWidget  # with the panels, not with the first window

        self.tabs = QTabWidget(self.dock)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Bookmarks or searches")
        self.tabs.addTab(self.panel, "Bookmarks")
        self.tabs.addTab(self.searches, "Searches")
        self.tabs.currentChanged.connect(self._on_tab)
        self.dock.setWidget(self.tabs)

    def _on_tab(self, index: int) -> None:
        self.dock.setWindowTitle("Bookmarks" if index == BOOKMARKS_TAB else "Searches")
        if index == SEARCHES_TAB and self.searches is not None:
            self.searches.refresh()

    # --- from the panels ---

    def open_bookmark(self, bookmark: Bookmark) -> None:
        """Read a bookmark's passage with its text marked; an orphaned one says why it cannot be marked."""
        if self._library is None:
            return
        try:
            self._library.passage(bookmark.passage_id)
        except NotFound:
            self._say(f"Passage {bookmark.passage_id} is no longer in the corpus; the bookmark keeps its quote.")
            return
        except UserError as exc:  # the store could not be read: say so, not that the passage is gone
            self._say(str(exc))
            return
        self._reader.open_passage(bookmark.passage_id)
        if bookmark.status == "orphaned":
            self._say("This bookmark's text is no longer in its passage; the bookmark keeps its quote.", 15000)
            return
        self._reader.reader.mark_span(bookmark.passage_id, bookmark.position.start, bookmark.position.end)

    def undo_delete(self) -> None:
        """Ctrl+Z: bring back the note replaced last, else the bookmarks deleted last."""
        if self._replaced is not None and self.service is not None:
            old, self._replaced = self._replaced, None
            self.undo_action.setText("&Undo deleting a bookmark")
            try:
                self.service.update(old.id, note=old.note, tags=old.tags)
            except UserError as exc:
                self._say(str(exc))
            else:
                self._say(f"The old note of the bookmark on {old.passage_id} is back.", 8000)
            if self.panel is not None:
                self.panel.refresh()
        elif self.panel is not None and (back := self.panel.undo_delete()):
            n = len(back)
            self._say("The deleted bookmark is back." if n == 1 else f"The {n} deleted bookmarks are back.", 8000)
        self._update_undo()

    def _update_undo(self) -> None:
        self.undo_action.setEnabled(self._replaced is not None or (self.panel is not None and self.panel.can_undo))

    def run_search(self, query: str, filters: SearchFilters) -> None:
        """Run a saved or past search again, with its filters."""
        panel = self._reader.panel
        panel.filter_bar.set_filters(filters)
        panel.search_field.setText(query)
        self.record_search()

    def record_search(self) -> None:
        """Keep the search in the field, with its filters, in the history (when it has a query)."""
        panel = self._reader.panel
        query = panel.search_field.text()
        if not query.strip() or self._store is None:
            return
        history = self.history
        if history is None:
            return
        try:
            history.record(query, panel.filter_bar.filters())
        except UserError as exc:
            self._say(str(exc), 8000)
            return
        if self.searches is not None and self.dock.isVisible():
            self.searches.refresh()
