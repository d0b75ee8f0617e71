"""The bookmarks dock beside the reader: the reader keeps its width and title; export and undo say what they act on."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from gulagreader.core.bookmarks.model import Bookmark
from gulagreader.core.bookmarks.service import BookmarkService
from gulagreader.core.library import Library
from gulagreader.core.store import Store
from gulagreader.ui.bookmarks.panel import BookmarksPanel
from gulagreader.ui.main_window import MainWindow


def _service(window: MainWindow) -> BookmarkService:
    service = window.bookmark_actions.service
    assert service is not None
    return service


def _panel(window: MainWindow) -> BookmarksPanel:
    window.bookmark_actions.toggle_panel()
    panel = window.bookmark_actions.panel
    assert panel is not None and window.bookmark_actions.dock.isVisible()
    return panel


@pytest.fixture
def kept(window: MainWindow) -> list[Bookmark]:
    service = _service(window)
    return [
        service.add("isr-1963.p012", 10, 50, note="a selection"),
        service.add("lituanus-2005.p046", tags=["commission"]),
        service.add("russia-pictures.p042", tags=["vorkuta"]),
    ]


def test_export_selected_is_offered_only_with_a_selection(
    qtbot: QtBot, window: MainWindow, kept: list[Bookmark]
) -> None:
    panel = _panel(window)
    panel.view.clearSelection()
    menu = panel.export_button.menu()
    assert menu is not None
    menu.aboutToShow.emit()
    assert not panel.export_actions["selected"].isEnabled()
    assert panel.export_actions["all"].isEnabled() and panel.export_actions["shown"].isEnabled()
    panel.select(kept[0].id)
    assert panel.export_actions["selected"].isEnabled()
    panel.filter_field.setText("no bookmark says this")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert not panel.export_actions["shown"].isEnabled() and not panel.export_actions["selected"].isEnabled()


def test_undoing_one_deletion_speaks_of_one_bookmark(qtbot: QtBot, window: MainWindow, kept: list[Bookmark]) -> None:
    panel = _panel(window)
    bar = window.statusBar()
    panel.select(kept[1].id)
    panel.delete_selected()
    window.bookmark_actions.undo_delete()
    assert bar.currentMessage() == "The deleted bookmark is back."
    panel.select(kept[0].id)
    panel.select(kept[2].id, clear=False)
    panel.delete_selected()
    window.bookmark_actions.undo_delete()
    assert bar.currentMessage() == "The 2 deleted bookmarks are back."


def test_with_the_bookmarks_open_the_reader_keeps_its_width_and_title(
    qtbot: QtBot, window: MainWindow, store: Store, kept: list[Bookmark]
) -> None:
    library = Library(store)
    window.open_passage(kept[1].passage_id)
    _panel(window)
    dock = window.bookmark_actions.dock
    qtbot.waitUntil(lambda: dock.width() > 0 and window.reader.width() > 0)
    reader, title = window.reader, window.reader.title
    assert reader.width() >= 0.4 * window.width(), (reader.width(), dock.width(), window.width())
    assert reader.width() > dock.width()
    # the dock takes a fair share, and can be made narrow: its buttons wrap rather than hold it wide
    assert dock.width() <= max(dock.minimumSizeHint().width(), 0.26 * window.width()), (dock.width(), window.width())
    assert dock.minimumSizeHint().width() <= 280
    checked = 0
    for source in library.sources():
        window.open_passage(library.passages_of(source.id)[0].id)
        qtbot.waitUntil(lambda s=source: title.text() == s.title)  # type: ignore[misc]
        advance = title.fontMetrics().horizontalAdvance(title.text())
        if advance <= 0.35 * window.width():  # a title of up to a third of the window is never cut
            assert advance <= title.contentsRect().width(), (source.title, advance, title.contentsRect().width())
            checked += 1
    assert checked >= 2
    grabbed = reader.grab().toImage()
    assert not grabbed.isNull() and grabbed.width() == reader.width()
