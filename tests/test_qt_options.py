"""Qt's own command-line options (`-style`, `-platformtheme`, `-reverse`) reach the reader's application object."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from gulagreader.cli import main, split_qt_options


@pytest.mark.parametrize(
    ("argv", "qt", "rest"),
    [
        (["-style", "fusion"], ["-style", "fusion"], []),
        (["--style=fusion", "--corpus", "c"], ["--style=fusion"], ["--corpus", "c"]),
        (["-platformtheme", "gtk3", "-reverse", "--kiosk"], ["-platformtheme", "gtk3", "-reverse"], ["--kiosk"]),
        (
            ["--basedir", "b", "-qwindowgeometry", "800x600+0+0"],
            ["-qwindowgeometry", "800x600+0+0"],
            ["--basedir", "b"],
        ),
        (["-style"], [], ["-style"]),  # no value: left for our parser to refuse in a sentence
        (["--version"], [], ["--version"]),
        (["search", "--", "Kengir", "-reverse"], [], ["search", "--", "Kengir", "-reverse"]),
    ],
)
def test_qt_options_are_told_apart_from_ours(argv: list[str], qt: list[str], rest: list[str]) -> None:
    assert split_qt_options(argv) == (qt, rest)


def test_for_a_command_they_stay_its_own_words(capsys: pytest.CaptureFixture[str]) -> None:
    """'-reverse' after a query is the query's ('leave out passages with the word'), not Qt's."""
    assert main(["search", "--json", "--", "Kengir", "-reverse"]) == 0
    assert json.loads(capsys.readouterr().out)["query"] == "Kengir -reverse"


def test_the_application_object_gets_them() -> None:
    """A fresh process: the style and direction asked for on the command line are the application's."""
    code = (
        "from gulagreader.cli import split_qt_options\n"
        "from gulagreader.ui.app import application\n"
        "qt, rest = split_qt_options(['-style', 'fusion', '-reverse', '--corpus', 'c'])\n"
        "app = application(qt)\n"
        "print(app.style().name(), app.isRightToLeft(), rest)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, check=True)
    assert out.stdout.split("\n")[0] == "fusion True ['--corpus', 'c']"
