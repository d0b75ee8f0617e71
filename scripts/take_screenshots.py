"""Drive the reader and save screenshots to docs/screenshots/ (run under Xvfb, see CONTRIBUTING).

    Xvfb :99 -screen 0 1280x800x24 -nolisten tcp &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/take_screenshots.py

Everything (store, settings) goes to a temporary folder, so the shots never depend on a
previous session. Shots: the library, a search with filters, the reader at a hit, the concordance.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from gulagreader.core import paths
from gulagreader.core.search_filters import SearchFilters
from gulagreader.core.store import open_store
from gulagreader.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> int:
    paths.set_basedir(Path(tempfile.mkdtemp(prefix="gulagreader-shots-")))
    app = QApplication(sys.argv[:1])
    app.setApplicationName("GulagReader")
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.attach(open_store())
    window.clear_search()

    def when(ready: Callable[[], bool], then: Callable[[], None]) -> None:
        """Run `then` once `ready()` holds and the window has had time to paint."""
        if ready():
            QTimer.singleShot(400, then)
        else:
            QTimer.singleShot(50, lambda: when(ready, then))

    def shot(name: str) -> None:
        window.grab().save(str(OUT / name))
        print(f"saved docs/screenshots/{name}")

    def home() -> None:
        shot("reader-home.png")
        filters = SearchFilters(event="vorkuta-1953", genre="scholarly article")
        window.panel.search_field.setText("commission")
        window.panel.filter_bar.set_filters(filters)
        when(lambda: window.panel.shown_filters == filters and window.panel.shown_query == "commission", search)

    def search() -> None:
        window.panel.results_view.setCurrentIndex(window.panel.results_model.index(0, 0))
        shot("reader-search.png")
        window.panel.filter_bar.clear()
        window.panel.search_field.setText("Derevyanko")
        when(lambda: window.panel.shown_query == "Derevyanko" and window.panel.shown_filters == SearchFilters(), hit)

    def hit() -> None:
        model = window.panel.results_model
        row = next(r for r in range(model.rowCount()) if model.hit(r).passage_id == "lituanus-2005.p032")
        window.panel.results_view.setCurrentIndex(model.index(row, 0))
        window.open_passage(model.hit(row).passage_id)
        window.source_dock.show()
        window.resizeDocks([window.source_dock], [330], Qt.Orientation.Horizontal)
        QTimer.singleShot(300, lambda: window.panel.results_view.scrollTo(model.index(row, 0)))
        QTimer.singleShot(700, lambda: (shot("reader-hit.png"), concordance()))

    def concordance() -> None:
        window.source_dock.hide()
        window.splitter.setSizes([640, 640])  # a researcher widens the list for the concordance
        window.panel.search_field.setText("commission")
        window.panel.show_concordance_tab()
        view = window.panel.concordance
        when(lambda: window.panel.shown_query == "commission" and view.model.rowCount() > 0, kwic)

    def kwic() -> None:
        view = window.panel.concordance
        view.sort_box.setCurrentIndex(view.sort_box.findData("left"))
        view.table.selectRow(0)
        line = view.model.line(0)
        window.open_passage(line.passage_id, line.occurrence)
        QTimer.singleShot(400, lambda: (shot("reader-concordance.png"), app.quit()))

    QTimer.singleShot(600, home)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
