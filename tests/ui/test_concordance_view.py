"""The concordance tab: every occurrence lined up on the match; a line opens the reader right there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gulagreader.core.concordance import concordance
from gulagreader.core.search import SearchService
from gulagreader.core.text import folded_words
from gulagreader.ui.concordance_view import LEFT, LINE_ROLE, MATCH, RIGHT, ConcordanceModel
from gulagreader.ui.main_window import MainWindow
from tests.ui.conftest import type_query


def _show_concordance(qtbot: QtBot, window: MainWindow, query: str) -> None:
    type_query(qtbot, window, query)
    qtbot.keyClick(window.search_field, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.concordance.model.rowCount() > 0)


def test_the_tab_lists_every_occurrence_aligned(qtbot: QtBot, window: MainWindow, search: SearchService) -> None:
    _show_concordance(qtbot, window, "Derevyanko")
    expected = concordance(search, "Derevyanko")
    model = window.concordance.model
    assert model.rowCount() == len(expected.lines)
    assert window.concordance.count_label.text().startswith(f"{len(expected.lines)} occurrences in ")
    table = window.concordance.table
    assert model.index(0, LEFT).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(0, RIGHT).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignLeft
    xs = {table.visualRect(model.index(r, MATCH)).left() for r in range(model.rowCount())}
    assert len(xs) == 1  # every match starts in one column


def test_a_line_opens_its_passage_at_that_occurrence(qtbot: QtBot, window: MainWindow) -> None:
    _show_concordance(qtbot, window, "Vorkuta")
    model, table = window.concordance.model, window.concordance.table
    row = next(r for r in range(model.rowCount()) if model.line(r).occurrence == 1)
    line = model.line(row)
    table.scrollTo(model.index(row, MATCH))
    rect = table.visualRect(model.index(row, MATCH))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    reader = window.reader
    qtbot.waitUntil(lambda: reader.source is not None and reader.source.id == line.source_id)
    assert reader.match_passage(reader.current_match) == line.passage_id
    first = next(i for i in range(reader.match_count) if reader.match_passage(i) == line.passage_id)
    assert reader.current_match == first + 1
    assert reader.page.extraSelections()[0].cursor.selectedText() == line.match


def test_sorting_by_the_word_after_and_before(qtbot: QtBot, window: MainWindow) -> None:
    _show_concordance(qtbot, window, "strike")
    view = window.concordance
    view.sort_box.setCurrentIndex(view.sort_box.findData("right"))
    rights = [folded_words(view.model.line(r).right) for r in range(view.model.rowCount())]
    assert rights == sorted(rights)
    view.table.horizontalHeader().sectionClicked.emit(LEFT)
    assert view.sort_box.currentData() == "left"
    lefts = [folded_words(view.model.line(r).left)[::-1] for r in range(view.model.rowCount())]
    assert lefts == sorted(lefts)


def test_sorting_back_to_source_order(qtbot: QtBot, window: MainWindow) -> None:
    _show_concordance(qtbot, window, "strike")
    view = window.concordance
    view.sort_box.setCurrentIndex(view.sort_box.findData("right"))
    orders = [view.model.line(r).order for r in range(view.model.rowCount())]
    assert orders != sorted(orders)  # the word after is not the corpus order, or this proves nothing
    view.sort_box.setCurrentIndex(view.sort_box.findData("source"))
    lines = [view.model.line(r) for r in range(view.model.rowCount())]
    assert [line.order for line in lines] == sorted(line.order for line in lines)
    assert [(line.order, line.start) for line in lines] == sorted((line.order, line.start) for line in lines)


def test_filters_apply_to_the_concordance(qtbot: QtBot, window: MainWindow) -> None:
    _show_concordance(qtbot, window, "Vorkuta")
    box = window.filter_bar.source_box
    box.setCurrentIndex(box.findData("isr-1963"))
    model = window.concordance.model
    qtbot.waitUntil(lambda: {model.line(r).source_id for r in range(model.rowCount())} == {"isr-1963"})


def test_concordance_model_passes_the_model_tester(qtmodeltester: ModelTester, search: SearchService) -> None:
    model = ConcordanceModel()
    model.set_lines(concordance(search, "Kengir").lines)
    qtmodeltester.check(model)
    model.sort_by("right")
    qtmodeltester.check(model)
    assert model.rowCount() > 0 and model.index(0, 0).data(LINE_ROLE) == model.line(0)
