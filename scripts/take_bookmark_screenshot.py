"""Save a screenshot of the bookmarks panel beside the reader to docs/screenshots/ (run under Xvfb).

    Xvfb :99 -screen 0 1280x800x24 -nolisten tcp &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/take_bookmark_screenshot.py

Everything (store, settings, bookmarks) goes to a temporary folder. The bookmarks are made here:
a selection with a note, a whole passage, and one whose text a corrected corpus no longer has.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from gulagreader.core import paths
from gulagreader.core.bookmarks.model import Bookmark, TextPositionSelector, TextQuoteSelector
from gulagreader.core.bookmarks.service import BookmarkService
from gulagreader.core.library import Library
from gulagreader.core.store import open_store
from gulagreader.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def make_bookmarks(service: BookmarkService, library: Library) -> Bookmark:
    """A few bookmarks a researcher might keep; returns the one the reader opens."""
    service.import_bookmarks(
        [
            Bookmark(
                id="c7d1d5a2-0000-4000-8000-000000000001",
                passage_id="isr-1963.p031x",  # a passage of an earlier draft of our edition
                source_id="isr-1963",
                quote=TextQuoteSelector("the striking prisoners were promised a commission from Moscow"),
                position=TextPositionSelector(0, 61),
                whole_passage=False,
                note="Quoted in the 1962 draft; the corrected text no longer has it.",
                tags=("commission",),
                created="2025-03-02T09:12:00Z",
                updated="2025-03-02T09:12:00Z",
            )
        ]
    )
    service.add(
        "newsletters-2003.p010",
        note="Dunayevskaya's framing: the strike as *the* turning point.",
        tags=["vorkuta", "historiography"],
    )
    text = library.passage("lituanus-2005.p046").text
    start = text.index("Derevianko")
    opened = service.add(
        "lituanus-2005.p046",
        start,
        text.index(".", start) + 1,
        note="Derevyanko on the **Moscow commission** — compare the ISR account:\n- who spoke\n- what was promised",
        tags=["vorkuta", "commission"],
    )
    return opened


def main() -> int:
    paths.set_basedir(Path(tempfile.mkdtemp(prefix="gulagreader-shots-")))
    app = QApplication(sys.argv[:1])
    app.setApplicationName("GulagReader")
    QCursor.setPos(0, 0)
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    store = open_store()
    window.attach(store)
    window.clear_search()
    opened = make_bookmarks(BookmarkService(store), Library(store))
    actions = window.bookmark_actions
    actions.toggle_panel()
    window.resizeDocks([actions.dock], [440], Qt.Orientation.Horizontal)
    window.splitter.setSizes([330, 510])
    panel = actions.panel
    assert panel is not None
    panel.refresh()
    panel.select(opened.id)
    actions.open_bookmark(opened)

    def shot() -> None:
        window.grab().save(str(OUT / "bookmarks-panel.png"))
        print(OUT / "bookmarks-panel.png")
        app.quit()

    QTimer.singleShot(800, shot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
