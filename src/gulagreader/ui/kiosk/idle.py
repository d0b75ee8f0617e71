"""The kiosk's idle clock: after a while without input, a countdown; when it runs out, the visit ends.

It watches the whole application's input. The clock only runs once a visitor has done
something, so an untouched start screen is never 'reset'.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.TabletRelease,
        QEvent.Type.NativeGesture,
    }
)


class IdleClock(QObject):
    """Idle for `idle_minutes`: `countdown_started`; then `tick` each second; then `expired`.

    Any input during the countdown stops it (`resumed`); the first input after `rest()` starts
    the clock again.

    Signals:
        countdown_started(int): the visitor seems gone; seconds left before the reset.
        tick(int): seconds left.
        resumed(): input arrived during the countdown.
        expired(): the countdown ran out: end the visit.
    """

    countdown_started = Signal(int)
    tick = Signal(int)
    resumed = Signal()
    expired = Signal()

    def __init__(self, idle_minutes: float, countdown_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._idle = QTimer(self, singleShot=True, interval=max(1, round(idle_minutes * 60_000)))
        self._idle.timeout.connect(self._start_countdown)
        self._end = QTimer(self, singleShot=True, interval=max(0, round(countdown_seconds * 1000)))
        self._end.timeout.connect(self._expire)
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self._tick)
        self._left = 0
        self._watching = False
        self.inputs = 0  # inputs counted as activity (for tests and the log)

    @property
    def counting_down(self) -> bool:
        return self._end.isActive()

    @property
    def running(self) -> bool:
        """True while a visit is timed (input came since the last rest)."""
        return self._idle.isActive() or self.counting_down

    def watch(self) -> None:
        """Start watching the application's input (before every other application event filter sees it)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
            app.installEventFilter(self)  # the filter installed last is asked first
            self._watching = True

    def stop(self) -> None:
        """Stop watching and timing."""
        app = QApplication.instance()
        if app is not None and self._watching:
            app.removeEventFilter(self)
        self._watching = False
        self.rest()

    def rest(self) -> None:
        """Stop timing until the next input (after a reset)."""
        for timer in (self._idle, self._end, self._ticker):
            timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every input counts, the kiosk's lockdown swallowing it or not (a right click, the Menu key,
        # Ctrl+W are a visitor's hands too), and whether it is delivered to a widget or, with nothing
        # focused, to the window itself. Spontaneous: from the visitor, not events Qt makes up when
        # widgets move under the pointer. The clock is the first filter (installed last), so nothing
        # the lockdown does can hide an event from it.
        if event.type() in INPUT_EVENTS and event.spontaneous():
            self.activity()
        return False

    def activity(self) -> None:
        """Input arrived: start (or restart) the idle clock, ending a countdown."""
        self.inputs += 1
        was_counting = self.counting_down
        self._end.stop()
        self._ticker.stop()
        self._idle.start()
        if was_counting:
            self.resumed.emit()

    def _start_countdown(self) -> None:
        self._left = math.ceil(self._end.interval() / 1000)
        self._end.start()
        self._ticker.start()
        self.countdown_started.emit(self._left)

    def _tick(self) -> None:
        self._left = max(0, self._left - 1)
        self.tick.emit(self._left)

    def _expire(self) -> None:
        self._ticker.stop()
        self.expired.emit()
