"""The search panel and the filter bar in their desk and touch forms (the kiosk asks for the touch one)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStyledItemDelegate, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from gulagreader.core.library import Library
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store
from gulagreader.ui.search.panel import SearchPanel


def _shown(qtbot: QtBot, store: Store, search: SearchService, **form: bool) -> tuple[QWidget, SearchPanel]:
    holder = QWidget()
    qtbot.addWidget(holder)
    panel = SearchPanel(holder, **form)
    column = QVBoxLayout(holder)
    if panel.layout().indexOf(panel.search_field) < 0:
        column.addWidget(panel.search_field)  # the owner places the field (the kiosk: in its top bar)
    column.addWidget(panel)
    panel.attach(search, Library(store))
    holder.resize(700, 700)
    holder.show()
    qtbot.waitExposed(holder)
    return holder, panel


def _labels(panel: SearchPanel) -> list[str]:
    return sorted(label.text() for label in panel.findChildren(QLabel) if label.isVisible() and label.text())


def test_the_desk_form_has_every_filter_labelled_and_the_concordance(
    qtbot: QtBot, store: Store, search: SearchService
) -> None:
    _, panel = _shown(qtbot, store, search)
    bar = panel.filter_bar
    assert panel.search_field.isVisible() and panel.search_field.parent() is panel
    assert all(w.isVisible() for w in (bar.year_from, bar.year_to, bar.exact_box, *bar.boxes()))
    assert _labels(panel) == ["&Genre", "&Order", "&Source", "&Years", "E&vent", "to"]
    panel.search_field.setText("Vorkuta")
    qtbot.waitUntil(lambda: panel.shown_query == "Vorkuta")
    assert panel.tabs.tabBar().isVisible() and panel.results_view.isVisible()


def test_the_touch_form_has_boxes_a_finger_can_use_and_no_concordance(
    qtbot: QtBot, store: Store, search: SearchService
) -> None:
    holder, panel = _shown(qtbot, store, search, touch=True, place_field=False)
    bar = panel.filter_bar
    assert panel.layout().indexOf(panel.search_field) == -1  # left for the owner to place
    assert panel.search_field.parent() is holder and panel.search_field.isVisible()
    assert all(box.isVisible() for box in bar.boxes())
    assert not any(w.isVisible() for w in (bar.year_from, bar.year_to, bar.exact_box))
    assert _labels(panel) == []  # each box says what it holds
    assert bar.source_box.currentText() == "All sources" and bar.sort_box.currentText() == "Best match first"
    assert all(isinstance(box.itemDelegate(), QStyledItemDelegate) for box in bar.boxes())
    panel.search_field.setText("Vorkuta")
    qtbot.waitUntil(lambda: panel.shown_query == "Vorkuta")
    assert not panel.tabs.tabBar().isVisible() and panel.results_view.isVisible()
    assert panel.results_model.rowCount() > 0
