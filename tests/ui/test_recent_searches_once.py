"""Recent searches list each search once: a search made again moves to the top (case and spacing aside)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from gulagreader.core.bookmarks.model import PastSearch
from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.search.saved_searches import SEARCH_ROLE

from .conftest import type_query


def _past(widget: QListWidget) -> list[PastSearch]:
    items = [widget.item(i).data(SEARCH_ROLE) for i in range(widget.count())]
    return [x for x in items if isinstance(x, PastSearch)]


def test_recent_searches_never_list_a_query_twice(qtbot: QtBot, window: MainWindow) -> None:
    for query in ("Vorkuta", "Kengir", "Vorkuta", "commission", "kengir", "Vorkuta"):
        type_query(qtbot, window, query)
        qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Return)
    window.bookmark_actions.show_searches()
    searches = window.bookmark_actions.searches
    assert searches is not None
    searches.refresh()
    past = _past(searches.history_list)
    assert [p.query for p in past] == ["Vorkuta", "kengir", "commission"]  # newest first, each once
    texts = [searches.history_list.item(i).text() for i in range(searches.history_list.count())]
    assert len(texts) == len(set(texts))
