"""Drive the reader and save screenshots to docs/screenshots/ (run under Xvfb, see CONTRIBUTING)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gulagreader.core.store import open_store
from gulagreader.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.attach(open_store())
    window.clear_search()

    def home() -> None:
        window.open_source("isr-1963")
        QTimer.singleShot(400, lambda: (window.grab().save(str(OUT / "reader-home.png")), search()))

    def search() -> None:
        window.search_field.setText(sys.argv[1] if len(sys.argv) > 1 else "Derevyanko")
        QTimer.singleShot(800, open_hit)

    def open_hit() -> None:
        window.results_view.setCurrentIndex(window.results_model.index(0, 0))
        window.source_dock.show()
        window.open_passage(window.results_model.hit(0).passage_id)
        QTimer.singleShot(400, lambda: (window.grab().save(str(OUT / "reader-search.png")), app.quit()))

    QTimer.singleShot(500, home)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
