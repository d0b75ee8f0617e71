"""The Names view over the real store: the list on screen, an entry, its passages, and the way in from a hit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from gulagreader.core.store import Store
from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.names_view import NamesView
from tests.ui.conftest import type_query


@pytest.fixture
def names(qtbot: QtBot, store: Store) -> NamesView:
    view = NamesView(store)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


def _visible_rows(view: NamesView) -> list[str]:
    viewport = view.names.viewport().rect()
    return [
        view.names.item(row).text()
        for row in range(view.names.count())
        if view.names.visualItemRect(view.names.item(row)).intersects(viewport)
    ]


def test_the_names_are_laid_out_and_painted(names: NamesView, store: Store) -> None:
    rows = _visible_rows(names)
    assert len(rows) > 10
    assert names.names.count() == len(store.db.names())
    image = names.names.viewport().grab().toImage()
    assert len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}) > 2


def test_a_filter_in_cyrillic_or_any_romanisation_and_a_kind(qtbot: QtBot, names: NamesView) -> None:
    names.filter.setText("Норильск")
    assert any(r.startswith("Norilsk") for r in _visible_rows(names))
    names.filter.setText("Workuta")
    assert any(r.startswith("Vorkuta") for r in _visible_rows(names))
    names.filter.clear()
    names.kind.setCurrentIndex(3)  # camps
    assert names.names.count() and all("—  camp," in r for r in _visible_rows(names))


def test_an_entry_shows_the_cyrillic_as_ours_the_printed_spellings_and_opens_a_passage(
    qtbot: QtBot, names: NamesView
) -> None:
    assert names.show_name("chibyu")
    text = names.entry.toPlainText()
    assert "Чибью" in text and "Cyrillic — ours" in text
    assert "Tchibiou" in text and "French" in text  # the romanisation key of the ISR text's spelling
    assert "isr-1963." in text
    with qtbot.waitSignal(names.open_passage) as opened:
        names.entry.anchorClicked.emit(QUrl("passage:isr-1963.p014"))
    assert opened.args == ["isr-1963.p014"]


def test_from_a_hit_a_name_opens_its_entry(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Derevianko")
    view = window.panel.results_view
    pos = view.visualRect(view.model().index(0, 0)).center()
    menu = window.event_actions.hit_menu(pos)
    assert menu is not None
    entries = [a for a in menu.actions() if a.text().startswith("Name: ")]
    assert any("Derevyanko" in a.text() for a in entries)
    next(a for a in entries if "Derevyanko" in a.text()).trigger()
    shown = window.event_actions.names_view
    assert shown is not None and shown.isVisible() and shown.current_id() == "derevianko"
    assert "Кузьма Деревянко" in shown.entry.toPlainText()


def test_the_exact_spelling_switch(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Workuty")
    assert window.panel.results_model.rowCount() > 0
    assert "near spellings" in window.panel.message_label.text() and window.panel.message_label.isVisible()
    box = window.panel.filter_bar.exact_box
    assert box.isVisible() and box.accessibleName() == "Exact spelling"
    box.setChecked(True)
    qtbot.waitUntil(lambda: window.panel.results_model.rowCount() == 0)
    qtbot.waitUntil(window.panel.suggestion_button.isVisible)
    assert "Workuta" in window.panel.suggestion_button.text()


def test_from_the_passage_being_read_a_name_opens_its_entry(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    passage_id = next(p for p, s in store.db.name_passages("chibyu"))
    window.open_passage(passage_id)
    page = window.reader.page
    text = store.db.passages([passage_id])[passage_id].text
    cursor = page.document().find(text[:30])
    menu = window.bookmark_actions.reader_menu(page.cursorRect(cursor).center())
    entry = next(a for a in menu.actions() if a.text() == "Name: Chibyu")
    entry.trigger()
    shown = window.event_actions.names_view
    assert shown is not None and shown.current_id() == "chibyu" and "Чибью" in shown.entry.toPlainText()
