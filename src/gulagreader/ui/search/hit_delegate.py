"""Paints a results row from the model's rich text, wrapped to the list's width."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QColor, QPainter, QPen, QTextDocument
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from gulagreader.ui.roles import HTML_ROLE
from gulagreader.ui.row_paint import draw_text, paint_ground
from gulagreader.ui.style import LIGHT, Theme

_PAD = 10
_Index = QModelIndex | QPersistentModelIndex


class HitDelegate(QStyledItemDelegate):
    """Rich-text rows, as wide as the list's viewport, in the list's palette and font.

    Each row's laid-out document is remembered per text, width and font: measuring a row and
    painting it then lay it out once, and a row shown again (retyping, scrolling back) costs nothing.
    """

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._theme = LIGHT
        self._documents: dict[tuple[str, int, str], QTextDocument] = {}

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def _document(self, html: str, width: int) -> QTextDocument:
        key = (html, width, self._view.font().key())
        doc = self._documents.get(key)
        if doc is None:
            if len(self._documents) > 500:  # ten pages of results
                self._documents.clear()
            doc = self._documents[key] = QTextDocument()
            doc.setDefaultFont(self._view.font())
            doc.setDocumentMargin(0)
            doc.setHtml(html)
            doc.setTextWidth(max(width - 2 * _PAD, 50))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        rect = option.rect
        state = option.state
        painter.save()
        paint_ground(painter, option, self._theme)
        if state & QStyle.StateFlag.State_HasFocus and self._view.hasFocus():  # where the keyboard is
            pen = QPen(QColor(self._theme.accent))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        doc = self._document(str(index.data(HTML_ROLE) or ""), self._row_width())
        draw_text(painter, doc, rect.left() + _PAD, rect.top() + _PAD, self._view, self._theme)
        painter.restore()

    def _row_width(self) -> int:
        """The list's width less its frame and a scroll bar, shown or not: rows wrap the same either way.

        (Wrapping to the viewport made rows overlap when a scroll bar appeared after they were measured.)
        """
        style = self._view.style()
        bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self._view)
        return self._view.width() - 2 * self._view.frameWidth() - bar

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        width = self._row_width()
        doc = self._document(str(index.data(HTML_ROLE) or ""), width)
        return QSize(width, int(doc.size().height()) + 2 * _PAD)
