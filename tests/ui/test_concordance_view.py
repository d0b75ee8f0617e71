"""The concordance tab: every occurrence lined up on the match; a line opens the reader right there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gulagreader.core.concordance import concordance
from gulagreader.core.search import SearchService
from gulagreader.core.text import folded_words
from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.search.concordance_view import LEFT, LINE_ROLE, MATCH, PASSAGE, RIGHT, ConcordanceModel
from tests.ui.conftest import type_query


def _show_concordance(qtbot: QtBot, window: MainWindow, query: str) -> None:
    type_query(qtbot, window, query)
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.panel.concordance.model.rowCount() > 0)


def test_the_tab_lists_every_occurrence_aligned(qtbot: QtBot, window: MainWindow, search: SearchService) -> None:
    _show_concordance(qtbot, window, "Derevyanko")
    expected = concordance(search, "Derevyanko")
    model = window.panel.concordance.model
    assert model.rowCount() == len(expected.lines)
    assert window.panel.concordance.count_label.text().startswith(f"{len(expected.lines)} occurrences in ")
    table = window.panel.concordance.table
    assert model.index(0, LEFT).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(0, RIGHT).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignLeft
    xs = {table.visualRect(model.index(r, MATCH)).left() for r in range(model.rowCount())}
    assert len(xs) == 1  # every match starts in one column


def test_a_line_opens_its_passage_at_that_occurrence(qtbot: QtBot, window: MainWindow) -> None:
    _show_concordance(qtbot, window, "Vorkuta")
    model, table = window.panel.concordance.model, window.panel.concordance.table
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
    view = window.panel.concordance
    view.sort_box.setCurrentIndex(view.sort_box.findData("right"))
    rights = [folded_words(view.model.line(r).right) for r in range(view.model.rowCount())]
    assert rights == sorted(rights)
    view.table.horizontalHeader().sectionClicked.emit(LEFT)
    assert view.sort_box.currentData() == "left"
    lefts = [folded_words(view.model.line(r).left)[::-1] for r in range(view.model.rowCount())]
    assert lefts == sorted(lefts)


def test_sorting_back_to_source_order(qtbot: QtBot, window: MainWindow) -> None:
    _show_concordance(qtbot, window, "strike")
    view = window.panel.concordance
    view.sort_box.setCurrentIndex(view.sort_box.findData("right"))
    orders = [view.model.line(r).order for r in range(view.model.rowCount())]
    assert orders != sorted(orders)  # the word after is not the corpus order, or this proves nothing
    view.sort_box.setCurrentIndex(view.sort_box.findData("source"))
    lines = [view.model.line(r) for r in range(view.model.rowCount())]
    assert [line.order for line in lines] == sorted(line.order for line in lines)
    assert [(line.order, line.start) for line in lines] == sorted((line.order, line.start) for line in lines)


def test_filters_apply_to_the_concordance(qtbot: QtBot, window: MainWindow) -> None:
    _show_concordance(qtbot, window, "Vorkuta")
    box = window.panel.filter_bar.source_box
    box.setCurrentIndex(box.findData("isr-1963"))
    model = window.panel.concordance.model
    qtbot.waitUntil(lambda: {model.line(r).source_id for r in range(model.rowCount())} == {"isr-1963"})


def test_concordance_model_passes_the_model_tester(qtmodeltester: ModelTester, search: SearchService) -> None:
    model = ConcordanceModel()
    model.set_lines(concordance(search, "Kengir").lines)
    qtmodeltester.check(model)
    model.sort_by("right")
    qtmodeltester.check(model)
    assert model.rowCount() > 0 and model.index(0, 0).data(LINE_ROLE) == model.line(0)


def test_the_width_goes_to_the_context_not_the_passage_ids(qtbot: QtBot, window: MainWindow) -> None:
    """The passage column is narrow (ids whole in the tooltip); the words around the match get the width."""
    for query in ("Vorkuta", "strike", "Kengir", "commission"):
        _show_concordance(qtbot, window, query)
        view, model = window.panel.concordance, window.panel.concordance.model
        table = view.table
        width = table.viewport().width()
        passage, left, right = (table.columnWidth(c) for c in (PASSAGE, LEFT, RIGHT))
        assert table.isColumnHidden(PASSAGE) or passage <= width * 0.16, (query, passage, width)
        assert left + right >= width * 0.6, (query, left, right, width)
        metrics = table.fontMetrics()
        shown = 0
        for row in range(model.rowCount()):
            rect = table.visualRect(model.index(row, RIGHT))
            if not table.viewport().rect().contains(rect.center()):
                continue
            line = model.line(row)
            tip = model.index(row, PASSAGE).data(Qt.ItemDataRole.ToolTipRole)
            assert line.passage_id in tip and line.source_title in tip
            if len(line.right.split()) >= 8:  # as much as the column shows of the words after the match
                seen = metrics.elidedText(line.right, Qt.TextElideMode.ElideRight, right - 8)
                assert len(seen.split()) >= max(3, right // (8 * metrics.averageCharWidth())), (query, seen)
                shown += 1
        assert shown > 0
        # the count line keeps its distance from the order control
        count, sort = view.count_label.geometry(), view.sort_box.geometry()
        assert count.right() + 8 < sort.left()
        assert view.count_label.fontMetrics().horizontalAdvance(view.count_label.text()) <= count.width() or (
            view.count_label.wordWrap()
        )


def test_a_narrow_concordance_leaves_the_passage_to_the_tooltip(qtbot: QtBot, window: MainWindow) -> None:
    _show_concordance(qtbot, window, "Vorkuta")
    table = window.panel.concordance.table
    window.panel.concordance.resize(300, window.panel.concordance.height())
    assert table.isColumnHidden(PASSAGE)
    window.panel.concordance.resize(700, window.panel.concordance.height())
    assert not table.isColumnHidden(PASSAGE)
