"""Paints a results row from the model's rich text, wrapped to the list's width."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from gulagreader.ui.roles import HTML_ROLE
from gulagreader.ui.style import LIGHT, Theme

_PAD = 10
_Index = QModelIndex | QPersistentModelIndex


class HitDelegate(QStyledItemDelegate):
    """Rich-text rows, as wide as the list's viewport, in the list's palette and font.

    Row heights are remembered per text and width: laying out every row's document again on
    each new result would make typing stutter.
    """

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._theme = LIGHT
        self._heights: dict[tuple[str, int, str], int] = {}

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def _document(self, html: str, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(self._view.font())
        doc.setDocumentMargin(0)
        doc.setHtml(html)
        doc.setTextWidth(max(width - 2 * _PAD, 50))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        rect = option.rect
        state = option.state
        painter.save()
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor(self._theme.selected))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor(self._theme.hover))
        painter.setPen(QColor(self._theme.rule))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        doc = self._document(str(index.data(HTML_ROLE) or ""), self._row_width())
        painter.translate(rect.left() + _PAD, rect.top() + _PAD)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(self._view.palette())
        palette.setColor(QPalette.ColorRole.Text, QColor(self._theme.ink))
        context.palette = palette
        doc.documentLayout().draw(painter, context)
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
        html = str(index.data(HTML_ROLE) or "")
        key = (html, width, self._view.font().key())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 2000:
                self._heights.clear()
            height = self._heights[key] = int(self._document(html, width).size().height()) + 2 * _PAD
        return QSize(width, height)
