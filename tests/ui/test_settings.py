"""Type size keys, and what the reader remembers between runs (under --basedir)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gulagreader.core import paths
from gulagreader.core.store import Store
from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.settings import FILE_NAME
from gulagreader.ui.style import DEFAULT_POINT_SIZE
from tests.ui.conftest import type_query


def test_font_size_keys(qtbot: QtBot, window: MainWindow) -> None:
    ctrl = Qt.KeyboardModifier.ControlModifier
    assert window.point_size == DEFAULT_POINT_SIZE
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Equal, ctrl)
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Equal, ctrl)
    assert window.point_size == DEFAULT_POINT_SIZE + 2
    assert window.reader.page.document().defaultFont().pointSize() == DEFAULT_POINT_SIZE + 2
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Minus, ctrl)
    assert window.point_size == DEFAULT_POINT_SIZE + 1
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_0, ctrl)
    assert window.point_size == DEFAULT_POINT_SIZE


def test_ctrl_f_focuses_the_search_field(qtbot: QtBot, window: MainWindow) -> None:
    window.reader.page.setFocus()
    qtbot.waitUntil(window.reader.page.hasFocus)
    qtbot.keyClick(window.reader.page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.panel.search_field.hasFocus)


def test_settings_persist_across_two_windows(qtbot: QtBot, store: Store) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.attach(store)
    first.show()
    type_query(qtbot, first, "Kengir")
    first.set_point_size(17)
    first.resize(700, 520)  # within the offscreen screen (800x600)
    first.close()
    assert (paths.config_dir() / FILE_NAME).is_file()

    second = MainWindow()
    qtbot.addWidget(second)
    second.attach(store)
    assert second.panel.search_field.text() == "Kengir"
    assert second.point_size == 17
    assert (second.width(), second.height()) == (700, 520)
    second.show()
    qtbot.waitUntil(lambda: second.panel.shown_query == "Kengir")


def test_the_split_between_search_and_reader_is_remembered(qtbot: QtBot, store: Store) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.attach(store)
    first.resize(790, 560)  # within the offscreen screen (800x600)
    first.show()
    first.splitter.setSizes([520, 270])  # far from the first run's 2:3
    sizes = first.splitter.sizes()
    assert sizes[0] > sizes[1]
    first.close()

    second = MainWindow()
    qtbot.addWidget(second)
    second.attach(store)
    second.show()
    assert second.splitter.sizes() == sizes


def test_an_open_source_panel_is_open_again_at_the_next_start(qtbot: QtBot, store: Store) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.attach(store)
    first.show()
    first.open_source("isr-1963")
    qtbot.waitUntil(lambda: first.source_dock.parent() is first)  # placed after the first paint
    first.source_dock.show()
    first.close()

    second = MainWindow()
    qtbot.addWidget(second)
    second.attach(store)
    second.show()
    qtbot.waitUntil(second.source_dock.isVisible)  # the docks join with the saved layout after the paint
