"""Secondary windows (events, compare, help) fit the screen and close with Esc and Ctrl+W; the compare
view opened from a hit opens at that hit, marked, its episode's title pinned while the row scrolls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gulagreader.core.compare import CompareService
from gulagreader.core.store import Store
from gulagreader.ui.compare.markup import FOCUS_MARK
from gulagreader.ui.compare.view import CompareView, open_compare
from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.windows import available_area

from .conftest import type_query


def _fits(window: QWidget) -> None:
    area = available_area(window)
    assert area.contains(window.frameGeometry()), (window.windowTitle(), window.frameGeometry(), area)
    hint = window.minimumSizeHint()
    assert hint.width() <= area.width() and hint.height() <= area.height(), (window.windowTitle(), hint, area)


def _not_blank(image: QImage) -> bool:
    first = image.pixel(0, 0)
    return any(image.pixel(x, y) != first for x in range(0, image.width(), 3) for y in range(0, image.height(), 3))


def _closes_with(qtbot: QtBot, window: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget() or window, key, modifier)
    qtbot.waitUntil(lambda: not window.isVisible())


KEYS = [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)]


@pytest.mark.parametrize(("key", "modifier"), KEYS, ids=["Esc", "Ctrl+W"])
def test_events_window_fits_and_closes(
    qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    events = window.event_actions.show_events()
    assert events is not None
    qtbot.waitExposed(events)
    _fits(events)
    _closes_with(qtbot, events, key, modifier)


@pytest.mark.parametrize(("key", "modifier"), KEYS, ids=["Esc", "Ctrl+W"])
def test_compare_window_fits_and_closes(
    qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    compare = window.event_actions.compare("vorkuta-1953")
    assert compare is not None
    qtbot.waitExposed(compare)
    _fits(compare)
    _closes_with(qtbot, compare, key, modifier)


@pytest.mark.parametrize(("key", "modifier"), KEYS, ids=["Esc", "Ctrl+W"])
def test_help_and_about_fit_and_close(
    qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    for show in (window.show_guide, window.show_about):
        show()
        help_window = window._help
        assert help_window is not None
        qtbot.waitExposed(help_window)
        _fits(help_window)
        _closes_with(qtbot, help_window, key, modifier)


def test_every_events_compare_view_fits_a_small_screen(qtbot: QtBot, store: Store) -> None:
    """However many accounts an event has, its compare view's least size fits the screen (their choice wraps)."""
    service = CompareService(store)
    for event in service.events():
        view = CompareView(service, event.id)
        qtbot.addWidget(view)
        hint, area = view.minimumSizeHint(), available_area(view)
        assert hint.width() <= area.width() - 40 and hint.height() <= area.height() - 60, (event.id, hint)


def test_f1_query_table_is_not_cut_at_the_right(qtbot: QtBot, window: MainWindow) -> None:
    window.show_guide()
    help_window = window._help
    assert help_window is not None
    qtbot.waitExposed(help_window)
    text = help_window.text
    qtbot.waitUntil(lambda: text.document().size().width() > 0)
    assert text.horizontalScrollBar().maximum() == 0
    assert text.document().idealWidth() <= text.viewport().width()
    assert "year:1953" in text.toPlainText() and "fuzzy" in text.toPlainText()
    help_window.close()


QUERIES = ("strike", "commission", "Vorkuta", "Kengir", "Norilsk", "famine", "shooting")


def _hits_with_events(window: MainWindow, query: str, qtbot: QtBot) -> list[int]:
    type_query(qtbot, window, query)
    model = window.panel.results_model
    return [r for r in range(model.rowCount()) if model.hit(r).events]


