"""Filters beside the results narrow them, compose with the query, and say what they do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from gulagreader.core.library import Library
from gulagreader.core.search import SearchService
from gulagreader.core.search_filters import FACETS, SearchFilters
from gulagreader.core.store import Store
from gulagreader.ui.main_window import HOME, RESULTS, MainWindow
from tests.ui.conftest import type_query


def _choose(qtbot: QtBot, window: MainWindow, filters: SearchFilters) -> None:
    window.panel.filter_bar.set_filters(filters)
    qtbot.waitUntil(lambda: window.panel.shown_filters == filters)


def _sources(window: MainWindow) -> set[str]:
    model = window.panel.results_model
    return {model.hit(r).source_id for r in range(model.rowCount())}


def test_a_source_filter_narrows_the_results_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Vorkuta")
    assert len(_sources(window)) > 2
    everywhere = window.panel.count_label.text()
    box = window.panel.filter_bar.source_box
    box.setFocus()
    box.setCurrentIndex(box.findData("isr-1963"))
    qtbot.waitUntil(lambda: window.panel.shown_filters == SearchFilters(source="isr-1963"))
    assert _sources(window) == {"isr-1963"}
    assert window.panel.count_label.text() != everywhere
    bar = window.panel.filter_bar
    assert bar.summary.isVisible() and bar.summary.text() == "Only source: Trotskyists at Vorkuta: An Eyewitness Report"
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.panel.shown_filters == SearchFilters())
    assert len(_sources(window)) > 2 and not bar.summary.isVisible()


def test_event_genre_and_years_compose_with_the_query(qtbot: QtBot, window: MainWindow, search: SearchService) -> None:
    type_query(qtbot, window, "strike")
    _choose(qtbot, window, SearchFilters(event="vorkuta-1953", genre="scholarly article"))
    assert _sources(window) == {"lituanus-2005"}
    model = window.panel.results_model
    assert all("vorkuta-1953" in model.hit(r).events for r in range(model.rowCount()))
    assert "event: Vorkuta strike" in window.panel.filter_bar.summary.text()
    assert "genre: scholarly article" in window.panel.filter_bar.summary.text()
    _choose(qtbot, window, SearchFilters(years=(1936, 1938)))
    assert window.panel.filter_bar.summary.text() == "Only years 1936–1938"
    hits = {model.hit(r).passage_id for r in range(model.rowCount())}
    assert hits and hits == {h.passage_id for h in search.search("strike year:1936..1938").hits}


def test_years_typed_in_the_spin_boxes(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "strike")
    bar = window.panel.filter_bar
    for spin, year in ((bar.year_from, "1953"), (bar.year_to, "1953")):
        spin.setFocus()
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin, year)
        qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.shown_filters == SearchFilters(years=(1953, 1953)))
    assert bar.summary.text() == "Only year 1953"


def test_source_order_and_filters_without_a_query(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    type_query(qtbot, window, "camp")
    _choose(qtbot, window, SearchFilters(order="source"))
    order = [s.id for s in Library(store).sources()]
    model = window.panel.results_model
    ranks = [order.index(model.hit(r).source_id) for r in range(model.rowCount())]
    assert ranks == sorted(ranks) and len(set(ranks)) > 1
    window.panel.search_field.clear()
    assert window.panel.stack.currentIndex() == HOME  # the order alone narrows nothing
    _choose(qtbot, window, SearchFilters(event="vorkuta-hunger-strike-1936"))
    assert window.panel.stack.currentIndex() == RESULTS and model.rowCount() > 0
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Escape)  # field empty: Esc clears the filters
    qtbot.waitUntil(lambda: window.panel.stack.currentIndex() == HOME)
    assert not window.panel.filter_bar.filters().narrowing


def test_the_bar_has_a_field_for_every_facet_and_shows_what_it_is_given(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.panel.filter_bar
    assert list(bar.fields) == [f.key for f in FACETS]
    every = SearchFilters(
        source="isr-1963", event="vorkuta-1953", genre="eyewitness report", years=(1953, 1954), order="source"
    )
    bar.set_filters(every)
    assert bar.filters() == every
    assert bar.summary_text() == (
        "Only source: Trotskyists at Vorkuta: An Eyewitness Report; event: "
        f"{bar.event_box.currentText()}; genre: eyewitness report; years 1953–1954"
    )
    labels = {label.text() for label in bar.findChildren(QLabel) if label.buddy() is not None}
    assert {"&Source", "E&vent", "&Genre", "&Years"} <= labels
    bar.clear()
    assert bar.filters() == SearchFilters(order="source")
