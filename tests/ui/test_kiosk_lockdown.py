"""Kiosk lockdown, one escape route at a time: each leaves the kiosk full screen and on top, opens no
other window and starts no program."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDesktopServices,
    QDragEnterEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from gulagreader.core.store import Store
from gulagreader.ui.kiosk.lockdown import URL_SCHEMES, is_allowed
from gulagreader.ui.kiosk.window import KioskWindow
from tests.ui.kiosk_support import children_of_this_process, kiosk_window, other_windows, visit_of

CTRL, ALT, SHIFT, META = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.MetaModifier,
)
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def kiosk(qtbot: QtBot, store: Store) -> Iterator[KioskWindow]:
    with kiosk_window(qtbot, store) as window:
        yield window


def assert_still_locked(window: KioskWindow, before: set[str]) -> None:
    assert window.locked and window.isVisible() and window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert other_windows(window) == []
    assert QApplication.activePopupWidget() is None
    assert children_of_this_process() == before


def test_the_kiosk_fills_the_primary_screen_without_a_frame(kiosk: KioskWindow) -> None:
    screen = QGuiApplication.primaryScreen()
    assert kiosk.geometry() == screen.geometry()
    assert_still_locked(kiosk, children_of_this_process())


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_Q, CTRL),
        (Qt.Key.Key_W, CTRL),
        (Qt.Key.Key_O, CTRL),
        (Qt.Key.Key_P, CTRL),
        (Qt.Key.Key_S, CTRL),
        (Qt.Key.Key_N, CTRL),
        (Qt.Key.Key_E, CTRL | SHIFT),
        (Qt.Key.Key_F4, ALT),
        (Qt.Key.Key_Tab, ALT),
        (Qt.Key.Key_F, ALT),
        (Qt.Key.Key_D, META),
        (Qt.Key.Key_F1, NONE),
        (Qt.Key.Key_F11, NONE),
        (Qt.Key.Key_Print, NONE),
        (Qt.Key.Key_Menu, NONE),
    ],
)
def test_shortcuts_are_swallowed(qtbot: QtBot, kiosk: KioskWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    before = children_of_this_process()
    sequence = QKeySequence(key.value | modifiers.value)
    fired: list[str] = []
    action = QAction("trap", kiosk)
    action.setShortcut(sequence)
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.triggered.connect(lambda: fired.append("action"))
    kiosk.addAction(action)
    shortcut = QShortcut(sequence, kiosk, context=Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(lambda: fired.append("shortcut"))
    field = visit_of(kiosk).search_field
    field.setFocus()
    swallowed = kiosk.lockdown.swallowed
    qtbot.keyClick(field, key, modifiers)
    qtbot.keyClick(kiosk, key, modifiers)
    assert fired == []
    assert kiosk.lockdown.swallowed == swallowed + 2
    assert field.text() == ""
    assert_still_locked(kiosk, before)


def test_the_editing_keys_a_visitor_needs_still_work(qtbot: QtBot, kiosk: KioskWindow) -> None:
    field = visit_of(kiosk).search_field
    field.setFocus()
    qtbot.keyClicks(field, "Vorkuta strike")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "Vorkuta strik"
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "Vorkuta strik"
    qtbot.keyClick(field, Qt.Key.Key_X, CTRL)
    assert field.text() == ""
    qtbot.keyClick(field, Qt.Key.Key_V, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.text() == ""
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL | SHIFT)
    assert field.text() == "Vorkuta strik"
    assert is_allowed(Qt.Key.Key_At, CTRL | ALT, "@")  # AltGr on Windows: typing, not a shortcut
    assert not is_allowed(Qt.Key.Key_Q, CTRL | ALT, "")


def test_close_requests_are_ignored(qtbot: QtBot, kiosk: KioskWindow) -> None:
    before = children_of_this_process()
    assert kiosk.close() is False  # Alt+F4 and the window manager's close arrive as this
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert_still_locked(kiosk, before)


def test_leaving_full_screen_goes_straight_back(qtbot: QtBot, kiosk: KioskWindow) -> None:
    kiosk.showNormal()
    qtbot.waitUntil(kiosk.isFullScreen)
    kiosk.showMinimized()
    qtbot.waitUntil(kiosk.isFullScreen)
    assert_still_locked(kiosk, children_of_this_process())


def test_every_url_goes_to_a_sink_that_does_nothing(kiosk: KioskWindow) -> None:
    before = children_of_this_process()
    urls = ["https://example.org/", "http://example.org/", "file:///etc/passwd", "mailto:a@example.org", "smb://x/y"]
    for url in urls:
        assert QDesktopServices.openUrl(QUrl(url))
    assert kiosk.lockdown.sink.refused == urls
    assert {"http", "https", "file", "mailto", "ftp", "smb", "tel"} <= set(URL_SCHEMES)
    assert_still_locked(kiosk, before)


def test_a_link_in_text_goes_nowhere(qtbot: QtBot, kiosk: KioskWindow) -> None:
    before = children_of_this_process()
    page = QTextBrowser(visit_of(kiosk))
    page.setOpenExternalLinks(True)  # even a text that would open links itself
    page.setHtml('<p><a href="https://example.org/escape">a link to the web, a link to the web</a></p>')
    page.setGeometry(0, 0, 500, 200)
    page.show()
    qtbot.waitExposed(page)
    cursor = page.textCursor()
    cursor.setPosition(5)
    qtbot.mouseClick(page.viewport(), Qt.MouseButton.LeftButton, pos=page.cursorRect(cursor).center())
    qtbot.waitUntil(lambda: kiosk.lockdown.sink.refused == ["https://example.org/escape"])
    assert_still_locked(kiosk, before)


def test_no_context_menu_opens(qtbot: QtBot, kiosk: KioskWindow) -> None:
    before = children_of_this_process()
    visit = visit_of(kiosk)
    visit.search_for("Vorkuta")
    qtbot.waitUntil(lambda: visit.panel.results_model.rowCount() > 0)
    visit.open_passage(visit.panel.first_hit())
    asked: list[QPoint] = []
    visit.panel.results_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    visit.panel.results_view.customContextMenuRequested.connect(asked.append)
    targets: list[QWidget] = [visit.search_field, visit.reader.page.viewport(), visit.panel.results_view.viewport()]
    for target in targets:
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(10, 10), target.mapToGlobal(QPoint(10, 10)))
        QApplication.sendEvent(target, event)
        qtbot.mouseClick(target, Qt.MouseButton.RightButton, pos=QPoint(10, 10))
        qtbot.keyClick(target, Qt.Key.Key_F10, SHIFT)
    assert asked == []
    assert_still_locked(kiosk, before)


def test_nothing_is_dragged_out_or_dropped_in(qtbot: QtBot, kiosk: KioskWindow) -> None:
    assert QApplication.startDragDistance() >= 100_000  # a drag never starts
    field = visit_of(kiosk).search_field
    mime = QMimeData()
    mime.setText("file:///etc/passwd")
    event = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, NONE)
    QApplication.sendEvent(field, event)
    assert not event.isAccepted()
    assert field.text() == ""


def test_other_windows_and_dialogs_are_closed_on_sight(qtbot: QtBot, kiosk: KioskWindow) -> None:
    before = children_of_this_process()
    files = QFileDialog(kiosk, "Open")
    files.show()
    message = QMessageBox(QMessageBox.Icon.Warning, "GulagReader", "A message", parent=kiosk)
    message.open()
    stray = QWidget()
    stray.setWindowTitle("Another window")
    stray.show()
    qtbot.waitUntil(lambda: not (files.isVisible() or message.isVisible() or stray.isVisible()))
    assert {"QFileDialog", "QMessageBox", "QWidget"} <= set(kiosk.lockdown.closed_windows)
    stray.deleteLater()
    assert_still_locked(kiosk, before)


def test_leaving_takes_the_lockdown_off(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store) as window:
        distance = window.lockdown._drag_distance
        window.leave_kiosk()
        assert not window.locked and not window.isVisible() and not window.lockdown.active
        assert QApplication.startDragDistance() == distance
    fired: list[bool] = []
    other = QWidget()
    qtbot.addWidget(other)
    action = QAction("quit", other)
    action.setShortcut(QKeySequence("Ctrl+Q"))
    action.triggered.connect(lambda: fired.append(True))
    other.addAction(action)
    other.show()
    qtbot.waitExposed(other)
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)
    qtbot.keyClick(other, Qt.Key.Key_Q, CTRL)
    assert fired == [True]
