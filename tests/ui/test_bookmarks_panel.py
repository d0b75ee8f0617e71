"""The bookmarks panel over the real corpus: list, filter, sort, open at the text, edit, delete and undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gulagreader.core import paths
from gulagreader.core.bookmarks.model import Bookmark, TextPositionSelector, TextQuoteSelector, snap_to_words
from gulagreader.core.bookmarks.service import BookmarkService
from gulagreader.core.library import Library
from gulagreader.core.store import Store
from gulagreader.ui.bookmarks.model import BOOKMARK_ROLE, HTML_ROLE
from gulagreader.ui.bookmarks.panel import BookmarksPanel
from gulagreader.ui.main_window import MainWindow
from tests.ui.first_window import first_window_then


def _service(window: MainWindow) -> BookmarkService:
    service = window.bookmark_actions.service
    assert service is not None
    return service


def _panel(qtbot: QtBot, window: MainWindow) -> BookmarksPanel:
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    panel = window.bookmark_actions.panel
    assert panel is not None and window.bookmark_actions.dock.isVisible()
    return panel


@pytest.fixture
def kept(window: MainWindow) -> list[Bookmark]:
    """Three bookmarks: a selection in ISR, Derevyanko's passage in Lituanus (Vorkuta 1953), a Katyn caption."""
    service = _service(window)
    return [
        service.add("isr-1963.p012", 10, 50, note="The **Oppositionists**", tags=["trotskyists"]),
        service.add("lituanus-2005.p046", note="Derevyanko on the commission", tags=["commission", "vorkuta"]),
        service.add("russia-pictures.p042", tags=["vorkuta"]),
    ]


def test_ctrl_b_shows_every_bookmark_with_its_quote_source_event_note_tags_and_date(
    qtbot: QtBot, window: MainWindow, kept: list[Bookmark]
) -> None:
    panel = _panel(qtbot, window)
    assert panel.count_label.text() == "3 bookmarks"
    assert [b.id for b in panel.bookmarks()] == [b.id for b in reversed(kept)]  # newest first
    row = panel.model.row_of(kept[1].id)
    html = panel.model.index(row, 0).data(HTML_ROLE)
    assert "Baltic Prisoners of the Gulag Revolts of 1953" in html and "Vorkuta strike" in html
    assert "Derevyanko on the commission" in html and "commission" in html and kept[1].created[:10] in html
    isr = panel.model.index(panel.model.row_of(kept[0].id), 0).data(HTML_ROLE)
    assert "<b>Oppositionists</b>" in isr and "selection" in isr  # the note's Markdown, rendered
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not window.bookmark_actions.dock.isVisible()  # Ctrl+B again hides it


def test_filters_by_words_tag_source_and_event(qtbot: QtBot, window: MainWindow, kept: list[Bookmark]) -> None:
    panel = _panel(qtbot, window)
    qtbot.keyClicks(panel.filter_field, "derevyanko commission")
    assert [b.id for b in panel.bookmarks()] == [kept[1].id]
    assert panel.count_label.text() == "1 of 3 bookmarks"
    panel.filter_field.clear()
    panel.tag_box.setCurrentIndex(panel.tag_box.findData("vorkuta"))
    assert {b.id for b in panel.bookmarks()} == {kept[1].id, kept[2].id}
    panel.source_box.setCurrentIndex(panel.source_box.findData("russia-pictures"))
    assert [b.id for b in panel.bookmarks()] == [kept[2].id]
    panel.tag_box.setCurrentIndex(0)
    panel.source_box.setCurrentIndex(0)
    panel.event_box.setCurrentIndex(panel.event_box.findData("vorkuta-1953"))
    assert [b.id for b in panel.bookmarks()] == [kept[1].id]


def test_sorts_in_source_order(qtbot: QtBot, window: MainWindow, store: Store, kept: list[Bookmark]) -> None:
    panel = _panel(qtbot, window)
    panel.sort_box.setCurrentIndex(panel.sort_box.findData("source"))
    order = [s.id for s in Library(store).sources()]
    shown = [b.source_id for b in panel.bookmarks()]
    assert shown == sorted(shown, key=order.index) and shown != [b.source_id for b in reversed(kept)]


def test_enter_opens_a_bookmark_in_the_reader_with_its_text_marked(
    qtbot: QtBot, window: MainWindow, store: Store, kept: list[Bookmark]
) -> None:
    panel = _panel(qtbot, window)
    panel.select(kept[0].id)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.reader.source is not None and window.reader.source.id == "isr-1963"
    text = Library(store).passage("isr-1963.p012").text
    start, end = snap_to_words(text, 10, 50)  # the bookmark was made of 10:50, widened to whole words
    assert window.reader.marked_text() == text[start:end]
    panel.select(kept[1].id)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert window.reader.source.id == "lituanus-2005"
    whole = " ".join(Library(store).passage("lituanus-2005.p046").text.split())
    assert " ".join(window.reader.marked_text().replace("52", "", 1).split()) == whole  # its note label aside


