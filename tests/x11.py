"""Run a program on a private Xvfb screen and read its window's X11 properties with xprop, from outside."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

PROPERTIES = ("WM_CLASS", "_GTK_APPLICATION_ID", "_NET_WM_ICON")


def window_properties(command: list[str], env: dict[str, str], log: Path, wait_for: str = "Icon (") -> str:
    """Start `command` on a new Xvfb display; xprop's report on its first visible window once it shows
    `wait_for` (or after 60 s). Skips the test when Xvfb, xprop or xdotool is missing."""
    tools = {name: shutil.which(name) for name in ("Xvfb", "xprop", "xdotool")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (Debian: apt-get install xvfb x11-utils xdotool)")
    display = f":{300 + os.getpid() % 600}"
    server = subprocess.Popen([str(tools["Xvfb"]), display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
    env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    program = None
    try:
        time.sleep(1)
        with log.open("w") as stderr:
            program = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        window, props = "", ""
        deadline = time.monotonic() + 60
        while not window and time.monotonic() < deadline and program.poll() is None:
            time.sleep(0.5)
            found = subprocess.run(
                [str(tools["xdotool"]), "search", "--onlyvisible", "--pid", str(program.pid)],
                env=env,
                capture_output=True,
                text=True,
                timeout=30,
            )
            window = found.stdout.split()[0] if found.stdout.split() else ""
        if not window:
            pytest.fail(f"no window on Xvfb within 60 s: {log.read_text()[-800:]}")
        while wait_for not in props and time.monotonic() < deadline:
            time.sleep(0.2)
            props = subprocess.run(
                [str(tools["xprop"]), "-id", window, *PROPERTIES], env=env, capture_output=True, text=True, timeout=30
            ).stdout
        return props
    finally:
        if program is not None:
            program.kill()
            program.wait(timeout=30)
        server.kill()
        server.wait(timeout=30)


def wm_class(props: str) -> tuple[str, str]:
    """(instance, class) from xprop's WM_CLASS line."""
    line = next(line for line in props.splitlines() if line.startswith("WM_CLASS"))
    instance, klass = (part.strip().strip('"') for part in line.split("=", 1)[1].split(","))
    return instance, klass
