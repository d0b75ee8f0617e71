"""Save screenshots of the kiosk's map at three zooms to docs/screenshots/ (run under Xvfb, no window manager).

Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/take_kiosk_map_screenshots.py [OUT_FOLDER]
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication
from screen_steps import Step, play

from gulagreader.core.kiosk.config import KioskSettings
from gulagreader.core.store import open_store
from gulagreader.ui.kiosk.map_screen import KioskMapPage
from gulagreader.ui.kiosk.window import KioskWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    QCursor.setPos(0, 0)
    window = KioskWindow(KioskSettings(passphrase="scrypt$set"))
    window.lock()
    window.attach(open_store())

    def page() -> KioskMapPage:
        assert window.visit is not None and window.visit.map_page is not None
        return window.visit.map_page

    def overview() -> None:
        assert window.visit is not None
        window.visit.show_map()

    def zoom(place_id: str, zoom: float) -> Callable[[], None]:
        def go() -> None:
            page().choose(place_id)
            page().canvas.set_zoom(zoom, page().canvas.markers[place_id].pos())
            page().canvas.centre_on(place_id)

        return go

    def shot(name: str) -> Callable[[], None]:
        def take() -> None:
            window.grab().save(str(out / name))
            print(out / name)

        return take

    steps: list[Step] = [
        (overview, shot("kiosk-map-eurasia.png")),
        (zoom("kengir", 0.6), shot("kiosk-map-kazakhstan.png")),
        (zoom("norilsk", 3.0), shot("kiosk-map-norilsk.png")),
    ]
    return play(app, steps, first_ms=1200, pause_ms=900, end=window.leave_kiosk)


if __name__ == "__main__":
    sys.exit(main())
