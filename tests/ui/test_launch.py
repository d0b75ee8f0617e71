"""`gulagreader` alone opens the reader; the commands never load Qt; no display, one clear line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gulagreader.cli import main


def test_commands_do_not_import_qt() -> None:
    script = (
        "import sys\nfrom gulagreader.cli import main\nmain(['sources'])\n"
        "print(any(m.startswith('PySide6') for m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stderr.strip().endswith("False")


def test_without_a_display_one_line_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no display" in err and "gulagreader search" in err
