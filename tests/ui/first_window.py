"""Run the real first window in a fresh process (so `sys.modules` shows what it loaded), then more."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def first_window_then(built_store: Path, basedir: Path, then: str) -> list[str]:
    """Open the main window on `built_store` offscreen, run the script `then` (with `w`, `app`, `sys`
    at hand), and return the lines it printed."""
    script = (
        "import sys\nfrom pathlib import Path\nfrom PySide6.QtWidgets import QApplication\n"
        "from gulagreader.core import paths\nfrom gulagreader.core.store import open_store_at\n"
        "from gulagreader.ui.main_window import MainWindow\n"
        f"paths.set_basedir(Path({str(basedir)!r}))\n"
        "app = QApplication([])\nw = MainWindow()\nw.show()\n"
        f"w.attach(open_store_at(Path({str(built_store)!r})))\napp.processEvents()\n"
    ) + then
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return done.stdout.strip().splitlines()
