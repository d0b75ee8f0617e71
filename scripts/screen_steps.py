"""Play a screenshot script's steps: do one, let the screen settle, take its picture, go on."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

Step = tuple[Callable[[], None], Callable[[], None] | None]  # what to do, then how to take its picture (or None)


def play(app: QApplication, steps: Sequence[Step], *, first_ms: int, pause_ms: int, end: Callable[[], None]) -> int:
    """Run `steps` on the event loop, `pause_ms` apart (the first after `first_ms`); then `end()` and quit."""

    def run(i: int) -> None:
        if i > 0 and (shoot := steps[i - 1][1]) is not None:
            shoot()
        if i == len(steps):
            end()
            app.quit()
            return
        steps[i][0]()
        QTimer.singleShot(pause_ms, lambda: run(i + 1))

    QTimer.singleShot(first_ms, lambda: run(0))
    return app.exec()
