"""Python's cyclic garbage collector, run on the GUI thread only.

Searches run in a worker thread. If Python's collector ran there, it could free a window or widget
caught in a reference cycle, and Qt crashes when a widget is destroyed outside the GUI thread. So
the automatic collector is switched off and a timer on the GUI thread does its work, as often as
the collector's own thresholds ask for it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 250


class _Collector(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName(_Collector.__name__)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()
        gc.disable()

    def collect(self) -> None:
        """Collect the oldest generation whose allocation count passed its threshold, if any."""
        counts, limits = gc.get_count(), gc.get_threshold()
        due = [generation for generation in range(3) if counts[generation] > limits[generation]]
        if due:
            gc.collect(due[-1])


def collect_on_gui_thread() -> None:
    """From now on collect garbage on the GUI thread only (call it on that thread; idempotent)."""
    app = QCoreApplication.instance()
    if app is not None and app.findChild(_Collector, _Collector.__name__) is None:
        _Collector(app)
