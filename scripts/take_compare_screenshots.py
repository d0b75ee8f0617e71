"""Save screenshots of the events timeline and the compare view to docs/screenshots/ (run under Xvfb).

Xvfb :99 -screen 0 1280x800x24 -nolisten tcp &
DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/take_compare_screenshots.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QWidget
from screen_steps import Step, play

from gulagreader.core.store import open_store
from gulagreader.ui.compare.view import ACCOUNTS_TAB, FIGURES_TAB, CompareView, open_compare
from gulagreader.ui.events.view import EventsView

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WIDTH, HEIGHT = 1280, 800


def row_with(view: CompareView, passage_id: str) -> int:
    rows = view.comparison.rows
    return next(i for i, r in enumerate(rows) for c in r.cells for rd in c.readings if rd.passage.id == passage_id)


def main() -> int:
    app = QApplication(sys.argv[:1])
    QCursor.setPos(0, 0)  # no row under the pointer: no hover tint in the pictures
    store = open_store()
    events = EventsView(store)
    events.resize(WIDTH, HEIGHT)
    events.show()
    view = open_compare(None, store, "vorkuta-1953")
    view.resize(WIDTH, HEIGHT)

    def shot(name: str, widget: QWidget) -> Callable[[], None]:
        def take() -> None:
            widget.grab().save(str(OUT / name))
            print(OUT / name)

        return take

    steps: list[Step] = [
        (lambda: events.list.scrollToBottom(), shot("events-timeline.png", events)),
        (
            lambda: view.columns.scroll_to_row(row_with(view, "newsletters-2003.p014")),
            shot("compare-accounts.png", view),
        ),
        (lambda: show_figures(view), shot("compare-figures.png", view)),
        (lambda: show_collation(view), shot("compare-collation.png", view)),
    ]
    return play(app, steps, first_ms=800, pause_ms=500, end=lambda: None)


def show_figures(view: CompareView) -> None:
    view.tabs.setCurrentIndex(FIGURES_TAB)
    model = view.figures_model
    troops = next(r for r in range(model.rowCount()) if model.figure_row(r).subject.startswith("Camp No. 29 shooting"))
    QTimer.singleShot(
        200,
        lambda: view.figures_table.verticalScrollBar().setValue(
            view.figures_table.rowViewportPosition(troops) + view.figures_table.verticalScrollBar().value()
        ),
    )


def show_collation(view: CompareView) -> None:
    view.tabs.setCurrentIndex(ACCOUNTS_TAB)
    view.collation_box.setChecked(True)
    view.columns.scroll_to_row(row_with(view, "newsletters-2003.p012"))


if __name__ == "__main__":
    sys.exit(main())
