"""Starting the reader: the application, the first window, and opening (or building) the store."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

APP_ID = "io.github.gulagreader.GulagReader"  # the desktop entry's and the metainfo's name
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def has_display() -> bool:
    """False on a Linux console or SSH session without X or Wayland (Qt would abort there)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(corpus: Path | None = None, kiosk: bool = False, qt_options: Sequence[str] = ()) -> int:
    """Paint the main window, then open the store (building it on first run); return the exit status.

    With `kiosk` (or `kiosk = true` in the settings) the locked-down kiosk window opens instead.
    `qt_options` are Qt's own command-line options (`-style fusion`), for the application object.
    """
    import PySide6.QtWidgets  # noqa: F401 (first: its hook is what `defer_pyside_source_scan` turns off)

    from gulagreader.core.config import load_settings

    defer_pyside_source_scan()
    settings = load_settings()
    if kiosk or settings.kiosk:
        from gulagreader.ui.kiosk.app import run_kiosk

        return run_kiosk(corpus, settings)
    from gulagreader.ui.main_window import MainWindow

    app = application(qt_options)
    bind_to_desktop_entry()
    window = MainWindow()
    window.show()
    app.processEvents()  # its exposure paints the window (no `repaint()` after it: that paints it all again)
    window.open_corpus(corpus, then=set_window_icon)  # the window takes typing while the store opens (or is built)
    return app.exec()


def application(qt_options: Sequence[str] = ()) -> QApplication:
    """The application object (made once), given Qt's own command-line options (`-style`, `-platformtheme`)."""
    from PySide6.QtWidgets import QApplication

    found = QApplication.instance()
    return found if isinstance(found, QApplication) else QApplication([sys.argv[0], *qt_options])


def bind_to_desktop_entry() -> None:
    """Tie the windows to the desktop entry, so that docks and task bars show one entry, ours.

    The desktop file name becomes the Wayland app id and X11's `_GTK_APPLICATION_ID` (set before the
    first window exists). X11's WM_CLASS class is the application name, `GulagReader`: the entry's
    `StartupWMClass`. The icon comes with `set_window_icon`, after the first frame.
    """
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.setApplicationName("GulagReader")
    QGuiApplication.setDesktopFileName(APP_ID)


def set_window_icon() -> None:
    """Our icon on every window, whatever icon theme the desktop has (the PNGs shipped in the package).

    Called after the first frame (the reader's: once it searches): building QIcon costs ~15 ms, and a
    window shown without one gets it then.
    """
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication, QIcon

    from gulagreader.core import paths

    icon = QIcon()
    folder = paths.app_icons()
    for size in ICON_SIZES:
        png = folder / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    if not icon.isNull():
        QGuiApplication.setWindowIcon(icon)


def defer_pyside_source_scan() -> None:
    """Stop PySide6 reading the source of each module imported after it, which it would do at once.

    PySide6 reads every newly imported module's source (`inspect.getsource`) to note whether it names
    PySide6, for its opt-in `from __feature__ import snake_case, true_property`. GulagReader uses no
    such feature, and the reads cost ~4 ms before the first paint and more as the core loads after
    it. Should a module ever import `__feature__`, PySide6 then scans every module it has not noted
    (`shibokensupport.feature.__init__`), so the features still work. Where PySide6 has no such hook
    (a later version may not), nothing is changed.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "feature_imported", None)):
        setattr(feature, "feature_imported", _note_nothing)  # noqa: B010 (a module mypy knows nothing of)


def _note_nothing(module: object) -> None:
    """PySide6's hook after each import, doing nothing (see `defer_pyside_source_scan`)."""
