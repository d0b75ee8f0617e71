"""A kiosk visit: home, suggested searches, the on-screen keyboard, reading, comparing, 'My passages' with
its QR code, type size — and not one file written while a visitor uses it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from gulagreader.core.store import Store
from gulagreader.ui.kiosk.visit import COMPARE_PAGE, HOME_PAGE, PASSAGES_PAGE, READ_PAGE, Visit
from gulagreader.ui.kiosk.window import KioskWindow
from tests.ui.kiosk_support import kiosk_window, snapshot, visit_of


def _key(kiosk: KioskWindow, char: str) -> QPushButton:
    return next(k for k in kiosk.keyboard.keys if k.property("char") == char)


def _read_first_hit(qtbot: QtBot, visit: Visit, query: str) -> None:
    visit.search_for(query)
    qtbot.waitUntil(lambda: visit.shown_query == query and visit.panel.results_model.rowCount() > 0)
    first_row = QPoint(40, 20)  # rows are laid out a few at a time after the results arrive
    qtbot.waitUntil(lambda: visit.panel.results_view.indexAt(first_row).isValid())
    qtbot.mouseClick(visit.panel.results_view.viewport(), Qt.MouseButton.LeftButton, pos=first_row)
    qtbot.waitUntil(lambda: visit.reader.source is not None)


def test_home_offers_suggested_searches_and_the_timeline(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store, suggested_searches=("Norilsk", "hunger strike")) as kiosk:
        visit = visit_of(kiosk)
        assert visit.page == HOME_PAGE
        assert [b.text() for b in visit.home.suggestions.buttons] == ["Norilsk", "hunger strike"]
        assert visit.home.timeline.model.rowCount() > 10
        qtbot.mouseClick(visit.home.suggestions.buttons[1], Qt.MouseButton.LeftButton)
        assert visit.page == READ_PAGE
        qtbot.waitUntil(lambda: visit.shown_query == "hunger strike")
        assert visit.panel.results_model.rowCount() > 0
        qtbot.keyClick(visit.search_field, Qt.Key.Key_Return)  # Return reads the first hit
        assert visit.reader.source is not None and visit.reader.match_count > 0


def test_choosing_an_event_opens_its_accounts_inside_the_kiosk(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store) as kiosk:
        visit = visit_of(kiosk)
        row = visit.home.timeline.model.row_of("vorkuta-1953")
        index = visit.home.timeline.model.index(row, 0)
        visit.home.timeline.list.scrollTo(index)
        rect = visit.home.timeline.list.visualRect(index)
        qtbot.mouseClick(visit.home.timeline.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert visit.page == COMPARE_PAGE and visit.compare_view is not None
        assert visit.compare_view.window() is kiosk and visit.back_button.isVisible()
        visit.back_button.click()
        assert visit.page == HOME_PAGE and not visit.back_button.isVisible()


def test_the_on_screen_keyboard_types_into_the_search(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store) as kiosk:
        visit = visit_of(kiosk)
        assert not kiosk.keyboard.isVisible()  # until a field is touched
        qtbot.mouseClick(visit.search_field, Qt.MouseButton.LeftButton)
        assert kiosk.keyboard.isVisible()
        for char in "kengirr":
            qtbot.mouseClick(_key(kiosk, char), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(kiosk.keyboard.backspace, Qt.MouseButton.LeftButton)
        assert visit.search_field.text() == "kengir" and visit.search_field.hasFocus()
        qtbot.waitUntil(lambda: visit.shown_query == "kengir" and visit.panel.results_model.rowCount() > 0)
        assert visit.page == READ_PAGE
        qtbot.mouseClick(kiosk.keyboard.shift_key, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(_key(kiosk, "K"), Qt.MouseButton.LeftButton)  # one capital, then small letters again
        assert visit.search_field.text() == "kengirK" and _key(kiosk, "k").isVisible()
        qtbot.mouseClick(kiosk.keyboard.clear_key, Qt.MouseButton.LeftButton)
        assert visit.search_field.text() == ""
        qtbot.mouseClick(kiosk.keyboard.hide_key, Qt.MouseButton.LeftButton)
        assert not kiosk.keyboard.isVisible()


def test_kept_passages_get_a_qr_code_of_their_citations(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store) as kiosk:
        visit = visit_of(kiosk)
        assert not visit.keep_button.isEnabled()
        _read_first_hit(qtbot, visit, "Derevyanko")
        visit.keep_button.click()
        visit.keep_button.click()  # twice: kept once
        visit.open_passage("isr-1963.p005")
        visit.keep_button.click()
        assert [k.passage_id for k in visit.kept][1] == "isr-1963.p005" and len(visit.kept) == 2
        assert visit.passages_button.text() == "My passages (2)"
        visit.passages_button.click()
        page = visit.passages_page
        assert visit.page == PASSAGES_PAGE and page.shown == [k.passage_id for k in visit.kept]
        code = page.qr.code
        assert code is not None and code.passages == 2 and "(1963): para. 5." in code.text
        assert page.qr_box.isVisible()
        page.removed.emit(visit.kept[0].passage_id)
        assert page.shown == ["isr-1963.p005"]
        page.clear_button.click()
        assert visit.kept == [] and page.shown == [] and not page.qr_box.isVisible()


def test_the_site_may_start_on_an_event_and_go_without_a_qr_code(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store, start_screen="event:vorkuta-1953", qr_code=False) as kiosk:
        visit = visit_of(kiosk)
        assert visit.page == COMPARE_PAGE and not visit.back_button.isVisible()
        visit.open_passage("lituanus-2005.p031")
        visit.keep_current()
        visit.show_passages()
        assert visit.passages_page.shown == ["lituanus-2005.p031"] and not visit.passages_page.qr_box.isVisible()
        visit.home_button.click()
        assert visit.page == COMPARE_PAGE


def test_type_size_buttons(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store) as kiosk:
        visit = visit_of(kiosk)
        visit.open_passage("lituanus-2005.p031")

        def reading() -> int:
            return QFontInfo(visit.reader.page.font()).pixelSize()

        def controls() -> int:
            return QFontInfo(visit.home_button.font()).pixelSize()

        start_reading, start_controls = reading(), controls()
        assert start_reading > start_controls >= 18  # large type
        visit.larger_button.click()
        visit.larger_button.click()
        assert reading() == start_reading + 6 and controls() == start_controls + 4
        for _ in range(10):
            visit.smaller_button.click()
        assert not visit.smaller_button.isEnabled() and reading() < start_reading


def test_a_visit_writes_nothing_to_disk(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    with kiosk_window(qtbot, store) as kiosk:
        before, store_before = snapshot(tmp_path), snapshot(store.folder)
        visit = visit_of(kiosk)
        qtbot.mouseClick(visit.search_field, Qt.MouseButton.LeftButton)
        for char in "vorkuta":
            qtbot.mouseClick(_key(kiosk, char), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: visit.shown_query == "vorkuta")
        sources = visit.panel.filter_bar.source_box
        sources.setCurrentIndex(sources.findData("lituanus-2005"))
        _read_first_hit(qtbot, visit, "Vorkuta strike")
        visit.keep_button.click()
        visit.larger_button.click()
        visit.compare_button.click()
        assert visit.page == COMPARE_PAGE
        visit.passages_button.click()
        assert visit.passages_page.qr.code is not None
        kiosk.end_visit()
        visit = visit_of(kiosk)
        _read_first_hit(qtbot, visit, "hunger strike")
        assert snapshot(tmp_path) == before, "a file in the user folders was created or changed"
        assert snapshot(store.folder) == store_before
        names = {p.name for p in tmp_path.rglob("*")}
        assert not names & {"reader.ini", "bookmarks.db", "settings.toml"}


def test_return_goes_on_through_the_matches_until_a_new_search_closes_the_passage(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store) as kiosk:
        visit = visit_of(kiosk)
        visit.search_for("Vorkuta", open_best=False)
        qtbot.waitUntil(lambda: visit.shown_query == "Vorkuta" and visit.panel.results_model.rowCount() > 0)
        qtbot.keyClick(visit.search_field, Qt.Key.Key_Return)  # Return reads the first hit
        assert visit.reading.is_open and visit.keep_button.isEnabled() and visit.reader.match_count > 1
        first = visit.reader.current_match
        qtbot.keyClick(visit.search_field, Qt.Key.Key_Return)  # and then goes on to the next match in it
        assert visit.reader.current_match != first and visit.reading.is_open
        qtbot.keyClicks(visit.search_field, " strike")  # a new search: the passage closes
        assert not visit.reading.is_open and not visit.keep_button.isEnabled()
        qtbot.waitUntil(lambda: visit.shown_query == "Vorkuta strike")
        best = visit.panel.results_model.hit(0)
        qtbot.keyClick(visit.search_field, Qt.Key.Key_Return)  # the new search's first hit, not the old matches
        assert visit.reading.is_open and visit.reader.source is not None
        assert visit.reader.source.id == best.source_id and visit.reading.query == "Vorkuta strike"
