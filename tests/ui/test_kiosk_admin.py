"""Leaving kiosk mode: a deliberate shortcut or gesture, the passphrase, and a wait after each wrong one."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gulagreader.core.kiosk.passphrase import FIRST_WAIT
from gulagreader.core.store import Store
from gulagreader.ui.kiosk.window import TAPS
from tests.ui.kiosk_support import PASSPHRASE, Clock, children_of_this_process, kiosk_window, other_windows

CTRL_ALT_SHIFT = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
)


def test_the_admin_shortcut_asks_for_the_passphrase(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store) as kiosk:
        qtbot.keyClick(kiosk, Qt.Key.Key_Q, CTRL_ALT_SHIFT)
        assert kiosk.admin.isVisible() and kiosk.admin.field.hasFocus()
        assert other_windows(kiosk) == []  # an overlay in the kiosk window, not a dialog
        kiosk.admin.cancel_button.click()
        assert not kiosk.admin.isVisible() and kiosk.locked


def test_five_taps_in_the_corner_ask_for_the_passphrase(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store) as kiosk:
        for _ in range(TAPS - 1):
            qtbot.mouseClick(kiosk.corner, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
        assert not kiosk.admin.isVisible()
        qtbot.mouseClick(kiosk.corner, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
        assert kiosk.admin.isVisible()
        assert kiosk.keyboard.isVisible()  # taps mean a touch screen: the passphrase is typed on it
        assert kiosk.admin.geometry().bottom() < kiosk.keyboard.geometry().top()


def test_a_wrong_passphrase_makes_the_next_try_wait(qtbot: QtBot, store: Store) -> None:
    clock = Clock()
    left: list[bool] = []
    before = children_of_this_process()
    with kiosk_window(qtbot, store, clock=clock) as kiosk:
        kiosk.left.connect(lambda: left.append(True))
        kiosk.ask_admin()
        qtbot.keyClicks(kiosk.admin.field, "let me out")
        qtbot.keyClick(kiosk.admin.field, Qt.Key.Key_Return)
        assert kiosk.locked and kiosk.isFullScreen() and left == []
        assert "Try again in 2 seconds" in kiosk.admin.message.text()
        assert not kiosk.admin.leave_button.isEnabled()
        assert kiosk.admin.field.text() == ""  # never left on screen
        qtbot.keyClicks(kiosk.admin.field, PASSPHRASE)  # the right one, but too soon: not even checked
        qtbot.keyClick(kiosk.admin.field, Qt.Key.Key_Return)
        assert kiosk.locked and left == []
        assert kiosk.admin.field.text() == PASSPHRASE  # typed during the wait: kept, not silently lost
        assert "What you typed is kept" in kiosk.admin.message.text() and kiosk.admin.message.isVisible()
        kiosk.admin.field.clear()
        clock.now += FIRST_WAIT
        qtbot.keyClicks(kiosk.admin.field, "still guessing")
        qtbot.keyClick(kiosk.admin.field, Qt.Key.Key_Return)
        assert "Try again in 4 seconds" in kiosk.admin.message.text()
        clock.now += 2 * FIRST_WAIT
        qtbot.waitUntil(kiosk.admin.leave_button.isEnabled)
        qtbot.keyClicks(kiosk.admin.field, PASSPHRASE)
        kiosk.admin.leave_button.click()
        assert left == [True]
        assert not kiosk.locked and not kiosk.isVisible() and not kiosk.lockdown.active
        assert children_of_this_process() == before


def test_without_a_passphrase_the_kiosk_cannot_be_left_from_inside(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store, passphrase="") as kiosk:
        kiosk.ask_admin()
        assert "No administrator passphrase is set" in kiosk.admin.note.text()
        assert not kiosk.admin.field.isVisible() and not kiosk.admin.leave_button.isVisible()
        kiosk.admin.submit()
        assert kiosk.locked


def test_the_clipboard_is_emptied_when_the_administrator_leaves(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store) as kiosk:
        QApplication.clipboard().setText("a visitor's quote")
        kiosk.ask_admin()
        qtbot.keyClicks(kiosk.admin.field, PASSPHRASE)
        qtbot.keyClick(kiosk.admin.field, Qt.Key.Key_Return)
        assert not kiosk.locked
    assert QApplication.clipboard().text() == ""
