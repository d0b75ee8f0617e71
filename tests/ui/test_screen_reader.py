"""What a screen reader gets: the real reader under Xvfb, on the AT-SPI bus as Orca uses it, its tree
walked with pyatspi. The results carry their text, the page its text, every control a name.

Needs Debian's xvfb, xdotool, dbus (dbus-run-session), at-spi2-core and python3-pyatspi (for
/usr/bin/python3); `.ci/run` installs them where it can, and the test says what is missing otherwise.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SYSTEM_PYTHON = Path("/usr/bin/python3")
CONTROLS = {
    "push button", "check box", "combo box", "text", "entry", "list", "page tab", "menu item", "spin button",
    "table", "toggle button", "radio button", "slider", "link",
}  # fmt: skip

_DUMP = textwrap.dedent(
    """
    import json, sys, time, pyatspi
    def walk(o, depth):
        if o is None or depth > 40:
            return
        try:
            role, name = o.getRoleName(), o.name or ""
        except Exception:
            return
        text = ""
        try:
            t = o.queryText()
            text = t.getText(0, min(t.characterCount, 4000))
        except Exception:
            pass
        try:
            description = o.description or ""
        except Exception:
            description = ""
        found.append({"role": role, "name": name, "description": description, "text": text, "depth": depth})
        for i in range(o.childCount):
            walk(o.getChildAtIndex(i), depth + 1)
    def ready(until):  # `--until results`: hits listed; `--until page`: a source opened on the page
        if until == "results":
            return any(n["role"] == "list item" and "Vorkuta" in n["name"] for n in found)
        return any(n["name"] == "Source text" and len(n["text"]) > 1000 for n in found)
    until = sys.argv[2] if sys.argv[1:2] == ["--until"] else None
    deadline = time.monotonic() + 90
    while True:
        desk = pyatspi.Registry.getDesktop(0)
        apps = [desk.getChildAtIndex(i) for i in range(desk.childCount)]
        app = next((a for a in apps if a is not None and a.name == "GulagReader"), None)
        found = []
        walk(app, 0)
        if until is None or ready(until) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    if until is None:
        print(json.dumps(found))
    """
)


def _missing() -> list[str]:
    missing = [t for t in ("Xvfb", "xdotool", "dbus-run-session") if shutil.which(t) is None]
    if not LAUNCHER.exists():
        missing.append("at-spi2-core")
    if not SYSTEM_PYTHON.exists() or subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"]).returncode:
        missing.append("python3-pyatspi")
    return missing


pytestmark = pytest.mark.skipif(
    bool(_missing()),
    reason=f"needs {', '.join(_missing())} (apt-get install xvfb xdotool dbus at-spi2-core python3-pyatspi)",
)


def _tree(tmp_path: Path, steps: str) -> list[dict[str, object]]:
    """Start the reader on a virtual screen with the AT-SPI bus, run the xdotool `steps`, dump the tree."""
    display = f":{random.randint(300, 900)}"
    (tmp_path / "dump.py").write_text(_DUMP, encoding="utf-8")
    session = tmp_path / "session.sh"
    program = f"{sys.executable} -m gulagreader --basedir {tmp_path / 'base'}"
    session.write_text(
        f"""
{LAUNCHER} --launch-immediately >/dev/null 2>&1 &
sleep 1
{program} >{tmp_path / "app.log"} 2>&1 & app=$!
for i in $(seq 120); do xdotool search --name '^GulagReader$' >/dev/null 2>&1 && break; sleep 0.5; done
sleep 3
wait_for="{SYSTEM_PYTHON} {tmp_path / "dump.py"} --until"
{steps}
{SYSTEM_PYTHON} {tmp_path / "dump.py"} >{tmp_path / "tree.json"}
kill $app
""",
        encoding="utf-8",
    )
    screen = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x800x24", "-nolisten", "tcp"])
    try:
        time.sleep(1)
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
        subprocess.run(["dbus-run-session", "--", "bash", str(session)], env=env, timeout=400, capture_output=True)
    finally:
        screen.terminate()
        screen.wait()
    text = (tmp_path / "tree.json").read_text(encoding="utf-8")
    assert text.strip(), (tmp_path / "app.log").read_text(encoding="utf-8")
    found: list[dict[str, object]] = json.loads(text)
    return found


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    # each step waits until the screen reader can see its outcome (a busy machine is slow to show it)
    steps = "xdotool type --delay 40 Vorkuta; $wait_for results; xdotool key Down Return; $wait_for page"
    return _tree(tmp_path_factory.mktemp("atspi"), steps)


def test_every_control_has_a_name(tree: list[dict[str, object]]) -> None:
    unnamed = [n for n in tree if n["role"] in CONTROLS and not str(n["name"]).strip()]
    assert not unnamed, unnamed


def test_the_results_are_read_with_their_text(tree: list[dict[str, object]]) -> None:
    at = next(i for i, n in enumerate(tree) if n["role"] == "list" and n["name"] == "Search results")
    depth = int(str(tree[at]["depth"]))
    items = []
    for node in tree[at + 1 :]:
        if int(str(node["depth"])) <= depth:
            break
        if node["role"] == "list item":
            items.append(str(node["name"]))
    assert len(items) >= 10
    assert all("Vorkuta" in item or "(" in item for item in items)
    assert sum("Vorkuta" in item for item in items) >= 5


def test_the_page_is_read_with_the_passage_opened(tree: list[dict[str, object]]) -> None:
    page = next(n for n in tree if n["name"] == "Source text")
    text = str(page["text"])
    assert len(text) > 1000 and "Vorkuta" in text  # the source of the first hit, not the welcome page
    assert not text.startswith("GulagReader\nAccounts of resistance")
    # a label is read by its text; what it is for is its description
    counter = next(n for n in tree if n["description"] == "Match counter")
    assert " of " in str(counter["name"]), counter
    count = next(n for n in tree if n["description"] == "Result count")
    assert "passages match" in str(count["name"]), count
