"""How the lists paint a row: its ground (chosen, under the pointer, or its own colour), a rule
beneath it, and rich text in the theme's ink. Shared by results, events, the kiosk and compare."""

from __future__ import annotations

from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QWidget

from gulagreader.ui.style import Theme


def paint_ground(
    painter: QPainter, option: QStyleOptionViewItem, theme: Theme, *, hover: bool = True, own: object = None
) -> None:
    """Fill the row chosen, under the pointer (where `hover`: a touch screen has none) or in its `own`
    colour, then rule a line beneath it."""
    rect, state = option.rect, option.state
    if state & QStyle.StateFlag.State_Selected:
        painter.fillRect(rect, QColor(theme.selected))
    elif hover and state & QStyle.StateFlag.State_MouseOver:
        painter.fillRect(rect, QColor(theme.hover))
    elif isinstance(own, QColor):
        painter.fillRect(rect, own)
    painter.setPen(QColor(theme.rule))
    painter.drawLine(rect.bottomLeft(), rect.bottomRight())


def draw_text(painter: QPainter, doc: QTextDocument, left: int, top: int, view: QWidget, theme: Theme) -> None:
    """Draw `doc` with its top left at (`left`, `top`), its text in the theme's ink."""
    painter.translate(left, top)
    context = QAbstractTextDocumentLayout.PaintContext()
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Text, QColor(theme.ink))
    context.palette = palette
    doc.documentLayout().draw(painter, context)
