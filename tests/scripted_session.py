"""A scripted session with the real reader, run as a program so that it can be watched from outside.

`python -m tests.scripted_session` opens the main window (offscreen unless told otherwise), types
queries, opens a passage, opens the compare view of an event and bookmarks a passage, then prints
one line `session ok: ...`. tests/test_offline.py runs it under strace; tests/test_environment.py
runs it without fonts. Every file goes under GULAGREADER_BASEDIR.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

QUERIES = ("Vorkuta", "Derevyanko~", "strik*", '"hunger strike"', "(Norilsk OR Vorkuta) -Berlin", "year:1953")


def _wait(app: object, done: Callable[[], bool], what: str, seconds: float = 30) -> None:
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit(f"session failed: {what} did not happen within {seconds} s")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)  # type: ignore[attr-defined]


def main() -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from gulagreader.core.store import open_store
    from gulagreader.ui.compare.view import open_compare
    from gulagreader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    store = open_store()
    with tempfile.TemporaryDirectory(prefix="gulagreader-session-") as temp:
        window = MainWindow(settings=QSettings(str(Path(temp) / "reader.ini"), QSettings.Format.IniFormat))
        window.attach(store)
        window.show()
        shown = []
        for query in QUERIES:
            window.panel.search_field.setText(query)
            _wait(app, lambda q=query: window.panel.shown_query == q, f"results for {query!r}")  # type: ignore[misc]
            shown.append(window.panel.results_model.rowCount())
        first = window.panel.results_model.hit(0) if window.panel.results_model.rowCount() else None
        if first is None:
            raise SystemExit("session failed: no result to open")
        window.open_passage(first.passage_id)
        _wait(app, lambda: window.reader.source is not None, "the reader opening a passage")
        view = open_compare(window, store, "vorkuta-1953", "strike")
        _wait(app, view.isVisible, "the compare view opening")
        dialog = window.bookmark_actions.bookmark(first.passage_id)
        if dialog is None:
            raise SystemExit("session failed: the bookmark dialog did not open")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        service = window.bookmark_actions.service
        saved = len(service.find()) if service is not None else 0
        view.close()
        window.close()
        app.processEvents()
    fonts = len(QFontDatabase.families())
    opened = f"opened {first.passage_id}, compared vorkuta-1953"
    print(f"session ok: results {shown}, {opened}, {saved} bookmark(s), {fonts} fonts")
    return 0 if saved == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
