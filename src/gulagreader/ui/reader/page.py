"""The reader's page and title line: the text never wider than a comfortable measure, kept in place on
resize; Tab leaves it, N goes from note to note; the title cut with '…' when the pane is narrow."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPaintEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QLabel, QTextBrowser, QWidget

from gulagreader.ui.style import MEASURE_EM


class ReadingPage(QTextBrowser):
    """A text browser whose text never runs wider than `MEASURE_EM` ems, and keeps its place on resize.

    Tab leaves the page (it does not walk the footnote markers): N and Shift+N go from note to note.

    Signals:
        note_key(bool): N (True, forward) or Shift+N (False) was pressed on the page.
        focused(): the page took the keyboard focus.
    """

    note_key = Signal(bool)
    focused = Signal()

    def __init__(self, parent: QWidget, keep: Callable[[], int] | None = None) -> None:
        super().__init__(parent)
        self._keep = keep
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == QtCore.Qt.Key.Key_N and not event.modifiers() & ~QtCore.Qt.KeyboardModifier.ShiftModifier:
            self.note_key.emit(not event.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier)
            return
        super().keyPressEvent(event)

    focus_colour = "#3b6ea5"  # the theme's accent (set by the reader pane)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # a clear frame while the page has the keyboard (set only then: no style sheet at start-up)
        self.setStyleSheet(f"QTextBrowser {{ border: 2px solid {self.focus_colour}; }}")
        self.focused.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.setStyleSheet("")

    def resizeEvent(self, event: QResizeEvent) -> None:
        # keep the current match (or the line at the top) where it was while the text reflows
        position = self.keep_in_place() if self.verticalScrollBar().value() else -1
        before = self._y(position) if position >= 0 else 0
        super().resizeEvent(event)
        self.apply_measure()
        if position >= 0:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + self._y(position) - before)

    def keep_in_place(self) -> int:
        """The document position a resize keeps in place (the reader pane says which)."""
        return self._keep() if self._keep else self.cursorForPosition(QPoint(0, 0)).position()

    def _y(self, position: int) -> int:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        return self.cursorRect(cursor).top()

    def apply_measure(self) -> None:
        em = self.fontMetrics().horizontalAdvance("M")
        # the viewport's width, without asking for the viewport: the first `viewport()` makes PySide6
        # look through every widget class for its type (~10 ms), which the first window need not pay
        bar = self.verticalScrollBar()
        width = self.maximumViewportSize().width() - (bar.width() if bar.isVisible() else 0)
        spare = width - MEASURE_EM * em
        side = max(24, spare // 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if fmt.leftMargin() != side or fmt.topMargin() != 24:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(24)
            fmt.setBottomMargin(48)
            frame.setFrameFormat(fmt)


class Title(QLabel):
    """The source's title on one line, cut with '…' when the pane is narrow (whole in the tooltip)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.text():  # no source yet (the first frame: see MainWindow on naming `Qt` there)
            return
        from PySide6.QtGui import QPainter  # not before there is a title: the first frame has none

        elide = QtCore.Qt.TextElideMode.ElideRight
        text = self.fontMetrics().elidedText(self.text(), elide, self.contentsRect().width())
        painter = QPainter(self)
        painter.drawText(self.contentsRect(), int(self.alignment()), text)
