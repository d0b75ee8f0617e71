"""The bookmarks list: a Qt list model over `BookmarkRow`s, each painted from its rich text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from gulagreader.core.bookmarks.model import Bookmark
from gulagreader.ui.bookmarks.markup import BookmarkRow, bookmark_html, bookmark_text, short_quote
from gulagreader.ui.roles import HTML_ROLE
from gulagreader.ui.style import LIGHT, Theme

BOOKMARK_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex

__all__ = ["BOOKMARK_ROLE", "HTML_ROLE", "BookmarksModel"]


class BookmarksModel(QAbstractListModel):
    """One row per bookmark; `BOOKMARK_ROLE` gives the `Bookmark`, `HTML_ROLE` its rich text."""

    def __init__(self, theme: Theme = LIGHT) -> None:
        super().__init__()
        self._rows: list[BookmarkRow] = []
        self._html: list[str] = []
        self._theme = theme

    def set_rows(self, rows: Sequence[BookmarkRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._html = [bookmark_html(r, self._theme) for r in self._rows]
        self.endResetModel()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.set_rows(self._rows)

    def bookmark(self, row: int) -> Bookmark:
        return self._rows[row].bookmark

    def bookmarks(self) -> list[Bookmark]:
        return [r.bookmark for r in self._rows]

    def row_of(self, bookmark_id: str) -> int:
        """The row showing `bookmark_id`, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.bookmark.id == bookmark_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return bookmark_text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.bookmark.passage_id}: {short_quote(row.bookmark.quote.exact, 600)}"
        if role == BOOKMARK_ROLE:
            return row.bookmark
        if role == HTML_ROLE:
            return self._html[index.row()]
        return None
