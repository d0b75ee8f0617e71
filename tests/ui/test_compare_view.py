"""The compare view over the real corpus: accounts aligned by episode, linked scrolling, figures, collation."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gulagreader.core.compare import CompareService, UnknownEvent
from gulagreader.core.highlight import Matcher
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store
from gulagreader.ui.compare.tables import DISAGREES_ROLE, PASSAGES_ROLE, FiguresModel, NamesModel
from gulagreader.ui.compare.view import FIGURES_TAB, CompareView, open_compare


@pytest.fixture(scope="module")
def service(store: Store) -> CompareService:
    return CompareService(store)


def _view(qtbot: QtBot, service: CompareService, event_id: str, matcher: Matcher | None = None) -> CompareView:
    view = CompareView(service, event_id, matcher)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    view.columns.sync_rows()
    return view


@pytest.fixture
def vorkuta(qtbot: QtBot, service: CompareService) -> CompareView:
    return _view(qtbot, service, "vorkuta-1953")


def _row(view: CompareView, episode_id: str | None) -> int:
    rows = view.comparison.rows
    return next(i for i, r in enumerate(rows) if (r.episode.id if r.episode else None) == episode_id)


def _aligned(view: CompareView) -> bool:
    columns = view.columns
    count = len(view.comparison.columns)
    return all(
        len({columns.row_top(r, c) for c in range(count)}) == 1
        and len({columns.cell(r, c).height() for c in range(count)}) == 1
        for r in range(len(view.comparison.rows))
    )


def test_vorkuta_accounts_side_by_side_in_aligned_rows(vorkuta: CompareView) -> None:
    assert [c.source.id for c in vorkuta.comparison.columns] == ["lituanus-2005", "newsletters-2003"]
    assert "Baltic Prisoners of the Gulag Revolts of 1953" in vorkuta.columns.headings[0].text()
    assert "Dunayevskaya" in vorkuta.columns.headings[1].text()
    commission = _row(vorkuta, "commission")
    left, right = vorkuta.columns.cell(commission, 0), vorkuta.columns.cell(commission, 1)
    assert "passage:lituanus-2005.p032" in left.text() and "passage:newsletters-2003.p014" in right.text()
    assert "The commission from Moscow" in left.text() or "commission" in left.text().lower()
    # The same row begins on the same line in both columns, and has the same height.
    assert vorkuta.columns.row_top(commission, 0) == vorkuta.columns.row_top(commission, 1)
    assert left.height() == right.height() >= max(left.heightForWidth(left.width()), 40)
    assert _aligned(vorkuta)


def test_a_silent_account_shows_a_visible_gap(vorkuta: CompareView) -> None:
    casualties = _row(vorkuta, "casualties")
    gap = vorkuta.columns.cell(casualties, 1)
    assert "silent on this episode" in gap.text() and gap.objectName() == "compareGap"
    assert gap.isVisible() and gap.height() == vorkuta.columns.cell(casualties, 0).height() > 100


def test_linked_scrolling_keeps_rows_aligned_and_can_be_turned_off(qtbot: QtBot, vorkuta: CompareView) -> None:
    columns = vorkuta.columns
    casualties = _row(vorkuta, "casualties")
    assert vorkuta.linked_box.isChecked() and columns.linked
    columns.scroll_bar(1).setValue(columns.cell(casualties, 1).y())
    assert columns.scroll_bar(0).value() == columns.scroll_bar(1).value() > 0
    assert columns.row_top(casualties, 0) == columns.row_top(casualties, 1) == 0
    qtbot.mouseClick(vorkuta.linked_box, Qt.MouseButton.LeftButton)
    assert not vorkuta.linked_box.isChecked() and not columns.linked
    columns.scroll_bar(0).setValue(0)
    assert columns.scroll_bar(1).value() > 0  # the other column stayed where it was
    assert columns.row_top(casualties, 0) != columns.row_top(casualties, 1)
    qtbot.mouseClick(vorkuta.linked_box, Qt.MouseButton.LeftButton)  # linked again: lined up with the first
    assert columns.scroll_bar(1).value() == columns.scroll_bar(0).value() == 0
    assert _aligned(vorkuta)


def test_figures_show_the_disagreeing_camp_29_casualties_linked_to_their_passage(
    qtbot: QtBot, vorkuta: CompareView
) -> None:
    vorkuta.tabs.setCurrentIndex(FIGURES_TAB)
    model, table = vorkuta.figures_model, vorkuta.figures_table
    killed = next(
        r
        for r in range(model.rowCount())
        if model.figure_row(r).subject == "Camp No. 29 shooting" and model.figure_row(r).what == "killed"
    )
    assert model.index(killed, 0).data(DISAGREES_ROLE) is True
    assert str(model.index(killed, 0).data()).startswith("≠ Camp No. 29 shooting")
    tint = model.index(killed, 1).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(tint, QColor) and tint.name() == vorkuta.theme.banner
    text = str(model.index(killed, 1).data())
    assert all(v in text for v in ("42 — the MVD report", "66", "at least 400 — Buca"))
    assert model.index(killed, 2).data() == "—"  # News & Letters gives no figure for it
    agreeing = next(
        r for r in range(model.rowCount()) if model.figure_row(r).subject == "Camp No. 3 shooting (Vorkuta)"
    )
    assert model.index(agreeing, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    # Clicking the cell reads the passage the figures come from.
    index = model.index(killed, 1)
    assert index.data(PASSAGES_ROLE) == ("lituanus-2005.p059",)
    table.scrollTo(index)
    rect = table.visualRect(index)
    with qtbot.waitSignal(vorkuta.open_passage) as opened:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["lituanus-2005.p059"]
    qtbot.mouseClick(vorkuta.disagreeing_box, Qt.MouseButton.LeftButton)
    shown = [model.figure_row(r) for r in range(model.rowCount())]
    assert shown and all(f.disagrees for f in shown) and len(shown) < len(vorkuta.comparison.figures)


def test_reprint_collation_marks_a_real_difference(qtbot: QtBot, vorkuta: CompareView) -> None:
    row = next(
        i
        for i, r in enumerate(vorkuta.comparison.rows)
        if any(rd.passage.id == "newsletters-2003.p004" for rd in r.cells[1].readings)
    )
    cell = vorkuta.columns.cell(row, 1)
    assert vorkuta.collation_box.isEnabled() and not vorkuta.collation_box.isChecked()
    assert "--the" in cell.text() and "<s " not in cell.text()
    assert "reprint russia-pictures.p088" in cell.text()
    qtbot.mouseClick(vorkuta.collation_box, Qt.MouseButton.LeftButton)
    # News & Letters prints '--the', its reprint '–the': struck through and underlined in one column.
    assert re.search(r"<s [^>]*>--the</s> <u [^>]*>–the</u>", cell.text())
    assert "only in the reprint" in vorkuta.columns.headings[1].text()
    assert _aligned(vorkuta)
    qtbot.mouseClick(vorkuta.collation_box, Qt.MouseButton.LeftButton)
    assert "<s " not in cell.text()


def test_open_in_reader_from_a_passage(qtbot: QtBot, vorkuta: CompareView) -> None:
    cell = vorkuta.columns.cell(_row(vorkuta, "commission"), 1)
    with qtbot.waitSignal(vorkuta.open_passage) as opened:
        cell.linkActivated.emit("passage:newsletters-2003.p014")
    assert opened.args == ["newsletters-2003.p014"]


def test_choosing_accounts(qtbot: QtBot, vorkuta: CompareView) -> None:
    boxes = vorkuta.account_boxes
    assert list(boxes) == ["lituanus-2005", "newsletters-2003", "russia-pictures"]
    assert all(b.isChecked() for b in boxes.values())
    boxes["newsletters-2003"].click()  # without its original, the reprint is a column of its own
    assert [c.source.id for c in vorkuta.comparison.columns] == ["lituanus-2005", "russia-pictures"]
    assert len(vorkuta.columns.scroll_areas) == 2 and not vorkuta.collation_box.isEnabled()
    assert "passage:russia-pictures.p098" in vorkuta.columns.cell(_row(vorkuta, "commission"), 1).text()
    assert _aligned(vorkuta)
    boxes["lituanus-2005"].click()
    assert [c.source.id for c in vorkuta.comparison.columns] == ["russia-pictures"]
    boxes["russia-pictures"].click()  # the last account stays
    assert boxes["russia-pictures"].isChecked() and "At least one account" in vorkuta.message.text()


def test_an_event_with_a_single_account_opens_sensibly(qtbot: QtBot, service: CompareService) -> None:
    view = _view(qtbot, service, "ivanov-trial-1936")
    assert [c.source.id for c in view.comparison.columns] == ["isr-1963"]
    assert len(view.columns.scroll_areas) == 1
    cell = view.columns.cell(0, 0)
    assert "Other passages" in cell.text() and "passage:isr-1963.p032" in cell.text()
    assert not view.collation_box.isEnabled() and view.figures_model.rowCount() == 3
    assert "The camp trial of Vladimir Ivanov" in view.title.text()


def test_query_matches_are_marked(qtbot: QtBot, service: CompareService, search: SearchService) -> None:
    view = _view(qtbot, service, "vorkuta-1953", search.matcher_for("Derevyanko"))
    match = view.theme.match
    commission = view.columns.cell(_row(view, "commission"), 0).text()
    assert f'<span style="background-color:{match}">Derevianko</span>' in commission


def test_open_compare_opens_a_window_and_refuses_unknown_events(
    qtbot: QtBot, store: Store, search: SearchService
) -> None:
    view = open_compare(None, store, "vorkuta-1953", "Derevyanko", search)
    qtbot.addWidget(view)
    qtbot.waitExposed(view)
    assert view.isWindow() and "Vorkuta strike" in view.windowTitle()
    assert "background-color" in view.columns.cell(_row(view, "commission"), 0).text()
    with pytest.raises(UnknownEvent):
        open_compare(None, store, "no-such-event")


def test_item_models(qtmodeltester, vorkuta: CompareView) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(vorkuta.figures_model, FiguresModel) and isinstance(vorkuta.names_model, NamesModel)
    qtmodeltester.check(vorkuta.figures_model)
    qtmodeltester.check(vorkuta.names_model)
    names = vorkuta.names_model
    derevianko = next(r for r in range(names.rowCount()) if names.name_use(r).name.id == "derevianko")
    assert "Derevianko" in str(names.index(derevianko, 2).data()) and "Derevianko" in str(
        names.index(derevianko, 3).data()
    )


def test_a_dark_palette_gives_dark_columns(qtbot: QtBot, service: CompareService) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    dark = QPalette(before)
    for role, colour in ((QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#e6e6e6")):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    try:
        view = _view(qtbot, service, "vorkuta-1953")
        assert view.theme.dark and view.theme.base == "#1e1e1e"
        assert f"background-color: {view.theme.base}" in view.columns.styleSheet()
        assert "#ffffff" not in view.columns.styleSheet()
    finally:
        app.setPalette(before)
