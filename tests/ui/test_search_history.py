"""The search history and saved searches in the reader: kept, run again with their filters, cleared."""

from __future__ import annotations

from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from gulagreader.core.bookmarks.model import PastSearch, SavedSearch
from gulagreader.core.search_filters import SearchFilters
from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.search.saved_searches import SEARCH_ROLE, SearchesPanel
from tests.ui.conftest import type_query

T = TypeVar("T")


@pytest.fixture
def searches(qtbot: QtBot, window: MainWindow) -> SearchesPanel:
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_B, keys)
    actions = window.bookmark_actions
    assert actions.searches is not None and actions.tabs is not None
    assert actions.tabs.currentWidget() is actions.searches
    return actions.searches


def _entries(widget: QListWidget, kind: type[T]) -> list[T]:
    items = [widget.item(i).data(SEARCH_ROLE) for i in range(widget.count())]
    return [x for x in items if isinstance(x, kind)]


def _shown(window: MainWindow) -> list[str]:
    return [window.panel.results_model.hit(i).passage_id for i in range(window.panel.results_model.rowCount())]


def test_enter_and_opening_a_result_keep_the_search_with_its_filters(
    qtbot: QtBot, window: MainWindow, searches: SearchesPanel
) -> None:
    type_query(qtbot, window, "Kengir")
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Return)
    window.panel.filter_bar.set_filters(SearchFilters(source="lituanus-2005", years=(1953, 1954)))
    type_query(qtbot, window, "commission")
    qtbot.waitUntil(lambda: window.panel.shown_filters == SearchFilters(source="lituanus-2005", years=(1953, 1954)))
    rect = window.panel.results_view.visualRect(window.panel.results_model.index(0, 0))
    qtbot.mouseClick(window.panel.results_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    past = _entries(searches.history_list, PastSearch)
    assert [(p.query, p.filters) for p in past] == [
        ("commission", {"source": "lituanus-2005", "years": "1953..1954"}),
        ("Kengir", {}),
    ]
    assert "source: Baltic Prisoners" in searches.history_list.item(0).text()
    assert "years 1953–1954" in searches.history_list.item(0).text()


def test_a_past_search_runs_again(qtbot: QtBot, window: MainWindow, searches: SearchesPanel) -> None:
    window.panel.filter_bar.set_filters(SearchFilters(event="vorkuta-1953"))
    type_query(qtbot, window, "Derevyanko")
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Return)
    window.clear_search()
    window.clear_search()
    qtbot.waitUntil(lambda: window.panel.shown_query == "")
    searches.history_list.setCurrentRow(0)
    qtbot.keyClick(searches.history_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.shown_query == "Derevyanko")
    assert window.panel.shown_filters == SearchFilters(event="vorkuta-1953")


def test_a_saved_search_reruns_with_its_filters(qtbot: QtBot, window: MainWindow, searches: SearchesPanel) -> None:
    wanted = SearchFilters(source="isr-1963", genre="eyewitness report", order="source")
    window.panel.filter_bar.set_filters(wanted)
    type_query(qtbot, window, "hunger strike")
    saved = searches.save_current("ISR on the hunger strike")
    assert saved is not None and searches.message.text() == "Saved “ISR on the hunger strike”."
    expected = _shown(window)
    window.panel.filter_bar.clear()
    type_query(qtbot, window, "Vorkuta")
    [entry] = _entries(searches.saved_list, SavedSearch)
    assert entry.filters == {"source": "isr-1963", "genre": "eyewitness report", "sort": "source"}
    searches.saved_list.setCurrentRow(0)
    qtbot.mouseClick(searches.run_saved_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.panel.shown_query == "hunger strike" and window.panel.shown_filters == wanted)
    assert _shown(window) == expected
    assert all(
        window.panel.results_model.hit(i).source_id == "isr-1963" for i in range(window.panel.results_model.rowCount())
    )


def test_saving_needs_a_query(window: MainWindow, searches: SearchesPanel) -> None:
    assert searches.save_current("nothing") is None
    assert "empty search cannot be saved" in searches.message.text()


def test_history_and_saved_searches_are_clearable(qtbot: QtBot, window: MainWindow, searches: SearchesPanel) -> None:
    type_query(qtbot, window, "Norilsk")
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Return)
    searches.save_current("")
    searches.save_current("second")
    assert len(_entries(searches.history_list, PastSearch)) == 1
    assert [s.name for s in _entries(searches.saved_list, SavedSearch)] == ["Norilsk", "second"]
    qtbot.mouseClick(searches.clear_history_button, Qt.MouseButton.LeftButton)
    assert _entries(searches.history_list, PastSearch) == []
    searches.saved_list.setCurrentRow(1)
    qtbot.mouseClick(searches.remove_button, Qt.MouseButton.LeftButton)
    assert [s.name for s in _entries(searches.saved_list, SavedSearch)] == ["Norilsk"]
    searches.clear_saved(ask=False)
    assert _entries(searches.saved_list, SavedSearch) == []
    service = window.bookmark_actions.service
    assert service is not None and service.db.saved_searches() == [] and service.db.past_searches(10) == []
