"""The reader's windows are bound to the desktop entry: its name, our icon, and the WM_CLASS it names."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from gulagreader.ui.app import APP_ID, ICON_SIZES, bind_to_desktop_entry, set_window_icon
from tests.conftest import REPO
from tests.x11 import window_properties, wm_class

DESKTOP = REPO / "resources" / f"{APP_ID}.desktop"


def _entry() -> dict[str, str]:
    return dict(line.split("=", 1) for line in DESKTOP.read_text(encoding="utf-8").splitlines() if "=" in line)


def test_the_application_names_the_desktop_entry_and_carries_our_icon(qapp: QApplication) -> None:
    bind_to_desktop_entry()
    assert qapp.desktopFileName() == DESKTOP.stem == APP_ID
    assert qapp.applicationName() == _entry()["StartupWMClass"]  # Qt's xcb plugin makes it the WM_CLASS class
    set_window_icon()
    icon = qapp.windowIcon()
    assert {(s.width(), s.height()) for s in icon.availableSizes()} >= {(n, n) for n in ICON_SIZES}
    image = icon.pixmap(QSize(48, 48)).toImage()
    assert image.width() == 48
    colours = {image.pixel(x, y) for x in range(0, 48, 3) for y in range(0, 48, 3)}
    assert len(colours) > 3  # drawn, not blank


def test_the_x11_window_has_the_wm_class_icon_and_app_id_the_entry_expects(tmp_path: Path) -> None:
    """The real reader under Xvfb, looked at from outside with xprop."""
    env = {**os.environ, "GULAGREADER_BASEDIR": str(tmp_path / "base")}
    props = window_properties([sys.executable, "-m", "gulagreader"], env, tmp_path / "reader.log")
    assert wm_class(props)[1] == _entry()["StartupWMClass"], props
    assert f'_GTK_APPLICATION_ID(UTF8_STRING) = "{APP_ID}"' in props
    assert "Icon (16 x 16)" in props and "Icon (128 x 128)" in props  # Qt sends the sizes up to 128
