"""Qt's own command-line options reach the reader's QApplication, as in any Qt program."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from gulagreader.cli import qt_options

_PROBE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gulagreader import cli
from gulagreader.ui.main_window import MainWindow

def opened(self, corpus=None):
    app = QApplication.instance()
    print(app.style().name(), app.isRightToLeft(), flush=True)
    QTimer.singleShot(0, app.quit)

MainWindow.open_corpus = opened
sys.exit(cli.main(sys.argv[1:]))
"""


def test_qt_options_are_told_from_ours() -> None:
    ours, qt = qt_options(["-style", "fusion", "search", "Kengir", "-platformtheme=gtk3", "-reverse", "--json"])
    assert ours == ["search", "Kengir", "--json"]
    assert qt == ["-style", "fusion", "-platformtheme=gtk3", "-reverse"]


def test_the_reader_takes_style_and_reverse(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    args = [sys.executable, "-c", _PROBE, "--basedir", str(tmp_path), "-style", "windows", "-reverse"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["windows", "True"]
