"""`gulagreader --kiosk`, or `kiosk = true` in the site file, opens the kiosk instead of the reader."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gulagreader.cli import main
from gulagreader.core import paths
from gulagreader.ui.kiosk.window import KioskWindow
from gulagreader.ui.main_window import MainWindow


@pytest.fixture
def app(qtbot: QtBot) -> Iterator[QApplication]:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    yield instance
    instance.setQuitOnLastWindowClosed(True)


def _open_and_leave(app: QApplication, argv: list[str]) -> list[str]:
    """Run `main(argv)`; once a kiosk is up, note what is on screen and leave as the administrator would."""
    seen: list[str] = []

    def look() -> None:
        kiosks = [w for w in app.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible()]
        if not kiosks or kiosks[0].visit is None:
            return
        timer.stop()
        kiosk = kiosks[0]
        seen.append(f"kiosk locked={kiosk.locked} full={kiosk.isFullScreen()}")
        seen.extend(type(w).__name__ for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        kiosk.leave_kiosk()
        kiosk.deleteLater()

    timer = QTimer(interval=20)
    timer.timeout.connect(look)
    timer.start()
    status = main(argv)
    timer.stop()
    seen.append(f"status {status}")
    return seen


def test_the_kiosk_flag_opens_the_kiosk(app: QApplication) -> None:
    assert _open_and_leave(app, ["--kiosk"]) == ["kiosk locked=True full=True", "status 0"]


def test_the_site_file_turns_kiosk_mode_on(app: QApplication) -> None:
    site = paths.site_settings_file()
    site.parent.mkdir(parents=True)
    site.write_text("kiosk = true\n", encoding="utf-8")
    assert _open_and_leave(app, []) == ["kiosk locked=True full=True", "status 0"]
