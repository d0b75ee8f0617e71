"""Save screenshots of the Map view at three zooms to docs/screenshots/ (run under Xvfb).

Xvfb :99 -screen 0 1280x800x24 -nolisten tcp &
DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/take_map_screenshots.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from gulagreader.core.store import open_store
from gulagreader.ui.map.view import PlacesMapView

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WIDTH, HEIGHT = 1280, 800


def main() -> int:
    app = QApplication(sys.argv[:1])
    QCursor.setPos(0, 0)
    view = PlacesMapView(open_store())
    view.resize(WIDTH, HEIGHT)
    view.show()
    canvas = view.canvas

    def komi() -> None:
        view.choose("pechora")
        canvas.set_zoom(0.45, canvas.markers["pechora"].pos())
        canvas.centre_on("pechora")

    def vorkuta() -> None:
        view.choose("vorkuta")
        canvas.set_zoom(3.0, canvas.markers["vorkuta"].pos())
        canvas.centre_on("vorkuta")

    def event() -> None:
        canvas.fit_all()
        view.show_event("norilsk-1953")
        view.choose("norilsk")

    steps: list[tuple[Callable[[], None], str]] = [
        (canvas.fit_all, "map-eurasia.png"),
        (komi, "map-komi.png"),
        (vorkuta, "map-vorkuta.png"),
        (event, "map-event.png"),
    ]

    def run(i: int = 0) -> None:
        if i == len(steps):
            app.quit()
            return
        action, name = steps[i]
        action()
        QTimer.singleShot(300, lambda: (view.grab().save(str(OUT / name)), run(i + 1)))

    QTimer.singleShot(500, run)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
