"""The reader's windows are bound to the desktop entry: its name, our icon, and the WM_CLASS it names."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from gulagreader.ui.app import APP_ID, ICON_SIZES, bind_to_desktop_entry, set_window_icon
from tests.conftest import REPO

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
    tools = {name: shutil.which(name) for name in ("Xvfb", "xprop", "xdotool")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (Debian: apt-get install xvfb x11-utils xdotool)")
    display = f":{300 + os.getpid() % 600}"
    server = subprocess.Popen([str(tools["Xvfb"]), display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "GULAGREADER_BASEDIR": str(tmp_path / "base")}
    env.pop("WAYLAND_DISPLAY", None)
    reader = None
    try:
        time.sleep(1)
        log = tmp_path / "reader.log"
        with log.open("w") as stderr:
            reader = subprocess.Popen([sys.executable, "-m", "gulagreader"], env=env, stderr=stderr)
        window = ""
        deadline = time.monotonic() + 60
        while not window and time.monotonic() < deadline and reader.poll() is None:
            time.sleep(0.5)
            found = subprocess.run(
                [str(tools["xdotool"]), "search", "--onlyvisible", "--pid", str(reader.pid)],
                env=env,
                capture_output=True,
                text=True,
                timeout=30,
            )
            window = found.stdout.split()[0] if found.stdout.split() else ""
        if not window:
            pytest.skip(f"the reader showed no window on Xvfb (xcb libraries missing?): {log.read_text()[-500:]}")
        props = ""
        while "Icon (" not in props and time.monotonic() < deadline:  # the icon comes after the first frame
            time.sleep(0.2)
            props = subprocess.run(
                [str(tools["xprop"]), "-id", window, "WM_CLASS", "_GTK_APPLICATION_ID", "_NET_WM_ICON"],
                env=env,
                capture_output=True,
                text=True,
                timeout=30,
            ).stdout
    finally:
        if reader is not None:
            reader.kill()
            reader.wait(timeout=30)
        server.kill()
        server.wait(timeout=30)
    wm_class = next(line for line in props.splitlines() if line.startswith("WM_CLASS"))
    _instance, klass = (part.strip().strip('"') for part in wm_class.split("=", 1)[1].split(","))
    assert klass == _entry()["StartupWMClass"], wm_class
    assert f'_GTK_APPLICATION_ID(UTF8_STRING) = "{APP_ID}"' in props
    assert "Icon (16 x 16)" in props and "Icon (128 x 128)" in props  # Qt sends the sizes up to 128
