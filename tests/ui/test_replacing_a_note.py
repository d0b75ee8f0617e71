"""Bookmarking a bookmarked passage with another note replaces the note, says so, and Ctrl+Z undoes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from gulagreader.ui.main_window import MainWindow

CTRL_D = (Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
CTRL_Z = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _bookmark_with(qtbot: QtBot, window: MainWindow, note: str) -> None:
    window.reader.page.setFocus()
    qtbot.keyClick(window.reader.page, *CTRL_D)
    dialog = window.bookmark_actions.last_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.note_edit.clear()
    qtbot.keyClicks(dialog.note_edit, note)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_a_replaced_note_is_told_and_ctrl_z_brings_it_back(qtbot: QtBot, window: MainWindow) -> None:
    window.open_passage("isr-1963.p012")
    _bookmark_with(qtbot, window, "first thoughts")
    actions = window.bookmark_actions
    assert actions.service is not None
    _bookmark_with(qtbot, window, "second thoughts")
    [b] = actions.service.find()
    assert b.note == "second thoughts"
    said = window.statusBar().currentMessage()
    assert "was replaced" in said and "Ctrl+Z" in said
    assert actions.undo_action.isEnabled() and "replacing" in actions.undo_action.text()
    qtbot.keyClick(window.reader.page, *CTRL_Z)
    [b] = actions.service.find()
    assert b.note == "first thoughts"
    assert "is back" in window.statusBar().currentMessage()
