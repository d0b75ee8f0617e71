"""The kiosk's overlays: the idle countdown and the administrator's passphrase panel.

They are children of the kiosk window, laid over all of it, never windows of their own: in kiosk
mode nothing may open a second window.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from gulagreader.core.kiosk.passphrase import PassphraseGate


class Overlay(QWidget):
    """Covers its parent (down to `above`, while that is shown), dims it, and holds a card in the middle."""

    def __init__(self, parent: QWidget, above: QWidget | None = None) -> None:
        super().__init__(parent)
        self._host, self._above = parent, above
        self.card = QFrame(self)
        self.card.setObjectName("overlayCard")
        self.card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card_layout = QVBoxLayout(self.card)
        self.card.setMinimumWidth(600)
        self.card.setMaximumWidth(760)
        self.card_layout.setContentsMargins(48, 40, 48, 40)
        self.card_layout.setSpacing(18)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        for watched in (parent, above):
            if watched is not None:
                watched.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show, QEvent.Type.Hide):
            self._fit()
        return False

    def _fit(self) -> None:
        rect = self._host.rect()
        if self._above is not None and self._above.isVisible():
            rect.setBottom(self._above.geometry().top() - 1)
        self.setGeometry(rect)

    def open(self) -> None:
        self._fit()
        self.show()
        self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(30, 24, 18, 150))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # nothing under the overlay is touched through it


def _label(text: str, parent: QWidget, name: str) -> QLabel:
    label = QLabel(text, parent, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    return label


class CountdownOverlay(Overlay):
    """'Still reading? Touch to continue', with the seconds left before the screen starts over."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName("Still reading?")
        self.heading = _label("Still reading?", self.card, "overlayHeading")
        self.prompt = _label("Touch the screen to continue.", self.card, "overlayPrompt")
        self.seconds = _label("", self.card, "overlaySeconds")
        self.note = _label(
            "Then the reader goes back to its start, and what you searched and kept is cleared for the next visitor.",
            self.card,
            "overlayNote",
        )
        for w in (self.heading, self.prompt, self.seconds, self.note):
            self.card_layout.addWidget(w)

    def set_seconds(self, left: int) -> None:
        self.seconds.setText(f"{left} second{'s' * (left != 1)}")


class AdminPanel(Overlay):
    """Asks for the administrator's passphrase; wrong ones make the next try wait longer.

    Signals:
        unlocked(): the right passphrase was given: leave kiosk mode.
        cancelled(): the panel was closed without leaving.
    """

    unlocked = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget, gate: PassphraseGate, above: QWidget | None = None) -> None:
        super().__init__(parent, above)
        self.gate = gate
        self.setAccessibleName("Leave kiosk mode")
        heading = _label("Leave kiosk mode", self.card, "overlayHeading")
        self.note = _label("For staff: enter the administrator's passphrase.", self.card, "overlayNote")
        self.field = QLineEdit(self.card, echoMode=QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Administrator's passphrase")
        self.field.setMinimumWidth(440)
        self.field.returnPressed.connect(self.submit)
        self.message = _label("", self.card, "overlayMessage")
        self.leave_button = QPushButton("Leave kiosk mode", self.card)
        self.leave_button.setObjectName("primary")
        self.leave_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton("Cancel", self.card)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.leave_button)
        for w in (heading, self.note, self.field, self.message):
            self.card_layout.addWidget(w)
        self.card_layout.addLayout(buttons)
        self._kept = False  # a passphrase was typed and submitted during a wait, and is kept in the field
        self._timer = QTimer(self, interval=250)
        self._timer.timeout.connect(self._show_wait)
        if not gate.is_set:
            self.note.setText(
                "No administrator passphrase is set on this machine, so kiosk mode cannot be left from here. "
                "Set one with 'gulagreader kiosk --set-passphrase'."
            )
            self.field.hide()
            self.leave_button.hide()

    def open(self) -> None:
        super().open()
        self.field.clear()
        self._show_wait()
        self.field.setFocus()

    def cancel(self) -> None:
        self.field.clear()
        self.hide()
        self.cancelled.emit()

    def submit(self) -> None:
        """Check the passphrase typed (unless the gate is still waiting)."""
        passphrase = self.field.text()
        if not self.gate.is_set or not passphrase:
            return
        if self.gate.wait() > 0:
            self._show_wait(kept=True)  # typed during the wait: kept in the field, tried when the wait is over
            return
        self.field.clear()
        self._kept = False
        if self.gate.attempt(passphrase):
            self.message.clear()
            self.hide()
            self.unlocked.emit()
            return
        self._show_wait()

    def _show_wait(self, kept: bool = False) -> None:
        wait = math.ceil(self.gate.wait())
        if wait > 0:
            self._kept = self._kept or kept
            seconds = f"{wait} second{'s' * (wait != 1)}"
            self.message.setText(
                f"Please wait {seconds}. What you typed is kept: press Leave kiosk mode then."
                if self._kept
                else f"Wrong passphrase. Try again in {seconds}."
            )
            self.leave_button.setEnabled(False)
            self._timer.start()
        else:
            if self._kept and self.field.text():
                self.message.setText("You can try the passphrase you typed now: press Leave kiosk mode.")
            elif self.gate.failures:
                self.message.setText("Wrong passphrase. Try again.")
            self._kept = False
            self.leave_button.setEnabled(self.gate.is_set)
            self._timer.stop()
