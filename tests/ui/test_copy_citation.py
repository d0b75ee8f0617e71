"""Ctrl+Shift+C: the selection (or the chosen passage) goes to the clipboard with its citation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gulagreader.core.citations.render import cite_passage
from gulagreader.core.library import Library
from gulagreader.core.store import Store
from gulagreader.ui.main_window import MainWindow
from tests.ui.conftest import type_query

_KEYS = (Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_a_selection_is_copied_with_the_citation_of_its_passage(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    window.open_passage("isr-1963.p012")
    page = window.reader.page
    text = Library(store).passage("isr-1963.p012").text
    start = page.document().find(text[:40]).selectionStart()
    cursor = QTextCursor(page.document())
    cursor.setPosition(start)
    cursor.setPosition(start + 40, QTextCursor.MoveMode.KeepAnchor)
    page.setTextCursor(cursor)
    page.setFocus()
    qtbot.keyClick(page, *_KEYS)
    copied = QApplication.clipboard().mimeData()
    citation = cite_passage(Library(store), "isr-1963.p012")
    assert copied.text() == f"{text[:40]}\n\n{citation.text}"
    assert citation.html in copied.html() and "<i>International Socialist Review</i>" in copied.html()
    assert "Copied with its citation" in window.statusBar().currentMessage()


def test_a_chosen_result_is_copied_whole(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    type_query(qtbot, window, "Kengir")
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Down)
    qtbot.waitUntil(window.panel.results_view.hasFocus)
    qtbot.keyClick(window.panel.results_view, *_KEYS)
    hit = window.panel.results_model.hit(0)
    passage = Library(store).passage(hit.passage_id)
    text = QApplication.clipboard().text()
    assert text.startswith(passage.text + "\n\n")
    assert text.endswith(cite_passage(Library(store), hit.passage_id).text)


def test_without_a_passage_it_says_what_to_do(qtbot: QtBot, window: MainWindow) -> None:
    QApplication.clipboard().setText("untouched")
    qtbot.keyClick(window.panel.search_field, *_KEYS)
    assert QApplication.clipboard().text() == "untouched"
    assert "Open a passage" in window.statusBar().currentMessage()


def test_the_open_passage_is_copied_when_nothing_is_selected(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    type_query(qtbot, window, "Derevyanko")
    window.open_passage("lituanus-2005.p046")
    window.reader.page.setFocus()
    qtbot.keyClick(window.reader.page, *_KEYS)
    text = QApplication.clipboard().text()
    assert text.startswith(Library(store).passage("lituanus-2005.p046").text)
    assert text.endswith("Lituanus 51, no. 4 (2005): para. 46.")
