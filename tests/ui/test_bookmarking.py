"""Bookmarking from the reader, the search results and the compare view: Ctrl+D, the button, context menus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot

from gulagreader.core.bookmarks.model import snap_to_words
from gulagreader.core.library import Library
from gulagreader.core.store import Store
from gulagreader.ui.bookmarks.dialog import BookmarkDialog
from gulagreader.ui.main_window import MainWindow
from tests.ui.conftest import type_query

CTRL_D = (Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)


def _save(qtbot: QtBot, dialog: BookmarkDialog | None, note: str = "", tags: str = "") -> None:
    assert dialog is not None and dialog.isVisible()
    dialog.note_edit.clear()
    qtbot.keyClicks(dialog.note_edit, note)
    dialog.tags_edit.setText(tags)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _select(window: MainWindow, text: str) -> None:
    page = window.reader.page
    found = page.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(page.document())
    cursor.setPosition(found.selectionStart())
    cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    page.setTextCursor(cursor)


def _action(menu: QMenu, text: str) -> None:
    action = next((a for a in menu.actions() if a.text() == text), None)
    assert action is not None, [a.text() for a in menu.actions()]
    action.trigger()


def test_ctrl_d_bookmarks_the_selection_with_a_note_and_tags(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    text = Library(store).passage("isr-1963.p012").text
    window.open_passage("isr-1963.p012")
    start = text.index(" ", 10) + 3  # a drag from inside one word to inside another
    end = text.index(" ", start + 25) - 2
    _select(window, text[start:end])
    window.reader.page.setFocus()
    assert window.bookmark_actions.bookmark_button.text() == "☆ Bookmark"
    qtbot.keyClick(window.reader.page, *CTRL_D)
    dialog = window.bookmark_actions.last_dialog
    first, last = text.rindex(" ", 0, start) + 1, text.index(" ", end)  # widened to the whole words
    assert dialog is not None and text[first:last] in dialog.quote_label.text()
    assert "Trotskyists at Vorkuta" in dialog.where_label.text() and "selection" in dialog.where_label.text()
    _save(qtbot, dialog, "The *Oppositionists*", "trotskyists, 1927; Vorkuta")
    service = window.bookmark_actions.service
    assert service is not None
    [b] = service.find()
    assert (b.passage_id, b.position.start, b.position.end, b.whole_passage) == ("isr-1963.p012", first, last, False)
    assert b.quote.exact == text[first:last] and b.note == "The *Oppositionists*"
    assert b.tags == ("trotskyists, 1927", "Vorkuta")  # a semicolon separates; a comma stays in its tag
    assert "Bookmarked isr-1963.p012" in window.statusBar().currentMessage()
    button = window.bookmark_actions.bookmark_button
    assert button.text() == "★ Bookmarked" and button.accessibleName().startswith("Bookmarked")
    assert window.reader.marked_text() == text[first:last]  # and the page marks the kept words
    window.open_passage("isr-1963.p030")
    assert window.bookmark_actions.show_bookmarked_state() is False and button.text() == "☆ Bookmark"


def test_a_selection_across_a_footnote_marker_keeps_the_texts_offsets(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    text = Library(store).passage("lituanus-2005.p046").text  # note marker '52' at 520
    window.open_passage("lituanus-2005.p046")
    page_text = window.reader.page.document().toPlainText()
    start = page_text.index(text[480:520])
    cursor = QTextCursor(window.reader.page.document())
    cursor.setPosition(start)
    cursor.setPosition(start + 40 + len("52") + 40, QTextCursor.MoveMode.KeepAnchor)
    window.reader.page.setTextCursor(cursor)
    assert "52" in cursor.selectedText()
    assert window.reader.selection_span() == ("lituanus-2005.p046", 480, 560)


def test_without_a_selection_the_whole_passage_is_bookmarked_from_the_button(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    window.open_passage("isr-1963.p030")
    qtbot.mouseClick(window.bookmark_actions.bookmark_button, Qt.MouseButton.LeftButton)
    _save(qtbot, window.bookmark_actions.last_dialog)
    service = window.bookmark_actions.service
    assert service is not None
    [b] = service.find()
    assert b.passage_id == "isr-1963.p030" and b.whole_passage
    assert b.quote.exact == Library(store).passage("isr-1963.p030").text


def test_bookmarking_the_same_text_again_edits_its_bookmark(qtbot: QtBot, window: MainWindow) -> None:
    window.open_passage("isr-1963.p030")
    _save(qtbot, window.bookmark_actions.bookmark_current(), "first", "a")
    dialog = window.bookmark_actions.bookmark_current()
    assert dialog is not None and dialog.windowTitle() == "Edit bookmark"
    assert dialog.note() == "first" and dialog.tags() == ("a",)
    _save(qtbot, dialog, "second", "a; b")
    service = window.bookmark_actions.service
    assert service is not None
    assert [(b.note, b.tags) for b in service.find()] == [("second", ("a", "b"))]


def test_cancelling_the_dialog_keeps_nothing(qtbot: QtBot, window: MainWindow) -> None:
    window.open_passage("isr-1963.p030")
    dialog = window.bookmark_actions.bookmark_current()
    assert dialog is not None
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    service = window.bookmark_actions.service
    assert service is not None and service.find() == []


def test_ctrl_d_on_a_search_result_bookmarks_its_passage(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Kengir")
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Down)
    qtbot.waitUntil(window.panel.results_view.hasFocus)
    qtbot.keyClick(window.panel.results_view, *CTRL_D)
    _save(qtbot, window.bookmark_actions.last_dialog, tags="kengir")
    service = window.bookmark_actions.service
    assert service is not None
    assert [b.passage_id for b in service.find()] == [window.panel.results_model.hit(0).passage_id]


def test_a_search_hits_context_menu_bookmarks_it(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Derevyanko")
    hit = window.panel.results_model.hit(1)
    pos = window.panel.results_view.visualRect(window.panel.results_model.index(1, 0)).center()
    menu = window.event_actions.hit_menu(pos)
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    assert any(t.startswith("Other accounts of this event") for t in texts)  # the events entries stay
    _action(menu, "&Bookmark this passage…")
    _save(qtbot, window.bookmark_actions.last_dialog)
    service = window.bookmark_actions.service
    assert service is not None and [b.passage_id for b in service.find()] == [hit.passage_id]


def test_the_readers_context_menu_bookmarks_the_selection_or_the_passage(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    text = Library(store).passage("isr-1963.p012").text
    window.open_passage("isr-1963.p012")
    _select(window, text[100:140])
    page = window.reader.page
    menu = window.bookmark_actions.reader_menu(page.cursorRect(page.textCursor()).center())
    assert any("Copy" in a.text() for a in menu.actions())  # the usual entries stay
    _action(menu, "&Bookmark the selection…")
    _save(qtbot, window.bookmark_actions.last_dialog)
    page.setTextCursor(QTextCursor(page.document()))  # no selection: the passage under the mouse
    cursor = page.document().find(Library(store).passage("isr-1963.p013").text[:30])
    menu = window.bookmark_actions.reader_menu(page.cursorRect(cursor).center())
    _action(menu, "Bookmark this &passage…")
    _save(qtbot, window.bookmark_actions.last_dialog)
    service = window.bookmark_actions.service
    assert service is not None
    kept = sorted((b.passage_id, b.whole_passage) for b in service.find())
    assert kept == [("isr-1963.p012", False), ("isr-1963.p013", True)]


def test_a_selection_in_the_compare_view_is_bookmarked_with_ctrl_d(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    view = window.event_actions.compare("vorkuta-1953")
    assert view is not None
    qtbot.addWidget(view)
    qtbot.waitExposed(view)
    view.columns.sync_rows()
    row = next(r for r in range(len(view.comparison.rows)) if len(view.cell_passages(r, 0)) == 1)
    [passage_id] = view.cell_passages(row, 0)
    label = view.columns.cell(row, 0)
    text = Library(store).passage(passage_id).text
    doc = QTextDocument()
    doc.setHtml(label.text())
    at = doc.toPlainText().index(text[:30])
    label.setSelection(at, 30)
    label.setFocus()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    assert view.chosen_passages() == ((passage_id,), text[:30])
    qtbot.keyClick(label, *CTRL_D)
    dialog = window.bookmark_actions.last_dialog
    assert dialog is not None and dialog.parent() is view
    _save(qtbot, dialog, "from the compare view")
    service = window.bookmark_actions.service
    assert service is not None
    [b] = service.find()
    assert (b.passage_id, b.position.start, b.position.end) == (passage_id, *snap_to_words(text, 0, 30))


def test_a_compare_cells_context_menu_bookmarks_and_cites_its_passages(qtbot: QtBot, window: MainWindow) -> None:
    view = window.event_actions.compare("vorkuta-1953")
    assert view is not None
    qtbot.addWidget(view)
    row = next(r for r in range(len(view.comparison.rows)) if view.cell_passages(r, 1))
    ids = view.cell_passages(row, 1)
    menu = view.cell_menu(row, 1)
    texts = [a.text() for a in menu.actions()]
    assert f"Read {ids[0]} in context" in texts
    assert any(t.startswith("Copy citation: Chicago") for t in texts)
    _action(menu, f"Bookmark {ids[0]}…")
    _save(qtbot, window.bookmark_actions.last_dialog)
    service = window.bookmark_actions.service
    assert service is not None and [b.passage_id for b in service.find()] == [ids[0]]


def test_with_nothing_open_ctrl_d_says_what_to_do(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.panel.search_field, *CTRL_D)
    assert window.bookmark_actions.last_dialog is None
    assert "Open a passage" in window.statusBar().currentMessage()
