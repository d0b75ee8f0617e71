"""Saved searches and the search history, to run again with their filters, or to clear.

Imported only when first shown: the history lives in the bookmarks database (sqlite-utils).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.bookmarks.model import PastSearch, SavedSearch
from gulagreader.core.errors import UserError
from gulagreader.core.search_filters import SearchFilters
from gulagreader.core.search_history import SearchHistory
from gulagreader.ui.buttons import tool_button
from gulagreader.ui.flow_layout import FlowLayout

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


def describe(query: str, record: Mapping[str, str], titles: Mapping[str, str]) -> str:
    """'Derevyanko — source: Lituanus…; in source order': a kept search (its filters' record form) in words."""
    said = SearchFilters.from_record(record).describe(titles)
    return query + (" — " + said if said else "")


class SearchesPanel(QWidget):
    """The searches the reader kept, and the latest searches, each one click from running again.

    Signals:
        run_search(str, object): run this query with these `SearchFilters`.
    """

    run_search = Signal(str, object)

    def __init__(
        self,
        history: SearchHistory,
        current: Callable[[], tuple[str, SearchFilters]],
        titles: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._current = current
        self._titles = dict(titles)
        self.saved_list = self._list("Saved searches")
        self.history_list = self._list("Search history")
        self.run_saved_button = self._button("Run", "Run the saved search again, with its filters", self.run_selected)
        self.save_button = self._button("Save current search…", "Keep the search on screen under a name")
        self.save_button.clicked.connect(self.save_with_dialog)
        self.remove_button = self._button("Remove", "Remove the selected saved search", self.remove_selected)
        self.clear_saved_button = self._button("Clear all", "Remove every saved search", lambda: self.clear_saved())
        self.run_past_button = self._button("Run", "Run this search again", self.run_past)
        self.clear_history_button = self._button("Clear history", "Forget the searches made", self.clear_history)
        self.message = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.message.setAccessibleDescription("Searches message")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.addWidget(_heading("Saved searches", self))
        layout.addWidget(self.saved_list, 2)
        layout.addLayout(_row(self.run_saved_button, self.save_button, self.remove_button, self.clear_saved_button))
        layout.addWidget(_heading("Recent searches", self))
        layout.addWidget(self.history_list, 3)
        layout.addLayout(_row(self.run_past_button, self.clear_history_button))
        layout.addWidget(self.message)
        self.saved_list.itemActivated.connect(lambda _: self.run_selected())
        self.history_list.itemActivated.connect(lambda _: self.run_past())
        self.refresh()

    def _list(self, name: str) -> QListWidget:
        widget = QListWidget(self)
        widget.setAccessibleName(name)
        widget.setWordWrap(True)
        return widget

    def _button(self, text: str, tip: str, slot: Callable[[], object] | None = None) -> QToolButton:
        return tool_button(self, text, tip, slot)

    def refresh(self) -> None:
        """Fill both lists again from the database."""
        try:
            saved, past = self._history.saved(), self._history.recent()
        except UserError as exc:
            self.say(str(exc))
            return
        self.saved_list.clear()
        for s in saved:
            item = QListWidgetItem(f"{s.name}\n{describe(s.query, s.filters, self._titles)}")
            item.setData(SEARCH_ROLE, s)
            self.saved_list.addItem(item)
        self.history_list.clear()
        for p in past:
            item = QListWidgetItem(describe(p.query, p.filters, self._titles))
            item.setToolTip(f"Searched {p.at[:16].replace('T', ' ')} (UTC)")
            item.setData(SEARCH_ROLE, p)
            self.history_list.addItem(item)
        if not saved:
            self.saved_list.addItem(_hint("None yet: 'Save current search…' keeps the search on screen."))
        if not past:
            self.history_list.addItem(_hint("None yet: a search is kept when you press Enter or open a result."))

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- running ---

    def _chosen(self, widget: QListWidget) -> SavedSearch | PastSearch | None:
        item = widget.currentItem()
        found = item.data(SEARCH_ROLE) if item is not None else None
        return found if isinstance(found, SavedSearch | PastSearch) else None

    def run_selected(self) -> None:
        chosen = self._chosen(self.saved_list)
        if chosen is not None:
            self.run_search.emit(chosen.query, SearchFilters.from_record(chosen.filters))

    def run_past(self) -> None:
        chosen = self._chosen(self.history_list)
        if chosen is not None:
            self.run_search.emit(chosen.query, SearchFilters.from_record(chosen.filters))

    # --- keeping and forgetting ---

    def save_current(self, name: str) -> SavedSearch | None:
        """Keep the search on screen under `name` (the query itself when `name` is empty)."""
        query, filters = self._current()
        try:
            saved = self._history.save(name, query, filters)
        except UserError as exc:
            self.say(str(exc))
            return None
        self.say(f"Saved “{saved.name}”.")
        self.refresh()
        return saved

    def save_with_dialog(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        query, _ = self._current()
        if not query.strip():
            self.say("Type a search first; then it can be saved.")
            return
        name, ok = QInputDialog.getText(self, "Save search", "Name for this search:", text=query.strip())
        if ok:
            self.save_current(name)

    def remove_selected(self) -> None:
        chosen = self._chosen(self.saved_list)
        if isinstance(chosen, SavedSearch):
            self._run(lambda: self._history.remove(chosen.id))

    def clear_saved(self, ask: bool = True) -> None:
        """Remove every saved search (after asking, unless `ask` is False)."""
        if ask and self._history.saved():
            answer = QMessageBox.question(self, "GulagReader", "Remove every saved search?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(self._history.clear_saved)

    def clear_history(self) -> None:
        self._run(self._history.clear)
        self.say("The search history is cleared.")

    def _run(self, change: Callable[[], None]) -> None:
        try:
            change()
        except UserError as exc:
            self.say(str(exc))
            return
        self.refresh()


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(f"<b>{text}</b>", parent)
    return label


def _hint(text: str) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    return item


def _row(*widgets: QWidget) -> FlowLayout:
    row = FlowLayout(spacing=2)  # wraps in a narrow dock rather than squeezing the reader
    for w in widgets:
        row.addWidget(w)
    return row
