"""The kiosk window: full screen, frameless and on top, holding one visit at a time.

It puts the lockdown on the application (`lock`), ends a visit after the idle countdown (a new
`Visit` replaces the old one, the clipboard is emptied), shows the on-screen keyboard, and lets
the administrator leave with the passphrase (Ctrl+Alt+Shift+Q, or five taps in the top left
corner). Until then it ignores every request to close and goes back to full screen if anything
takes it out.

Signals:
    left(): the administrator left kiosk mode (the application should quit).
    visit_ended(): the idle countdown ran out and a new visit began.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QCloseEvent, QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget

from gulagreader.core.kiosk.config import KioskSettings
from gulagreader.core.kiosk.passphrase import PassphraseGate
from gulagreader.core.library import Library
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store
from gulagreader.ui.kiosk.attract import AttractScreen
from gulagreader.ui.kiosk.idle import IdleClock
from gulagreader.ui.kiosk.keyboard import OnScreenKeyboard
from gulagreader.ui.kiosk.lockdown import Lockdown
from gulagreader.ui.kiosk.overlays import AdminPanel, CountdownOverlay
from gulagreader.ui.kiosk.style import kiosk_palette, kiosk_stylesheet, type_size
from gulagreader.ui.kiosk.visit import Visit
from gulagreader.ui.theme import theme_for

CORNER = 96  # pixels: the top left square where five taps ask for the administrator
TAPS, TAP_SECONDS = 5, 4.0


class CornerTaps(QWidget):
    """An invisible square in the top left corner; `TAPS` touches within `TAP_SECONDS` call `on_taps`."""

    def __init__(self, parent: QWidget, on_taps: Callable[[], None]) -> None:
        super().__init__(parent)
        self.setGeometry(0, 0, CORNER, CORNER)
        self.setAccessibleName("")
        self._on_taps = on_taps
        self._taps: list[float] = []

    def mousePressEvent(self, event: QMouseEvent) -> None:
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t < TAP_SECONDS] + [now]
        if len(self._taps) >= TAPS:
            self._taps = []
            self._on_taps()
        event.accept()


class KioskWindow(QWidget):
    """The only window in kiosk mode; see the module's docstring."""

    left = Signal()
    visit_ended = Signal()

    def __init__(
        self, settings: KioskSettings, font_scale: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setObjectName("kioskWindow")
        self.setWindowTitle("GulagReader")
        self.setPalette(kiosk_palette())
        self.settings, self._font_scale = settings, font_scale
        self.type_px = 20
        self._restyle()
        self._store: Store | None = None
        self._search: SearchService | None = None
        self._library: Library | None = None
        self._locked = False
        self.visit: Visit | None = None
        self.visits = 0  # visits ended by the idle countdown (for tests and the log)
        self.message = QLabel("Opening the texts…", self, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setObjectName("pageNote")
        self.keyboard = OnScreenKeyboard(self)
        self.keyboard.hide_requested.connect(self.keyboard.hide)
        self.keyboard.setVisible(settings.keyboard == "always")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # the screen's size, never more
        self._layout.addWidget(self.message, 1)
        self._layout.addWidget(self.keyboard)
        self.lockdown = Lockdown(self)
        self.lockdown.admin_requested.connect(self.ask_admin)
        self.idle = IdleClock(settings.idle_minutes, settings.countdown_seconds, self)
        self.countdown = CountdownOverlay(self)
        self.idle.countdown_started.connect(self._countdown)
        self.idle.tick.connect(self.countdown.set_seconds)
        self.idle.resumed.connect(self.countdown.hide)
        self.idle.expired.connect(self.end_visit)
        self.admin = AdminPanel(self, PassphraseGate(settings.passphrase, clock), above=self.keyboard)
        self.admin.unlocked.connect(self.leave_kiosk)
        self.attract: AttractScreen | None = None  # made with the texts (its quotations come from them)
        self.corner = CornerTaps(self, self._corner_tapped)
        QApplication.instance().focusChanged.connect(self._on_focus)  # type: ignore[union-attr]

    # --- locking ---

    @property
    def locked(self) -> bool:
        return self._locked

    def lock(self) -> None:
        """Put the lockdown on and fill the primary screen."""
        self._locked = True
        self.lockdown.allowed_windows = [self]
        self.lockdown.install()
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]  # touches on fields, typing
        self.idle.watch()  # last, so the idle clock sees every input first
        self.go_full_screen()

    def _restyle(self, short_side: int = 800) -> None:
        self.type_px = type_size(short_side, self._font_scale)
        self.setStyleSheet(kiosk_stylesheet(theme_for(self.palette()), self.type_px))

    def go_full_screen(self) -> None:
        """Full screen on the primary screen; without a window manager `showFullScreen` alone is not enough."""
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.setScreen(screen)
            self.fit(screen.geometry())
        self.showFullScreen()
        if QGuiApplication.platformName() != "offscreen":  # which warns that it cannot raise
            self.raise_()
        self.activateWindow()

    def fit(self, rect: QRect) -> None:
        """Take `rect` (the screen's geometry), with type sized to its shorter side (and a new visit's layout)."""
        self.setGeometry(rect)
        short_side = min(rect.width(), rect.height())
        if type_size(short_side, self._font_scale) != self.type_px:
            self._restyle(short_side)
            if self.visit is not None:
                self.visit.set_type_px(self.type_px)

    def leave_kiosk(self) -> None:
        """The administrator's way out: take the lockdown off, forget the visit, close."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.idle.stop()
        self.lockdown.release()
        self._clear_clipboard()
        self._locked = False
        self._drop_visit()
        self.close()
        self.left.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._locked:
            event.ignore()  # Alt+F4, the window manager's close, a stray close(): the kiosk stays
            return
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and self._locked and not self.isFullScreen():
            QTimer.singleShot(0, self._back_to_full_screen)

    def _back_to_full_screen(self) -> None:
        if self._locked and not self.isFullScreen():
            self.go_full_screen()

    # --- the corpus and the visits ---

    def show_message(self, text: str) -> None:
        """A line in the middle of the screen, before the texts are open (or when they cannot be)."""
        self.message.setText(text)
        self.message.show()

    def attach(self, store: Store) -> None:
        """Open the texts and begin the first visit."""
        self._store, self._search, self._library = store, SearchService(store), Library(store)
        self.message.hide()
        if self.settings.attract_screen:
            from gulagreader.core.kiosk.attract import quotations

            self.attract = AttractScreen(self, quotations(self._library), self.settings.attract_seconds)
            self.attract.dismissed.connect(self._begin)
        self._new_visit()
        if self.visit is not None and self.visit.panel.runner is not None:
            self.visit.panel.runner.warm()

    def _new_visit(self) -> None:
        if self._store is None or self._search is None or self._library is None:
            return
        self.visit = Visit(self._store, self._search, self._library, self.settings, self.type_px, self)
        self._layout.insertWidget(0, self.visit, 1)
        self.keyboard.set_target(self.visit.search_field)  # never the field of a visit that is gone
        self.corner.raise_()
        for overlay in (self.countdown, self.admin):
            overlay.raise_()
        if self.settings.keyboard == "never":
            self.keyboard.hide()
        self.visit.search_field.setFocus()  # a visitor at a real keyboard just types

    def _drop_visit(self) -> None:
        if self.visit is None:
            return
        visit, self.visit = self.visit, None
        visit.end()
        self._layout.removeWidget(visit)
        visit.hide()
        visit.deleteLater()

    def end_visit(self) -> None:
        """The visitor has gone: everything they did is forgotten and the start screen comes back."""
        self.countdown.hide()
        self.admin.hide()
        self.keyboard.setVisible(self.settings.keyboard == "always")
        self.idle.rest()
        self._clear_clipboard()
        self._drop_visit()
        self._new_visit()
        self.visits += 1
        if self.attract is not None:
            self.keyboard.hide()
            self.attract.open()
            self.corner.raise_()
            self.admin.raise_()
        self.visit_ended.emit()

    def _begin(self) -> None:
        """The attract screen was touched: the start screen, ready to search."""
        self.keyboard.setVisible(self.settings.keyboard == "always")
        if self.visit is not None:
            self.visit.search_field.setFocus()

    def _clear_clipboard(self) -> None:
        clipboard = QApplication.clipboard()
        clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)

    def _countdown(self, seconds: int) -> None:
        self.countdown.set_seconds(seconds)
        self.countdown.open()

    # --- the administrator ---

    def ask_admin(self) -> None:
        """Ask for the passphrase that leaves kiosk mode."""
        if self._locked and not self.admin.isVisible():
            self.admin.open()  # above the keyboard, if it is shown: a touch-only kiosk types the passphrase on it

    def _corner_tapped(self) -> None:
        self.ask_admin()
        if self.settings.keyboard != "never":
            self.keyboard.show()  # taps mean a touch screen: the passphrase is typed on the screen

    # --- the on-screen keyboard ---

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        moved_on = new is not None and new.window() is self and not isinstance(new, QLineEdit)
        if self.settings.keyboard == "auto" and moved_on:
            self.keyboard.hide()  # the visitor moved on to the results or the text

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and self._locked:
            return self._typed(watched, event)
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(watched, QLineEdit)
            and self.settings.keyboard == "auto"
            and watched.window() is self
        ):
            self.keyboard.show()  # a touch on a field; a visitor at a real keyboard just types
        return False

    def _typed(self, watched: QObject, event: QKeyEvent) -> bool:
        """Typing reaches the search field wherever the focus is (a list, the text, nowhere at all).

        A key on the attract screen begins the visit and is typed too. Keys with Ctrl, Alt or Meta,
        and every key while the administrator's panel is open, go their usual way.
        """
        if self.attract is not None and self.attract.isVisible():
            self.attract.close_screen()
        text = event.text()
        modifiers = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
        )
        field = self.visit.search_field if self.visit is not None else None
        if (
            field is None
            or self.admin.isVisible()
            or modifiers
            or not text.isprintable()
            or not text.strip()
            or isinstance(watched if isinstance(watched, QWidget) else QApplication.focusWidget(), QLineEdit)
            or (isinstance(watched, QWidget) and watched.window() is not self)
        ):
            return False
        field.setFocus()
        QApplication.sendEvent(field, QKeyEvent(event.type(), event.key(), event.modifiers(), text))
        return True
