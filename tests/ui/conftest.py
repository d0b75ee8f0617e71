"""A real main window over the real store, shown offscreen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gulagreader.core.store import Store
from gulagreader.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.attach(store)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def type_query(qtbot: QtBot, win: MainWindow, text: str) -> None:
    """Type `text` into the search field and wait until its result is on screen."""
    win.panel.search_field.clear()
    qtbot.keyClicks(win.panel.search_field, text)
    qtbot.waitUntil(lambda: win.panel.shown_query == text)


@pytest.fixture(autouse=True)
def _clear_clipboard(qapp: QApplication) -> Iterator[None]:
    """Mime data left on the clipboard crashes Qt's offscreen platform at interpreter exit."""
    yield
    qapp.clipboard().clear()
