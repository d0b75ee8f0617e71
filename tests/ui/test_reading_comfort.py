"""Reading comfort, as in an e-book viewer: Tab lands at the reading position, N goes from note to
note, focus is visible, the whole window scales, back and forward, an outline, notes that say what
'Ibid.' repeats and tooltips that go away."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from gulagreader.core.library import Library
from gulagreader.core.store import Store
from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.reader.markup import NOTE_SCHEME, note_texts
from gulagreader.ui.theme import theme_for
from gulagreader.ui.visible import grab
from tests.ui.conftest import type_query


def _open_hit(qtbot: QtBot, window: MainWindow, row: int = 0) -> None:
    window.panel.results_view.setFocus()
    window.panel.results_view.setCurrentIndex(window.panel.results_model.index(row, 0))
    qtbot.keyClick(window.panel.results_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.reader.source is not None)


def test_tab_into_the_page_lands_at_the_reading_position(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Derevyanko")
    _open_hit(qtbot, window, 2)
    reader = window.reader
    value = reader.page.verticalScrollBar().value()
    assert value > 0  # the hit is far into its source
    reader.page.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(reader.page.hasFocus)
    start, _ = reader.match_position(reader.current_match)
    assert reader.page.textCursor().position() == start  # not the first footnote marker at the top
    assert reader.page.verticalScrollBar().value() == value  # and the page did not move
    assert reader.page.tabChangesFocus()  # Tab leaves the page instead of walking ~70 note markers


def test_n_goes_from_footnote_to_footnote(qtbot: QtBot, window: MainWindow) -> None:
    window.open_passage("lituanus-2005.p020")
    reader = window.reader
    reader.page.setFocus()
    qtbot.waitUntil(reader.page.hasFocus)
    said: list[str] = []
    reader.status.connect(said.append)
    before = reader.page.textCursor().position()
    qtbot.keyClick(reader.page, Qt.Key.Key_N)
    first = reader.page.textCursor()
    assert first.hasSelection() and first.selectionStart() > before
    assert first.charFormat().anchorHref().startswith(f"{NOTE_SCHEME}:")
    assert said and said[-1].startswith("Note ")
    qtbot.keyClick(reader.page, Qt.Key.Key_N)
    assert reader.page.textCursor().selectionStart() > first.selectionStart()
    qtbot.keyClick(reader.page, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert reader.page.textCursor().selectionStart() == first.selectionStart()
    cursor = QTextCursor(reader.page.textCursor())
    rect = reader.page.cursorRect(cursor)
    assert reader.page.viewport().rect().contains(rect)


def test_a_note_tooltip_goes_when_the_pointer_leaves_the_marker(qtbot: QtBot, window: MainWindow) -> None:
    window.open_source("lituanus-2005")
    reader = window.reader
    note = next(iter(reader._notes))
    reader.page.highlighted.emit(QUrl(f"{NOTE_SCHEME}:{note}"))
    qtbot.waitUntil(QToolTip.isVisible)
    reader.page.highlighted.emit(QUrl())
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_ibid_notes_say_which_note_they_repeat(store: Store) -> None:
    texts = note_texts(Library(store).passages_of("lituanus-2005"))
    assert texts["lituanus-2005.n02"].startswith("2. Ibid., 15, 16. [Our note: 'Ibid.' repeats note 1: ")
    ibids = [t for t in texts.values() if t.split(". ", 1)[-1].startswith("Ibid")]
    assert ibids and all("[Our note: 'Ibid.' repeats note" in t for t in ibids)


def test_ctrl_plus_scales_the_whole_window(qtbot: QtBot, window: MainWindow) -> None:
    field, page = window.panel.search_field, window.reader.page
    before, reading = field.fontInfo().pointSizeF(), page.font().pointSize()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert page.font().pointSize() == reading + 2
    assert field.fontInfo().pointSizeF() > before
    assert window.panel.filter_bar.source_box.fontInfo().pointSizeF() > before
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert abs(field.fontInfo().pointSizeF() - before) < 0.6


def test_alt_left_and_right_go_back_and_forward(qtbot: QtBot, window: MainWindow) -> None:
    window.open_passage("isr-1963.p020")
    window.open_passage("lituanus-2005.p035")
    window.open_passage("goble-2018.p010")
    reader = window.reader
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert reader.source is not None and reader.source.id == "lituanus-2005"
    assert reader.current_passage() == "lituanus-2005.p035"
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert reader.source.id == "isr-1963"
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert reader.source.id == "goble-2018"
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # nothing further
    assert reader.source.id == "goble-2018" and "forward" in window.statusBar().currentMessage()


def test_the_outline_lists_the_headings_and_goes_to_one(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    window.open_source("lituanus-2005")
    reader = window.reader
    headings = [p for p in Library(store).passages_of("lituanus-2005") if p.kind == "heading"]
    actions = reader.outline_menu.actions()
    assert len(actions) == len(headings) > 3 and reader.outline_button.isEnabled()
    assert actions[-1].text().strip()[:20] == headings[-1].text[:20]
    actions[-1].trigger()
    cursor = reader.page.textCursor()
    assert reader.passage_at(cursor.position()) == headings[-1].id
    assert reader.page.viewport().rect().contains(reader.page.cursorRect(cursor))


def test_focus_is_visible_in_the_results_and_on_the_page(qtbot: QtBot, window: MainWindow) -> None:
    accent = QColor(theme_for(window.palette()).accent)
    type_query(qtbot, window, "Kengir")

    def accent_pixels(image: object) -> int:
        assert hasattr(image, "pixelColor")
        return sum(
            image.pixelColor(x, y) == accent for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
        )

    view = window.panel.results_view
    view.setCurrentIndex(window.panel.results_model.index(0, 0))
    window.panel.search_field.setFocus()
    QApplication.processEvents()
    unfocused = accent_pixels(grab(view.viewport()))
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.viewport().repaint()
    assert accent_pixels(grab(view.viewport())) > unfocused + 50
    window.reader.page.setFocus()
    qtbot.waitUntil(window.reader.page.hasFocus)
    assert accent.name() in window.reader.page.styleSheet()
