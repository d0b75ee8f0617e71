"""The kiosk's attract screen: after a visit ends, quotations from the accounts, one after another,
and 'Touch to begin', as museum kiosks do while nobody is using them.

It is a child of the kiosk window laid over all of it (keyboard included), never a window of its own.

Signals:
    dismissed(): the next visitor touched the screen or pressed a key.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gulagreader.core.kiosk.attract import Quotation


class AttractScreen(QWidget):
    """A quotation, where it comes from, and 'Touch to begin'; a new quotation every `seconds`."""

    dismissed = Signal()

    def __init__(self, parent: QWidget, quotations: Sequence[Quotation], seconds: float) -> None:
        super().__init__(parent)
        self._host = parent
        self.setObjectName("attractScreen")
        self.setAccessibleName("Touch to begin")
        self._quotations = list(quotations)
        self._at = -1
        self.quote = QLabel(self, wordWrap=True)
        self.quote.setObjectName("attractQuote")
        self.quote.setTextFormat(Qt.TextFormat.PlainText)  # the source's words, never read as HTML
        self.quote.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.where = QLabel(self, wordWrap=True)
        self.where.setObjectName("attractSource")
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel("Accounts of resistance in the Soviet camps", self, wordWrap=True)
        self.title.setObjectName("attractTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.touch = QLabel("Touch to begin", self)
        self.touch.setObjectName("attractTouch")
        self.touch.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 64)
        layout.setSpacing(28)
        layout.addWidget(self.title)
        layout.addStretch(2)
        layout.addWidget(self.quote)
        layout.addWidget(self.where)
        layout.addStretch(3)
        layout.addWidget(self.touch)
        self.timer = QTimer(self, interval=max(1000, round(seconds * 1000)))
        self.timer.timeout.connect(self.next_quotation)
        parent.installEventFilter(self)
        self.hide()

    @property
    def shown(self) -> Quotation | None:
        """The quotation on the screen (None when there are none)."""
        return self._quotations[self._at] if self._quotations and self._at >= 0 else None

    def open(self) -> None:
        """Cover the window and start showing quotations."""
        self.setGeometry(self._host.rect())
        self.next_quotation()
        self.show()
        self.raise_()
        self.timer.start()

    def close_screen(self) -> None:
        """Take the screen away (the visitor begins)."""
        if self.isVisible():
            self.timer.stop()
            self.hide()
            self.dismissed.emit()

    def next_quotation(self) -> None:
        if not self._quotations:
            self.quote.setText("Strikes, risings and hunger strikes, in the words of those who were there.")
            self.where.clear()
            return
        self._at = (self._at + 1) % len(self._quotations)
        q = self._quotations[self._at]
        self.quote.setText(f"“{q.text}”")
        self.where.setText(" · ".join(w for w in (f"— {q.source_title}", q.event_title) if w))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self._host.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#f3eee4"))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.close_screen()
