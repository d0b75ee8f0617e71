"""The compare view's Names table sorts by a clicked column and filters by what is typed, on screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from gulagreader.core.compare import CompareService
from gulagreader.core.store import Store
from gulagreader.ui.compare.tables import SORT_ROLE
from gulagreader.ui.compare.view import NAMES_TAB, CompareView


def _names_view(qtbot: QtBot, store: Store, event_id: str = "vorkuta-1953") -> CompareView:
    view = CompareView(CompareService(store), event_id)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    qtbot.waitExposed(view)
    view.tabs.setCurrentIndex(NAMES_TAB)
    qtbot.waitUntil(view.names_table.isVisible)
    return view


def _column(view: CompareView, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[object]:
    model = view.names_table.model()
    return [model.index(r, column).data(role) for r in range(model.rowCount())]


def _click_header(qtbot: QtBot, view: CompareView, section: int) -> None:
    header = view.names_table.horizontalHeader()
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def _first_rows_on_screen(view: CompareView, count: int) -> list[str]:
    table = view.names_table
    model = table.model()
    shown = []
    for r in range(model.rowCount()):
        rect = table.visualRect(model.index(r, 0))
        if rect.isValid() and table.viewport().rect().intersects(rect):
            shown.append(str(model.index(r, 0).data()))
        if len(shown) == count:
            break
    return shown


def test_clicking_a_header_sorts_the_names(qtbot: QtBot, store: Store) -> None:
    view = _names_view(qtbot, store)
    names = [str(n) for n in _column(view, 0)]
    assert len(names) > 20
    assert [n.casefold() for n in names] == sorted(n.casefold() for n in names)  # A–Z at first
    _click_header(qtbot, view, 0)
    names = [str(n) for n in _column(view, 0)]
    assert [n.casefold() for n in names] == sorted((n.casefold() for n in names), reverse=True)
    assert _first_rows_on_screen(view, 3) == names[:3]  # the view shows the new order from its top
    for section in range(2, view.names_table.model().columnCount()):  # an account: by how often it names each
        _click_header(qtbot, view, section)
        _click_header(qtbot, view, section) if view.names_table.horizontalHeader().sortIndicatorOrder() == (
            Qt.SortOrder.AscendingOrder
        ) else None
        counts = [int(str(c)) for c in _column(view, section, SORT_ROLE)]
        assert counts == sorted(counts, reverse=True) and counts[0] > 0
        top = str(view.names_table.model().index(0, section).data())
        assert "×" in top
    _click_header(qtbot, view, 1)
    kinds = [str(k) for k in _column(view, 1)]
    assert kinds == sorted(kinds) or kinds == sorted(kinds, reverse=True)
    view.close()


def test_typing_filters_the_names(qtbot: QtBot, store: Store) -> None:
    view = _names_view(qtbot, store)
    total = view.names_table.model().rowCount()
    qtbot.keyClicks(view.names_filter, "derev")
    model = view.names_table.model()
    assert 0 < model.rowCount() < total
    for r in range(model.rowCount()):
        cells = [str(model.index(r, c).data()).casefold() for c in range(model.columnCount())]
        assert any("derev" in c for c in cells)
    assert _first_rows_on_screen(view, 1) == [str(model.index(0, 0).data())]
    assert view.names_filter.isVisible() and view.names_filter.accessibleName()
    view.names_filter.clear()
    assert model.rowCount() == total
    qtbot.keyClicks(view.names_filter, "no such name at all")
    assert model.rowCount() == 0
    view.close()
