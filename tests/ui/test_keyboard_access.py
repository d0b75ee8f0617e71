"""Keyboard only and screen readers: the main flow without a mouse; every control has a name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenuBar,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gulagreader.ui.main_window import HOME, MainWindow

_QT_PARTS = (QComboBox, QAbstractSpinBox, QLineEdit, QMenuBar, QTabBar, QAbstractItemView)


def _key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def test_the_main_flow_by_keyboard_alone(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(window.panel.search_field.hasFocus)  # the app starts in the search field
    qtbot.keyClicks(QApplication.focusWidget(), "Derevyanko")
    qtbot.waitUntil(lambda: window.panel.shown_query == "Derevyanko")
    _key(qtbot, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.panel.results_view
    assert window.panel.results_view.currentIndex().row() == 0
    _key(qtbot, Qt.Key.Key_Down)
    assert window.panel.results_view.currentIndex().row() == 1
    hit = window.panel.results_model.hit(1)
    _key(qtbot, Qt.Key.Key_Return)
    reader = window.reader
    assert reader.source is not None and reader.source.id == hit.source_id
    assert reader.match_passage(reader.current_match) == hit.passage_id
    before = reader.current_match
    _key(qtbot, Qt.Key.Key_F3)
    assert reader.current_match == (before + 1) % reader.match_count
    assert reader.counter.text() == f"{reader.current_match + 1} of {reader.match_count}"
    _key(qtbot, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert reader.current_match == before
    _key(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.panel.search_field
    _key(qtbot, Qt.Key.Key_Escape)
    assert window.panel.search_field.text() == "" and window.panel.stack.currentIndex() == HOME


def test_tab_goes_search_filters_results_reader(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.panel.search_field, "Kengir")
    qtbot.waitUntil(lambda: window.panel.shown_query == "Kengir")
    bar = window.panel.filter_bar
    expected = [
        bar.source_box,
        bar.event_box,
        bar.genre_box,
        bar.year_from,
        bar.year_to,
        bar.exact_box,
        bar.sort_box,
        window.panel.tabs.tabBar(),
        window.panel.results_view,
        window.reader.page,
        window.panel.search_field,
    ]
    seen = []
    for _ in expected:
        _key(qtbot, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected


def _named(widget: QWidget) -> bool:
    face = QAccessible.queryAccessibleInterface(widget)
    return bool(widget.accessibleName().strip()) and face is not None and bool(face.text(QAccessible.Text.Name))


def test_every_control_has_an_accessible_name(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.panel.search_field, "Kengir")
    qtbot.waitUntil(lambda: window.panel.shown_query == "Kengir")
    window.show_guide()
    assert window._help is not None
    controls = [
        w
        for top in (window, window._help)
        for w in top.findChildren(QWidget)
        if (w.focusPolicy() & Qt.FocusPolicy.TabFocus or isinstance(w, QAbstractButton))
        and not isinstance(w.parent(), _QT_PARTS)
        and not any(isinstance(a, _QT_PARTS) for a in _ancestors(w, top))
    ]
    assert len(controls) >= 15
    unnamed = [f"{type(w).__name__} in {type(w.parent()).__name__}" for w in controls if not _named(w)]
    assert unnamed == []


def _ancestors(widget: QWidget, top: QWidget) -> list[QWidget]:
    found = []
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        found.append(parent)
        parent = parent.parentWidget()
    return found


def test_results_and_reader_text_reach_assistive_technology(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.panel.search_field, "Kengir")
    qtbot.waitUntil(lambda: window.panel.shown_query == "Kengir")
    hit = window.panel.results_model.hit(0)
    row = window.panel.results_model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert hit.source_title in row and hit.snippet[:20] in row
    window.open_passage(hit.passage_id)
    face = QAccessible.queryAccessibleInterface(window.reader.page)
    assert face is not None and face.textInterface() is not None
    text = face.textInterface()
    assert "Kengir" in text.text(0, text.characterCount())
