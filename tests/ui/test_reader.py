"""The reader pane: a hit opens its whole source at the passage, every match marked, F3 moves."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from gulagreader.core.highlight import highlights
from gulagreader.core.library import Library
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store
from gulagreader.ui.main_window import MainWindow
from tests.ui.conftest import type_query


def _visible(window: MainWindow, index: int) -> bool:
    cursor = QTextCursor(window.reader.page.document())
    cursor.setPosition(window.reader.match_position(index)[0])
    rect = window.reader.page.cursorRect(cursor)
    return rect.top() >= 0 and rect.bottom() <= window.reader.page.viewport().height()


def test_clicking_a_hit_opens_the_source_at_it_with_every_match(
    qtbot: QtBot, window: MainWindow, store: Store, search: SearchService
) -> None:
    type_query(qtbot, window, "Derevyanko")
    model = window.panel.results_model
    row = next(r for r in range(model.rowCount()) if model.hit(r).source_id == "lituanus-2005")
    hit = model.hit(row)
    window.panel.results_view.scrollTo(window.panel.results_model.index(row, 0))
    rect = window.panel.results_view.visualRect(window.panel.results_model.index(row, 0))
    qtbot.mouseClick(window.panel.results_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.reader.source is not None)
    reader = window.reader
    assert reader.source is not None and reader.source.id == hit.source_id
    matcher = search.matcher_for("Derevyanko")
    expected = sum(len(highlights(p.text, matcher)) for p in Library(store).passages_of(hit.source_id))
    assert reader.match_count == expected > 1
    assert reader.match_passage(reader.current_match) == hit.passage_id
    assert reader.counter.text() == f"{reader.current_match + 1} of {expected}"
    assert _visible(window, reader.current_match)
    selection = reader.page.extraSelections()[0]
    current = selection.cursor.selectedText()
    assert current.lower() in {"derevianko", "derevyanko"}  # the whole word is the current match


def test_f3_and_shift_f3_move_between_matches(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Derevyanko")
    window.open_source("lituanus-2005")
    reader = window.reader
    total = reader.match_count
    assert reader.counter.text() == f"1 of {total}"
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_F3)
    assert reader.counter.text() == f"2 of {total}"
    assert _visible(window, 1)
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert reader.counter.text() == f"{total} of {total}"
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Return)
    assert reader.counter.text() == f"1 of {total}"


def test_footnotes_banners_and_structure(window: MainWindow) -> None:
    window.open_passage("lituanus-2005.p032")
    reader = window.reader
    text = reader.page.toPlainText()
    assert "Content note: Our note: 'the head of Rechlag Kuzma' is as printed" in text
    assert "Provenance: The author is not named in this text" in text
    assert reader.note_text(QUrl("note:lituanus-2005.n01")).startswith("1. Yevheny Hrytsiak")
    assert 'href="note:lituanus-2005.n01"' in reader.page.toHtml()
    window.open_source("russia-pictures")
    assert "[image not in corpus] " in reader.page.toPlainText()
    window.open_source("isr-1963")
    assert "in front of this tomb,\u2028So that Stalin" in reader.page.document().toRawText()  # one verse block
    assert "1. Abrogation of the illegal decision" in reader.page.toPlainText()
    assert reader.counter.text() == ""


def test_an_event_on_the_home_page_opens_its_first_account(window: MainWindow) -> None:
    window.panel.home.anchorClicked.emit(QUrl("passage:lituanus-2005.p007"))
    assert window.reader.source is not None and window.reader.source.id == "lituanus-2005"
    window.panel.home.anchorClicked.emit(QUrl("source:isr-1963"))
    assert window.reader.source.id == "isr-1963"
    assert "International Socialist Review" in window.source_panel.toPlainText()
    assert "Publication chain" in window.source_panel.toPlainText()


def test_the_source_panel_links_other_accounts_of_the_passages_event(qtbot: QtBot, window: MainWindow) -> None:
    window.open_passage("lituanus-2005.p046")
    panel = window.source_panel.toPlainText()
    assert "This passage tells of: Vorkuta strike" in panel
    assert "Other accounts of this event:" in panel and "The gulag uprising at Vorkuta, 1953" in panel
    assert "Communist Russia in pictures" in panel
    html = window.source_panel.toHtml()
    link = next(a for a in html.split('href="')[1:] if a.startswith("passage:newsletters-2003"))
    window.source_panel.anchorClicked.emit(QUrl(link.split('"')[0]))
    assert window.reader.source is not None and window.reader.source.id == "newsletters-2003"


def test_opening_the_source_panel_keeps_the_current_match_in_place(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Derevyanko")
    window.open_passage("lituanus-2005.p032")
    reader = window.reader

    def top() -> int:
        cursor = QTextCursor(reader.page.document())
        cursor.setPosition(reader.match_position(reader.current_match)[0])
        return reader.page.cursorRect(cursor).top()

    before, width = top(), reader.page.width()
    assert _visible(window, reader.current_match)
    window.source_dock.show()
    qtbot.waitUntil(lambda: reader.page.width() < width - 100)  # narrower: the text reflows
    assert _visible(window, reader.current_match)
    assert abs(top() - before) < 30