def test_compare_from_a_hit_opens_at_that_hit_marked_and_in_view(qtbot: QtBot, window: MainWindow) -> None:
    opened = 0
    for query in QUERIES:
        rows = _hits_with_events(window, query, qtbot)
        for row in rows[:: max(len(rows) // 3, 1)][:3]:  # the first, and some further down the list
            model = window.panel.results_model
            hit = model.hit(row)
            window.panel.results_view.setFocus()
            window.panel.results_view.setCurrentIndex(model.index(row, 0))
            window.event_actions.last_compare = None
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow)
            qtbot.keyClick(
                window.panel.results_view,
                Qt.Key.Key_E,
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
            )
            compare = window.event_actions.last_compare
            assert isinstance(compare, CompareView), (query, row, hit.passage_id)
            qtbot.waitExposed(compare)
            qtbot.waitUntil(lambda c=compare: (m := c.marked_passage()) is not None and m.visible)  # type: ignore[misc]
            marked = compare.marked_passage()
            assert marked is not None and marked.passage_id == hit.passage_id, (query, hit.passage_id)
            cell = compare.columns.cell(marked.row, marked.column)
            assert FOCUS_MARK in cell.text() and hit.passage_id in cell.text()
            # the episode is named on screen: its title in view, or pinned over its column
            pin = compare.columns.pins[marked.column]
            title = compare.columns.row_title(marked.row)
            assert compare.columns.row_top(marked.row, marked.column) >= 0 or (pin.isVisible() and pin.text() == title)
            _fits(compare)
            compare.close()
            opened += 1
    assert opened >= 10


def test_the_hits_context_menu_opens_the_compare_view_at_the_hit(qtbot: QtBot, window: MainWindow) -> None:
    rows = _hits_with_events(window, "Camp No. 29", qtbot)
    row = rows[-1]
    hit = window.panel.results_model.hit(row)
    view = window.panel.results_view
    view.scrollTo(window.panel.results_model.index(row, 0))
    menu = window.event_actions.hit_menu(view.visualRect(window.panel.results_model.index(row, 0)).center())
    assert menu is not None
    action = next(a for a in menu.actions() if a.text().startswith("Other accounts of this event"))
    action.trigger()
    compare = window.event_actions.last_compare
    assert isinstance(compare, CompareView)
    qtbot.waitExposed(compare)
    qtbot.waitUntil(lambda: (m := compare.marked_passage()) is not None and m.visible)
    assert compare.marked_passage().passage_id == hit.passage_id  # type: ignore[union-attr]
    compare.close()


def test_episode_titles_stay_pinned_while_their_row_scrolls(qtbot: QtBot, store: Store) -> None:
    view = open_compare(None, store, "vorkuta-1953")
    qtbot.addWidget(view)
    qtbot.waitExposed(view)
    columns = view.columns
    qtbot.waitUntil(lambda: columns.scroll_bar(0).maximum() > 0)
    rows = len(view.comparison.rows)
    checked = 0
    for row in range(1, rows - 1):
        cell = columns.cell(row, 0)
        if cell.height() < 120:
            continue
        bar = columns.scroll_bar(0)
        bar.setValue(cell.y() + 60)  # the row's own title scrolled away
        if bar.value() != cell.y() + 60:
            continue  # the end of the page: cannot scroll that far
        for c, pin in enumerate(columns.pins):
            assert pin.isVisible() and pin.text() == columns.row_title(row)
            viewport = columns.scroll_areas[c].viewport()
            assert viewport.rect().contains(pin.geometry()) and pin.width() == viewport.width()
            assert _not_blank(pin.grab().toImage())
        bar.setValue(cell.y())  # the row's top in view: its own title shows, no pin
        assert not any(pin.isVisible() for pin in columns.pins)
        checked += 1
    assert checked >= 3
    # the same passage under several episodes says where else it is printed
    texts = [columns.cell(r, c).text() for r in range(rows) for c in range(len(view.comparison.columns))]
    assert any("also under episode" in t for t in texts)
    view.close()


def test_a_passage_printed_again_says_under_which_other_episodes(qtbot: QtBot, store: Store) -> None:
    service = CompareService(store)
    found = 0
    for event in service.events():
        view = CompareView(service, event.id)
        qtbot.addWidget(view)
        comparison = view.comparison
        for c in range(len(comparison.columns)):
            where: dict[str, list[int]] = {}
            for r, row in enumerate(comparison.rows):
                if row.episode is not None:
                    for reading in row.cells[c].readings:
                        where.setdefault(reading.passage.id, []).append(r)
            for rows in (rs for rs in where.values() if len(rs) > 1):
                for r in rows:
                    text = view.columns.cell(r, c).text()
                    others = [str(o + 1) for o in rows if o != r]
                    assert "also under episode" in text and all(o in text for o in others), (event.id, r)
                    found += 1
        view.close()
    assert found > 10


def test_the_chosen_hit_is_marked_at_its_place_in_a_long_cell(qtbot: QtBot, store: Store) -> None:
    """Whatever passage of an account is chosen, the view opens with that passage's first line in view."""
    service = CompareService(store)
    comparison = service.compare("vorkuta-1953")
    chosen = [
        reading.passage.id
        for row in comparison.rows[::3]
        for cell in row.cells
        for reading in cell.readings[-1:]  # the last passage of a cell: the farthest from the row's top
    ]
    assert len(chosen) >= 4
    for passage_id in chosen:
        view = open_compare(None, store, "vorkuta-1953", focus=passage_id)
        qtbot.addWidget(view)
        qtbot.waitExposed(view)
        qtbot.waitUntil(lambda v=view: (m := v.marked_passage()) is not None and m.visible)  # type: ignore[misc]
        marked = view.marked_passage()
        assert marked is not None
        area = view.columns.scroll_areas[marked.column].viewport()
        top = view.columns.row_top(marked.row, marked.column)
        offset = view.columns.passage_offset(marked.row, marked.column, passage_id)
        assert 0 <= top + offset < area.height()
        assert _not_blank(area.grab().toImage())
        view.close()


def test_scrolled_away_the_hit_is_no_longer_in_view(qtbot: QtBot, store: Store) -> None:
    view = open_compare(None, store, "vorkuta-1953", focus="lituanus-2005.p053")
    qtbot.addWidget(view)
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: (m := view.marked_passage()) is not None and m.visible)
    view.columns.scroll_bar(0).setValue(0)
    marked = view.marked_passage()
    assert marked is not None and not marked.visible
    assert view.columns.cell(marked.row, 0).mapTo(view, QPoint(0, 0)).y() > view.height() or marked.row > 2
    view.close()
