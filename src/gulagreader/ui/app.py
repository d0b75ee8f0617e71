"""Starting the reader: the application, the first window, and opening (or building) the store."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def has_display() -> bool:
    """False on a Linux console or SSH session without X or Wayland (Qt would abort there)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(corpus: Path | None = None, kiosk: bool = False) -> int:
    """Paint the main window, then open the store (building it on first run); return the exit status.

    With `kiosk` (or `kiosk = true` in the settings) the locked-down kiosk window opens instead.
    """
    from gulagreader.core.config import load_settings

    settings = load_settings()
    if kiosk or settings.kiosk:
        from gulagreader.ui.kiosk_app import run_kiosk

        return run_kiosk(corpus, settings)
    from PySide6.QtWidgets import QApplication

    from gulagreader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("GulagReader")
    window = MainWindow()
    window.show()
    app.processEvents()
    window.repaint()
    window.open_corpus(corpus)  # the window takes typing while the store opens (or is built)
    return app.exec()
