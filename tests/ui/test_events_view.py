"""The events browser over the real corpus: the timeline, its filter, and opening an event's accounts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from pytestqt.qtbot import QtBot

from gulagreader.core.compare import CompareService, EventSummary
from gulagreader.core.store import Store
from gulagreader.ui.compare.view import CompareView
from gulagreader.ui.events.view import EVENT_ROLE, EventsView, axis_rect, describe, span_of, x_of, year_of
from gulagreader.ui.main_window import MainWindow
from tests.ui.conftest import type_query


@pytest.fixture
def events(qtbot: QtBot, store: Store) -> EventsView:
    view = EventsView(store)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


def _summary(**fields: object) -> EventSummary:
    base: dict[str, object] = {
        "id": "e",
        "title": "An event",
        "start": "",
        "end": "",
        "date_text": "",
        "places": (),
        "accounts": 1,
        "source_ids": ("s",),
    }
    return EventSummary(**{**base, **fields})  # type: ignore[arg-type]


def test_the_timeline_lists_every_event_in_order(events: EventsView, store: Store, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = events.model
    expected = [e.id for e in CompareService(store).events()]
    assert [model.event_at(r).id for r in range(model.rowCount())] == expected
    vorkuta = model.index(model.row_of("vorkuta-1953"), 0)
    assert isinstance(vorkuta.data(EVENT_ROLE), EventSummary)
    assert "Vorkuta strike" in str(vorkuta.data()) and "3 accounts" in str(vorkuta.data())
    qtmodeltester.check(model)


def test_only_events_with_several_accounts(qtbot: QtBot, events: EventsView) -> None:
    qtbot.mouseClick(events.several_box, Qt.MouseButton.LeftButton)
    shown = [events.model.event_at(r) for r in range(events.model.rowCount())]
    assert [e.id for e in shown] == ["vorkuta-1953", "lena-1912", "east-berlin-1953"]  # resistance first
    qtbot.mouseClick(events.several_box, Qt.MouseButton.LeftButton)
    assert events.model.rowCount() > 20


def test_clicking_an_event_opens_its_accounts_side_by_side(qtbot: QtBot, events: EventsView) -> None:
    index = events.model.index(events.model.row_of("vorkuta-1953"), 0)
    events.list.scrollTo(index)
    rect = events.list.visualRect(index)
    with qtbot.waitSignal(events.event_chosen) as chosen:
        qtbot.mouseClick(events.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == ["vorkuta-1953"]
    view = events.last_compare
    assert isinstance(view, CompareView) and view.isVisible() and view.isWindow()
    assert [c.source.id for c in view.comparison.columns] == ["lituanus-2005", "newsletters-2003"]
    with qtbot.waitSignal(events.open_passage) as opened:  # the reader is asked through the events view
        view.open_passage.emit("lituanus-2005.p032")
    assert opened.args == ["lituanus-2005.p032"]
    view.close()


def test_a_single_account_event_opens_from_the_timeline(qtbot: QtBot, events: EventsView) -> None:
    view = events.open_event("romanov-execution")
    assert view is not None and len(view.comparison.columns) == 1
    assert "russia-pictures.p040" in view.columns.cell(0, 0).text()
    view.close()


def test_where_an_event_lies_on_the_axis() -> None:
    assert year_of("1953") == 1953 and year_of("1953-07") == 1953.5
    assert year_of("1953-08", end=True) == pytest.approx(1953 + 7 / 12 + 29 / 365)
    assert year_of("undated") is None
    assert span_of(_summary(start="1953-07", end="1953-08")) == (1953.5, pytest.approx(1953.66, abs=0.01))
    assert span_of(_summary(start="1936")) == (1936, pytest.approx(1936 + 11 / 12 + 29 / 365))
    assert span_of(_summary(end="1953")) == (pytest.approx(1953.99, abs=0.01), pytest.approx(1953.99, abs=0.01))
    assert span_of(_summary()) is None
    axis = axis_rect(QRect(0, 0, 1000, 50))
    assert x_of(1932, axis) == axis.left() and x_of(1956, axis) == axis.left() + axis.width()
    long = "1933 (the rising was set for August 1, 1933); Kleymyonov's later fate to 1960"
    assert describe(_summary(start="1933", end="1933", date_text=long, accounts=2)).startswith("1933 · 2 accounts")
    assert describe(_summary(date_text="", places=("A", "B", "C", "D"))) == "not dated · A, B, C … · 1 account"


def test_ctrl_e_in_the_reader_opens_the_timeline(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    events = window.event_actions.events_view
    assert isinstance(events, EventsView) and events.isVisible() and events.model.rowCount() > 20
    with qtbot.waitSignal(events.event_chosen):
        events.open_event("vorkuta-1953")
    compare = window.event_actions.last_compare
    assert isinstance(compare, CompareView)
    compare.open_passage.emit("newsletters-2003.p014")  # 'open in reader' reaches the main window's reader
    assert window.reader.source is not None and window.reader.source.id == "newsletters-2003"
    compare.close()
    events.close()


def test_other_accounts_of_a_hits_event_carry_the_query(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Derevyanko")
    model = window.panel.results_model
    row = next(r for r in range(model.rowCount()) if "vorkuta-1953" in model.hit(r).events)
    window.panel.results_view.setFocus()
    window.panel.results_view.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(
        window.panel.results_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    compare = window.event_actions.last_compare
    assert isinstance(compare, CompareView) and compare.isVisible()
    assert compare.comparison.event.id == "vorkuta-1953"
    match = compare.theme.match
    assert any(
        f"background-color:{match}" in compare.columns.cell(r, c).text()
        for r in range(len(compare.comparison.rows))
        for c in range(len(compare.comparison.columns))
    )
    compare.close()