def test_delete_then_undo_with_the_bar_and_with_ctrl_z(qtbot: QtBot, window: MainWindow, kept: list[Bookmark]) -> None:
    panel = _panel(qtbot, window)
    panel.select(kept[1].id)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert kept[1].id not in {b.id for b in panel.bookmarks()}
    assert kept[1].id not in {b.id for b in _service(window).find()}
    assert panel.undo_bar.isVisible() and panel.undo_label.text() == "Bookmark deleted."
    qtbot.waitUntil(lambda: panel.undo_button.height() > 0)  # laid out, as when a person clicks it
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert kept[1].id in {b.id for b in _service(window).find()}
    assert not panel.undo_bar.isVisible() and [b.id for b in panel.selected()] == [kept[1].id]
    panel.select(kept[0].id)
    panel.select(kept[2].id, clear=False)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert panel.undo_label.text() == "2 bookmarks deleted." and panel.model.rowCount() == 1
    assert window.bookmark_actions.undo_action.isEnabled()
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.model.rowCount() == 3 and not window.bookmark_actions.undo_action.isEnabled()


def test_edit_a_note_and_tags_later(qtbot: QtBot, window: MainWindow, kept: list[Bookmark]) -> None:
    panel = _panel(qtbot, window)
    panel.select(kept[2].id)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    dialog = panel.last_dialog
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "Edit bookmark"
    assert dialog.note() == "" and dialog.tags() == ("vorkuta",)
    dialog.note_edit.setPlainText("Katyn, as *the caption* puts it")
    dialog.tags_edit.setText("katyn; photos")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    edited = _service(window).get(kept[2].id)
    assert edited.note == "Katyn, as *the caption* puts it" and edited.tags == ("katyn", "photos")
    html = panel.model.index(panel.model.row_of(kept[2].id), 0).data(HTML_ROLE)
    assert "<i>the caption</i>" in html
    assert panel.tag_box.findData("photos") > 0


def test_an_orphaned_bookmark_is_shown_with_its_quote_and_never_dropped(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    lost = Bookmark(
        id="lost-one",
        passage_id="isr-1963.p999",  # a passage the corrected corpus dropped, with its text
        source_id="isr-1963",
        quote=TextQuoteSelector("a sentence the corrected corpus no longer has"),
        position=TextPositionSelector(0, 44),
        note="kept anyway",
        created="2024-05-01T10:00:00Z",
        updated="2024-05-01T10:00:00Z",
    )
    BookmarkService(store).import_bookmarks([lost])  # as from another window, before this one's first use
    panel = _panel(qtbot, window)
    [shown] = panel.bookmarks()
    assert shown.status == "orphaned"
    html = panel.model.index(0, 0).data(HTML_ROLE)
    assert "Orphaned" in html and "a sentence the corrected corpus no longer has" in html
    assert "orphaned" in panel.model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    panel.select("lost-one")
    panel.open_current()
    assert "keeps its quote" in window.statusBar().currentMessage()
    assert window.reader.marked_text() == ""


def test_a_damaged_bookmarks_file_is_set_aside_and_the_user_told(qtbot: QtBot, window: MainWindow) -> None:
    db = paths.data_dir() / "bookmarks.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    panel = _panel(qtbot, window)
    message = window.statusBar().currentMessage()
    assert "damaged" in message and "bookmarks-damaged-" in message
    assert panel.message.isVisible() and "damaged" in panel.message.text()
    assert any(p.name.startswith("bookmarks-damaged-") for p in db.parent.iterdir())
    assert panel.count_label.text().startswith("No bookmarks yet")


def test_the_bookmark_modules_are_not_loaded_at_start_up(built_store: Path, tmp_path: Path) -> None:
    lines = first_window_then(
        built_store,
        tmp_path / "base",
        "menu = {'gulagreader.ui.bookmarks', 'gulagreader.ui.bookmarks.actions'}\n"  # the menu's actions only
        "print(sorted(m for m in sys.modules if m == 'sqlite_utils' or 'history' in m\n"
        "             or ('bookmarks' in m and m not in menu)))\n"
        "w.bookmark_actions.toggle_panel()\n"
        "print('sqlite_utils' in sys.modules, w.bookmark_actions.panel is not None)\n",
    )
    assert lines == ["[]", "True True"]


def test_the_model_passes_qts_model_checks(
    qtbot: QtBot, qtmodeltester: ModelTester, window: MainWindow, kept: list[Bookmark]
) -> None:
    panel = _panel(qtbot, window)
    qtmodeltester.check(panel.model)
    assert panel.model.index(0, 0).data(BOOKMARK_ROLE) == kept[2]
