"""The reader in step with the query: after a new query, a bookmark or F3, what the counter says is
what the page shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from gulagreader.ui.main_window import MainWindow
from tests.ui.conftest import type_query


def _in_view(window: MainWindow) -> bool:
    reader = window.reader
    cursor = QTextCursor(reader.page.document())
    cursor.setPosition(reader.match_position(reader.current_match)[0])
    return reader.page.viewport().rect().contains(reader.page.cursorRect(cursor))


def _open_first_hit(qtbot: QtBot, window: MainWindow) -> None:
    window.panel.results_view.setFocus()
    window.panel.results_view.setCurrentIndex(window.panel.results_model.index(0, 0))
    qtbot.keyClick(window.panel.results_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.reader.source is not None)


def test_a_new_query_moves_the_reader_to_a_match_in_view(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Kengir")
    _open_first_hit(qtbot, window)
    reader = window.reader
    for query in ("Stalin", "Vorkuta", "hunger strike", "commission"):
        type_query(qtbot, window, query)
        if reader.match_count:
            current, total = reader.current_match, reader.match_count
            assert reader.counter.text() == f"{current + 1} of {total}", query
            assert _in_view(window), f"{query}: the counter says {current + 1} of {total}, the match is out of view"
        else:
            assert reader.counter.text() == "no matches in this source", query


def test_a_query_with_no_match_in_the_source_says_so(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Kengir")
    _open_first_hit(qtbot, window)
    source = window.reader.source
    assert source is not None
    type_query(qtbot, window, "Sverdlovsk" if source.id != "isr-1963" else "Kengir")
    if window.reader.match_count == 0:
        assert window.reader.counter.text() == "no matches in this source"
        assert not window.reader.next_button.isEnabled()


def test_f3_moves_the_chosen_result_with_the_match(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Vorkuta")
    _open_first_hit(qtbot, window)
    reader, view = window.reader, window.panel.results_view
    model = window.panel.results_model
    listed = {model.hit(r).passage_id: r for r in range(model.rowCount())}
    moved = 0
    for _ in range(min(reader.match_count, 25)):
        qtbot.keyClick(reader.page, Qt.Key.Key_F3)
        passage = reader.match_passage(reader.current_match)
        if passage in listed:
            assert view.currentIndex().row() == listed[passage], passage
            rect = view.visualRect(view.currentIndex())
            assert view.viewport().rect().intersects(rect)  # and the list shows it
            moved += 1
    assert moved >= 3


def test_an_opened_bookmark_counter_speaks_of_the_bookmark(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Vorkuta")
    actions = window.bookmark_actions
    assert actions.service is not None
    bookmark = actions.service.add("lituanus-2005.p035", 0, 40, note="the strike")
    actions.open_bookmark(bookmark)
    reader = window.reader
    assert reader.counter.text().startswith("Your bookmark")
    assert reader.marked_text() and reader.marked_text() in bookmark.quote.exact
    qtbot.keyClick(reader.page, Qt.Key.Key_F3)  # then on to the query's matches, from the bookmark
    assert reader.counter.text() == f"{reader.current_match + 1} of {reader.match_count}"
    assert reader.match_passage(reader.current_match) >= "lituanus-2005.p035"
    assert _in_view(window)
