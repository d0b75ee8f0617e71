"""A repaired bookmarks file is told across the top of the window at every start, until dismissed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gulagreader.core.bookmarks import repair as bookmarks_repair
from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.store import Store
from gulagreader.ui.main_window import MainWindow


def _open(qtbot: QtBot, store: Store) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.attach(store)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_notice_shows_every_start_until_dismissed(qtbot: QtBot, store: Store) -> None:
    path = bookmarks_repair.user_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"<b>not a database</b>" * 300)
    BookmarksDB(path).close()  # an earlier start repaired it (a command, say)
    win: MainWindow | None = None
    for _ in range(2):  # told at each start
        if win is not None:
            win.close()
        win = _open(qtbot, store)
        bar = win.repair_bar
        assert bar is not None
        qtbot.waitUntil(lambda b=bar: b.isVisible() and b.label.isVisible())
        assert "bookmarks-damaged-" in bar.label.text() and "was damaged" in bar.label.text()
        assert bar.label.visibleRegion().boundingRect().width() > 200  # laid out, not squeezed away
        image = bar.grab().toImage()
        assert len({image.pixel(x, image.height() // 2) for x in range(0, image.width(), 3)}) > 2
    bar.dismiss_button.click()
    qtbot.waitUntil(lambda: not bar.isVisible())
    assert bookmarks_repair.pending_notices(path) == []
    assert win is not None
    win.close()
    assert _open(qtbot, store).repair_bar is None
    assert list(path.parent.glob("bookmarks-damaged-*.db"))  # the original stays
