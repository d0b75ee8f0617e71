"""The bookmarks panel: every bookmark with its quote, note and tags; filter, sort, open, edit, delete, undo,
cite, export and import.

Imported only when the panel is first shown: the bookmarks modules load sqlite-utils (~100 ms).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.bookmarks.imports import import_file
from gulagreader.core.bookmarks.service import BOOKMARK_ORDERS, Bookmark, BookmarkService, ImportReport
from gulagreader.core.errors import UserError
from gulagreader.core.library import Library
from gulagreader.ui.accessible import name_clear_button, name_popup
from gulagreader.ui.bookmarks.dialog import BookmarkDialog
from gulagreader.ui.bookmarks.files import ask_export_path, ask_import_path, export_file
from gulagreader.ui.bookmarks.markup import BookmarkRow
from gulagreader.ui.bookmarks.model import BOOKMARK_ROLE, BookmarksModel
from gulagreader.ui.buttons import tool_button
from gulagreader.ui.citation_copy import STYLES, put_on_clipboard, resolve_style
from gulagreader.ui.flow_layout import FlowLayout
from gulagreader.ui.search.filter_bar import event_label
from gulagreader.ui.search.hit_delegate import HitDelegate
from gulagreader.ui.theme import theme_for

SCOPES = (("all", "All bookmarks…"), ("shown", "The bookmarks shown (filtered)…"), ("selected", "Selected bookmarks…"))


class BookmarksPanel(QWidget):
    """The reader's bookmarks, newest first, narrowed by words, tag, source and event.

    Signals:
        open_bookmark(object): read this `Bookmark`'s passage, its text marked.
        changed(): bookmarks were added, edited, deleted or brought back.
    """

    open_bookmark = Signal(object)
    changed = Signal()

    def __init__(self, service: BookmarkService, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._library = library
        self._event_titles = {e.id: e.title for e in library.events()}
        self._undo: list[list[str]] = []
        self.last_dialog: BookmarkDialog | None = None
        self._theme = theme_for(self.palette())
        self._build()
        for box in (self.tag_box, self.source_box, self.event_box, self.sort_box):
            box.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def _build(self) -> None:
        self.filter_field = QLineEdit(self, clearButtonEnabled=True)
        self.filter_field.setPlaceholderText("Filter: words in the quote, note, tags or source")
        self.filter_field.setAccessibleName("Filter bookmarks")
        name_clear_button(self.filter_field, "Clear the bookmark filter")
        self.filter_field.textChanged.connect(self.refresh)
        self.tag_box = self._combo("Tag filter", "Only bookmarks with this tag")
        self.source_box = self._combo("Source filter", "Only bookmarks in this source")
        self.event_box = self._combo("Event filter", "Only bookmarks of passages telling this event")
        self.sort_box = self._combo("Order of bookmarks", "Order of the bookmarks")
        self.source_box.addItem("All sources", "")
        for source_id, title in self._library.titles().items():
            self.source_box.addItem(title, source_id)
        self.event_box.addItem("All events", "")
        for e in sorted(self._library.events(), key=lambda e: (not e.start, e.start)):
            self.event_box.addItem(event_label(e), e.id)
        for key, words in BOOKMARK_ORDERS.items():
            self.sort_box.addItem(words, key)
        self.count_label = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.count_label.setAccessibleDescription("Bookmark count")
        self.model = BookmarksModel(self._theme)
        self.view = QListView(self)
        self.view.setAccessibleName("Bookmarks")
        self.view.setModel(self.model)
        self.delegate = HitDelegate(self.view)
        self.delegate.set_theme(self._theme)
        self.view.setItemDelegate(self.delegate)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setWordWrap(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setMouseTracking(True)
        self.view.activated.connect(self._on_activated)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(lambda pos: self.context_menu().exec(self.view.mapToGlobal(pos)))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        for key, slot in (("Delete", self.delete_selected), ("F2", self.edit_current)):
            QShortcut(QKeySequence(key), self.view, slot, context=Qt.ShortcutContext.WidgetShortcut)
        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("undoBar")
        self.undo_label = QLabel(self.undo_bar)
        self.undo_button = QPushButton("&Undo", self.undo_bar)
        self.undo_button.setToolTip("Bring the deleted bookmarks back (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo_delete)
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(8, 4, 4, 4)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.hide()
        self.open_button = self._button("Open", "Read the bookmarked passage, its text marked (Enter)")
        self.open_button.clicked.connect(self.open_current)
        self.edit_button = self._button("Edit…", "Change the note and tags (F2)", self.edit_current)
        self.delete_button = self._button("Delete", "Delete the selected bookmarks (Delete; undo with Ctrl+Z)")
        self.delete_button.clicked.connect(self.delete_selected)
        self.cite_button = self._button("Cite", "Copy the citation of the bookmarked passage")
        cite_menu = QMenu(self.cite_button)
        for style, words in STYLES:
            cite_menu.addAction(f"Copy citation: {words}", partial(self.copy_citation, style))
        self._popup(self.cite_button, cite_menu)
        self.export_button = self._button("Export", "Export bookmarks for a reference manager or a spreadsheet")
        export_menu = QMenu(self.export_button)
        self.export_actions = {
            scope: export_menu.addAction(words, partial(self.export_with_dialog, scope)) for scope, words in SCOPES
        }
        export_menu.aboutToShow.connect(self._update_buttons)
        self._popup(self.export_button, export_menu)
        self.import_button = self._button("Import…", "Import bookmarks from a file exported before")
        self.import_button.clicked.connect(self.import_with_dialog)
        self.message = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.message.setAccessibleDescription("Bookmarks message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setHorizontalSpacing(6)
        filters.setVerticalSpacing(4)
        filters.addWidget(self.tag_box, 0, 0)
        filters.addWidget(self.source_box, 0, 1)
        filters.addWidget(self.event_box, 1, 0)
        filters.addWidget(self.sort_box, 1, 1)
        buttons = FlowLayout(spacing=2)  # wraps in a narrow dock rather than squeezing the reader
        for b in (
            self.open_button,
            self.edit_button,
            self.delete_button,
            self.cite_button,
            self.export_button,
            self.import_button,
        ):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.filter_field)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.undo_bar)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._paint()

    def _combo(self, name: str, tip: str) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(name)
        box.setToolTip(tip)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(8)
        name_popup(box)
        return box

    def _button(self, text: str, tip: str, slot: Callable[[], object] | None = None) -> QToolButton:
        return tool_button(self, text, tip, slot)

    def _popup(self, button: QToolButton, menu: QMenu) -> None:
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setStyleSheet("QToolButton::menu-indicator { image: none; }")  # the ▾ says it
        button.setText(button.text() + " ▾")

    # --- what is shown ---

    @property
    def service(self) -> BookmarkService:
        return self._service

    def refresh(self) -> None:
        """Fill the list again from the database with the filters as set (keeping the selection)."""
        kept = {b.id for b in self.selected()}
        self._fill_tags()
        try:
            found = self._service.find(
                text=self.filter_field.text(),
                tag=str(self.tag_box.currentData() or "") or None,
                source=str(self.source_box.currentData() or "") or None,
                event=str(self.event_box.currentData() or "") or None,
                sort=str(self.sort_box.currentData() or "created"),
            )
            total = len(self._service.find())
        except UserError as exc:
            self.say(str(exc))
            return
        passages = self._service.passages(found)
        rows = []
        for b in found:
            passage = passages.get(b.passage_id)
            events = tuple(self._event_titles.get(e, e) for e in (passage.events if passage else ()))
            rows.append(BookmarkRow(b, self._service.source_of(b).title, events))
        self.model.set_rows(rows)
        self._total = total
        if not total:
            self.count_label.setText("No bookmarks yet: Ctrl+D bookmarks the passage you are reading.")
        elif len(found) == total:
            self.count_label.setText(f"{total} bookmark{'s' * (total != 1)}")
        else:
            self.count_label.setText(f"{len(found)} of {total} bookmarks")
        for bookmark_id in kept:
            self.select(bookmark_id, clear=False)
        self._update_buttons()

    def _fill_tags(self) -> None:
        current = str(self.tag_box.currentData() or "")
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        self.tag_box.addItem("All tags", "")
        for tag in self._service.tags():
            self.tag_box.addItem(tag, tag)
        self.tag_box.setCurrentIndex(max(0, self.tag_box.findData(current)))
        self.tag_box.blockSignals(False)

    def bookmarks(self) -> list[Bookmark]:
        """The bookmarks shown, in order."""
        return self.model.bookmarks()

    def selected(self) -> list[Bookmark]:
        """The selected bookmarks, in the list's order."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self.model.bookmark(r) for r in rows if r < self.model.rowCount()]

    def current(self) -> Bookmark | None:
        """The bookmark with the keyboard focus (or the first selected)."""
        index = self.view.currentIndex()
        if index.isValid() and self.view.selectionModel().isSelected(index):
            bookmark: Bookmark = index.data(BOOKMARK_ROLE)
            return bookmark
        chosen = self.selected()
        return chosen[0] if chosen else None

    def select(self, bookmark_id: str, clear: bool = True) -> bool:
        """Select the row of `bookmark_id` (and make it current); False if it is not shown."""
        row = self.model.row_of(bookmark_id)
        if row < 0:
            return False
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        if clear:
            flags |= QItemSelectionModel.SelectionFlag.Clear
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)
        return True

    def say(self, text: str) -> None:
        """A line under the buttons: what an export or import did, or what went wrong."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _update_buttons(self) -> None:
        chosen = len(self.selected())
        for button in (self.open_button, self.edit_button, self.cite_button):
            button.setEnabled(chosen >= 1)
        self.delete_button.setEnabled(chosen >= 1)
        if hasattr(self, "export_actions"):  # (selection signals come while the panel is being built)
            shown = self.model.rowCount()
            self.export_actions["selected"].setEnabled(chosen >= 1)
            self.export_actions["shown"].setEnabled(shown >= 1)
            self.export_actions["all"].setEnabled(getattr(self, "_total", 1) >= 1)

    # --- acting on bookmarks ---

    def _on_activated(self, index: QModelIndex) -> None:
        bookmark = index.data(BOOKMARK_ROLE)
        if bookmark is not None:
            self.open_bookmark.emit(bookmark)

    def open_current(self) -> None:
        bookmark = self.current()
        if bookmark is not None:
            self.open_bookmark.emit(bookmark)

    def edit_current(self) -> BookmarkDialog | None:
        """Open the dialog to change the current bookmark's note and tags (saved when accepted)."""
        bookmark = self.current()
        if bookmark is None:
            return None
        where = f"{self._service.source_of(bookmark).title} · {bookmark.passage_id}"
        dialog = BookmarkDialog(
            self, bookmark.quote.exact, where, bookmark.note, bookmark.tags, self._service.tags(), editing=True
        )
        dialog.accepted.connect(lambda: self._save_edit(bookmark.id, dialog))
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _save_edit(self, bookmark_id: str, dialog: BookmarkDialog) -> None:
        try:
            self._service.update(bookmark_id, note=dialog.note(), tags=dialog.tags())
        except UserError as exc:
            self.say(str(exc))
            return
        self.refresh()
        self.select(bookmark_id)
        self.changed.emit()

    def delete_selected(self) -> list[Bookmark]:
        """Delete the selected bookmarks; Undo (the bar's button or Ctrl+Z) brings them back."""
        chosen = self.selected()
        if not chosen:
            return []
        row = min(i.row() for i in self.view.selectionModel().selectedRows())
        try:
            gone = self._service.delete([b.id for b in chosen])
        except UserError as exc:
            self.say(str(exc))
            return []
        self._undo.append([b.id for b in gone])
        n = len(gone)
        self.undo_label.setText("Bookmark deleted." if n == 1 else f"{n} bookmarks deleted.")
        self.undo_bar.show()
        self.refresh()
        if self.model.rowCount():
            self.select(self.model.bookmark(min(row, self.model.rowCount() - 1)).id)
        self.changed.emit()
        return gone

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_delete(self) -> list[str]:
        """Bring back the bookmarks deleted last; returns their ids."""
        if not self._undo:
            return []
        ids = self._undo.pop()
        try:
            self._service.restore(ids)
        except UserError as exc:
            self.say(str(exc))
            return []
        self.undo_bar.setVisible(bool(self._undo))
        self.refresh()
        for i, bookmark_id in enumerate(ids):
            self.select(bookmark_id, clear=i == 0)
        self.changed.emit()
        return ids

    def copy_citation(self, style: str = "chicago") -> str:
        """Copy the current bookmark's citation in `style` (see citation_copy.STYLES); returns what was copied."""
        bookmark = self.current()
        if bookmark is None:
            return ""
        from gulagreader.core.citations.render import cite

        try:
            citation = cite(self._service.source_of(bookmark), self._service.locator(bookmark), resolve_style(style))
        except UserError as exc:
            self.say(str(exc))
            return ""
        text = put_on_clipboard(citation)
        self.say(f"Copied: {text}")
        return text

    def context_menu(self) -> QMenu:
        """Open, edit, cite and delete, for a right-click on the list."""
        menu = QMenu(self.view)
        chosen = bool(self.selected())
        for text, slot in (("&Open in the reader", self.open_current), ("&Edit note and tags…", self.edit_current)):
            menu.addAction(text, slot).setEnabled(chosen)
        for style, words in STYLES:
            menu.addAction(f"Copy citation: {words}", partial(self.copy_citation, style)).setEnabled(chosen)
        menu.addSeparator()
        menu.addAction("&Delete", self.delete_selected).setEnabled(chosen)
        return menu

    # --- export and import ---

    def scope(self, scope: str) -> list[Bookmark]:
        """The bookmarks an export of `scope` ('all', 'shown', 'selected') takes."""
        if scope == "selected":
            return self.selected()
        if scope == "shown":
            return self.bookmarks()
        return self._service.find(sort=str(self.sort_box.currentData() or "created"))

    def export_to(self, path: Path, fmt: str, scope: str = "all") -> int:
        """Write the bookmarks of `scope` to `path` in format `fmt` (a key of `FILE_FORMATS`); returns how many."""
        chosen = self.scope(scope)
        if not chosen:
            self.say("There are no bookmarks to export." if scope != "selected" else "Select bookmarks to export.")
            return 0
        try:
            self.say(export_file(self._service, chosen, path, fmt))
        except UserError as exc:
            self.say(str(exc))
            return 0
        return len(chosen)

    def export_with_dialog(self, scope: str = "all") -> None:
        """Ask where and in which format, then export."""
        where = ask_export_path(self)
        if where is not None:
            self.export_to(*where, scope)

    def import_from(self, path: Path) -> ImportReport | None:
        """Import a file made by an export (CSV, CSL-JSON or JSON-LD); bookmarks already here are not doubled."""
        try:
            report, said = import_file(self._service, path)
        except UserError as exc:
            self.say(str(exc))
            return None
        self.say(said)
        self.refresh()
        self.changed.emit()
        return report

    def import_with_dialog(self) -> None:
        path = ask_import_path(self)
        if path is not None:
            self.import_from(path)

    # --- light and dark ---

    def _paint(self) -> None:
        t = self._theme
        self.undo_bar.setStyleSheet(f"QFrame#undoBar {{ background-color: {t.banner}; border-radius: 3px; }}")
        self.count_label.setStyleSheet(f"color: {t.muted};")
        self.message.setStyleSheet(f"color: {t.muted};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "model"):
            theme = theme_for(self.palette())
            if theme != self._theme:
                self._theme = theme
                self.delegate.set_theme(theme)
                self.model.set_theme(theme)
                self._paint()
