"""Save screenshots of kiosk mode to docs/screenshots/ (run under Xvfb, no window manager).

Xvfb :99 -screen 0 1920x1080x24 -nolisten tcp &
DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/take_kiosk_screenshots.py [OUT_FOLDER]
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from gulagreader.core.kiosk_config import KioskSettings
from gulagreader.core.store import open_store
from gulagreader.ui.kiosk_visit import Visit
from gulagreader.ui.kiosk_window import KioskWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    QCursor.setPos(0, 0)  # no row under the pointer: no hover tint in the pictures
    window = KioskWindow(KioskSettings(passphrase="scrypt$set"))
    window.lock()
    window.attach(open_store())

    def visit() -> Visit:
        assert window.visit is not None
        return window.visit

    def read() -> None:
        visit().search_for("Vorkuta strike")
        QTimer.singleShot(400, lambda: visit().open_passage(visit().panel.first_hit()))

    def keep() -> None:
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
        window.end_visit()
        visit().search_field.setFocus()
        window.keyboard.show()
        visit().search_field.setText("Derevyanko")
        visit().show_page(1)

    steps: list[tuple[Callable[[], None], str]] = [
        (lambda: None, "kiosk-home.png"),
        (read, ""),
        (keep, "kiosk-reader.png"),
        (lambda: visit().compare_current(), "kiosk-compare.png"),
        (passages, "kiosk-passages.png"),
        (lambda: window._countdown(27), "kiosk-idle.png"),
        (typing, "kiosk-keyboard.png"),
    ]

    def run(i: int) -> None:
        if i > 0 and steps[i - 1][1]:
            path = out / steps[i - 1][1]
            window.grab().save(str(path))
            print(path)
        if i == len(steps):
            window.leave_kiosk()
            app.quit()
            return
        steps[i][0]()
        QTimer.singleShot(900, lambda: run(i + 1))

    QTimer.singleShot(1200, lambda: run(0))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
