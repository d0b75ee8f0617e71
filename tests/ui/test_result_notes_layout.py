"""'Did you mean' and a query's note appear without widening the left pane or moving the results tabs."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from gulagreader.ui.main_window import MainWindow

from .conftest import type_query

# each: a query, and what it shows besides the count (a suggestion, a note, both or neither)
QUERIES = ("Vorkuta", "Vorkutta", '"camp no. 29', "Kengir", "Norilsk", "Solzhenitsin", "vork*", "strike", "Kengirr")


def _tabs_top(window: MainWindow) -> int:
    return window.panel.tabs.mapTo(window, QPoint(0, 0)).y()


def test_notes_and_suggestions_neither_widen_the_pane_nor_move_the_tabs(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Vorkuta")
    width, top = window.panel.width(), _tabs_top(window)
    panel_min = window.panel.minimumSizeHint().width()
    seen = {"suggestion": 0, "note": 0, "plain": 0}
    for query in QUERIES * 2:  # there and back: each change of what is shown, both ways
        type_query(qtbot, window, query)
        qtbot.wait(1)
        suggestion, note = window.panel.suggestion_button.isVisible(), window.panel.message_label.isVisible()
        seen["suggestion" if suggestion else "note" if note else "plain"] += 1
        assert window.panel.width() == width, (query, window.panel.width(), width)
        assert window.panel.minimumSizeHint().width() <= panel_min, query
        if note:  # a note of one line (most are) keeps the tabs where they were
            one_line = window.panel.message_label.fontMetrics().horizontalAdvance(window.panel.message_label.text())
            if one_line <= window.panel.message_label.width():
                assert _tabs_top(window) == top, (query, _tabs_top(window), top)
        else:
            assert _tabs_top(window) == top, (query, _tabs_top(window), top)
        if suggestion:  # the suggestion is shown whole
            button = window.panel.suggestion_button
            assert button.fontMetrics().horizontalAdvance(button.text()) <= button.width()
    assert all(seen.values()), seen
