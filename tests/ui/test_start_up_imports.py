"""The first window loads only what it shows: results, events, compare and bookmark dialog load on first use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LATER = ("gulagreader.ui.compare_view", "gulagreader.ui.events_view", "gulagreader.ui.bookmark_dialog")
RESULTS = ("gulagreader.ui.results_tabs", "gulagreader.ui.concordance_view", "gulagreader.ui.hit_delegate")


def test_the_optional_views_load_when_first_used(built_store: Path, tmp_path: Path) -> None:
    script = (
        "import sys\nfrom pathlib import Path\nfrom PySide6.QtWidgets import QApplication\n"
        "from gulagreader.core import paths\nfrom gulagreader.core.store import open_store_at\n"
        "from gulagreader.ui.main_window import MainWindow\n"
        f"paths.set_basedir(Path({str(tmp_path / 'base')!r}))\n"
        "app = QApplication([])\nw = MainWindow()\nw.show()\n"
        f"w.attach(open_store_at(Path({str(built_store)!r})))\napp.processEvents()\n"
        f"later = {LATER!r}\n"
        "print(sorted(m for m in later if m in sys.modules))\n"
        "w.event_actions.events_action.trigger()\n"
        "print(w.event_actions.events_view is not None, sorted(m for m in later if m in sys.modules))\n"
        f"results = {RESULTS!r}\n"
        "print(sorted(m for m in results if m in sys.modules))\n"
        "w.search_field.setText('Vorkuta')\n"
        "while w.shown_query != 'Vorkuta':\n    app.processEvents()\n"
        "print(w.results_model.rowCount() > 0, sorted(m for m in results if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    lines = done.stdout.strip().splitlines()
    assert lines == [
        "[]",
        "True ['gulagreader.ui.compare_view', 'gulagreader.ui.events_view']",
        "[]",
        f"True {sorted(RESULTS)!r}",
    ], done.stderr
