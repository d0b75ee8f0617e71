"""Keyboard mashing: thousands of random keys with random modifiers never get a visitor out of the kiosk."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gulagreader.core.store import Store
from tests.ui.kiosk_support import children_of_this_process, kiosk_window, other_windows

PRESSES = 3000
KEYS = [
    *(getattr(Qt.Key, f"Key_{c}") for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
    *(getattr(Qt.Key, f"Key_F{n}") for n in range(1, 13)),
    Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space,
    Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Insert, Qt.Key.Key_Home, Qt.Key.Key_End,
    Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
    Qt.Key.Key_Menu, Qt.Key.Key_Print, Qt.Key.Key_Pause, Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Equal,
    Qt.Key.Key_Period, Qt.Key.Key_Comma, Qt.Key.Key_Slash, Qt.Key.Key_QuoteDbl, Qt.Key.Key_Asterisk,
    Qt.Key.Key_Launch0, Qt.Key.Key_HomePage, Qt.Key.Key_Search,  # QTest cannot send Key_Close or Key_PowerOff
]  # fmt: skip
MODIFIERS = [
    Qt.KeyboardModifier.NoModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.MetaModifier,
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
]
TRAPS = ("Ctrl+Q", "Ctrl+W", "Alt+F4", "Ctrl+O", "Ctrl+P", "Ctrl+S", "F11", "Esc", "Ctrl+Shift+Esc", "Meta+D")


# Space or Return on a focused combo box opens its list: a popup inside the kiosk, which the
# offscreen platform cannot raise or give the keyboard to (and says so).
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_mashing_the_keyboard_never_gets_out(qtbot: QtBot, store: Store) -> None:
    rng = random.Random(1953)
    before = children_of_this_process()
    with kiosk_window(qtbot, store) as kiosk:
        fired: list[str] = []
        for keys in TRAPS:
            action = QAction(keys, kiosk)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(lambda _=False, k=keys: fired.append(k))
            kiosk.addAction(action)
        for i in range(PRESSES):
            target = QApplication.focusWidget() or kiosk
            qtbot.keyClick(target, rng.choice(KEYS), rng.choice(MODIFIERS))
            if i % 250 == 0:
                QApplication.processEvents()
                assert kiosk.locked and kiosk.isVisible() and kiosk.isFullScreen(), i
                assert other_windows(kiosk) == [], i
        QApplication.processEvents()
        assert kiosk.locked and kiosk.isVisible() and kiosk.isFullScreen()
        assert fired == []
        popup = QApplication.activePopupWidget()
        while popup is not None and popup is not kiosk:  # a combo box's list belongs to the kiosk
            popup = popup.parentWidget()
        assert other_windows(kiosk) == [] and popup in (None, kiosk)
        assert children_of_this_process() == before
        assert kiosk.lockdown.swallowed > PRESSES // 3
