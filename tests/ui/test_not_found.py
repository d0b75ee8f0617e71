"""A passage that is not in the corpus is told as missing; a store that cannot be read, as damaged."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from gulagreader.core.bookmarks.model import Bookmark, TextPositionSelector, TextQuoteSelector
from gulagreader.core.store import Store
from gulagreader.ui.main_window import MainWindow
from tests.core.test_store_faults import damaged_while_reading


def _bookmark(passage_id: str) -> Bookmark:
    return Bookmark(
        id="b1",
        passage_id=passage_id,
        source_id=passage_id.rsplit(".", 1)[0],
        quote=TextQuoteSelector("words"),
        position=TextPositionSelector(0, 5),
    )


def _window(qtbot: QtBot, store: Store) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.attach(store)
    return win


def test_a_bookmark_of_a_passage_gone_from_the_corpus_says_so(qtbot: QtBot, store: Store) -> None:
    win = _window(qtbot, store)
    win.bookmark_actions.open_bookmark(_bookmark("isr-1963.p99999"))
    assert "isr-1963.p99999 is no longer in the corpus" in win.statusBar().currentMessage()


def test_a_store_damaged_while_reading_is_not_reported_as_a_missing_passage(qtbot: QtBot, corpus_copy: Path) -> None:
    store, passage_id = damaged_while_reading(corpus_copy)
    win = _window(qtbot, store)
    win.bookmark_actions.open_bookmark(_bookmark(passage_id))
    message = win.statusBar().currentMessage()
    assert "damaged" in message and "rebuilt at the next start" in message
    assert "no longer in the corpus" not in message
