"""Save screenshots of kiosk mode to docs/screenshots/ (run under Xvfb, no window manager).

One set per screen size, named after the screen's shape: kiosk-home-portrait.png (1080x1920),
kiosk-home-landscape.png (1920x1080), kiosk-home-small.png (1366x768).

Xvfb :99 -screen 0 1080x1920x24 -nolisten tcp &
DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/take_kiosk_screenshots.py [OUT_FOLDER]
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QApplication
from screen_steps import Step, play

from gulagreader.core.kiosk.config import KioskSettings
from gulagreader.core.store import open_store
from gulagreader.ui.kiosk.visit import Visit
from gulagreader.ui.kiosk.window import KioskWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SHAPES = {(1080, 1920): "portrait", (1920, 1080): "landscape", (1366, 768): "small"}


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    screen = QGuiApplication.primaryScreen().geometry()
    shape = SHAPES.get((screen.width(), screen.height()), f"{screen.width()}x{screen.height()}")
    QCursor.setPos(0, 0)  # no row under the pointer: no hover tint in the pictures
    window = KioskWindow(KioskSettings(passphrase="scrypt$set", public_url="https://museum.example/reader"))
    window.lock()
    window.attach(open_store())

    def visit() -> Visit:
        assert window.visit is not None
        return window.visit

    def keep() -> None:
        visit().open_passage("lituanus-2005.p031")  # a passage of the strike itself, for the compare view
        visit().keep_current()
        visit().reader.page.setFocus()
        window.keyboard.hide()

    def passages() -> None:
        visit().open_passage("lituanus-2005.p030")
        visit().keep_current()
        visit().open_passage("newsletters-2003.p014")
        visit().keep_current()
        visit().show_passages()

    def typing() -> None:
        window.countdown.hide()
        visit().go_to_start()
        visit().search_field.setFocus()
        window.keyboard.show()
        visit().search_field.setText("Derevyanko")

    def combo() -> None:
        window.keyboard.hide()
        visit().search_for("Norilsk", open_best=False)
        QTimer.singleShot(700, visit().panel.filter_bar.sort_box.showPopup)

    def close_combo() -> None:
        visit().panel.filter_bar.sort_box.hidePopup()
        window.end_visit()

    def shot(name: str) -> Callable[[], None]:
        def take() -> None:
            path = out / f"kiosk-{name}-{shape}.png"
            QGuiApplication.primaryScreen().grabWindow(0).save(str(path))  # the whole screen, popups included
            print(path)

        return take

    steps: list[Step] = [
        (lambda: None, shot("home")),
        (lambda: visit().search_for("Vorkuta strike"), None),
        (keep, shot("reader")),
        (lambda: visit().compare_current(), shot("compare")),
        (passages, shot("passages")),
        (lambda: window._countdown(27), shot("idle")),
        (typing, shot("keyboard")),
        (combo, shot("popup")),
        (close_combo, shot("attract")),
    ]
    return play(app, steps, first_ms=1500, pause_ms=1500, end=window.leave_kiosk)


if __name__ == "__main__":
    sys.exit(main())
