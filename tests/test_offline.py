"""The offline guarantee, end to end: a whole scripted reader session under strace opens no internet socket.

`--self-test` (tests/test_selftest.py) traces one search in the reader; this traces a session with
several queries, a passage opened, the compare view and a bookmark saved (tests/scripted_session.py),
and the command line's commands.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gulagreader.selftest import NETWORK_FAMILIES, socket_families

REPO = Path(__file__).resolve().parent.parent
STRACE = shutil.which("strace") if sys.platform.startswith("linux") else None
needs_strace = pytest.mark.skipif(STRACE is None, reason="strace is not installed (apt-get install -y strace)")


def _traced(args: list[str], tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, int]]:
    assert STRACE is not None
    trace = tmp_path / "trace.txt"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GULAGREADER_BASEDIR": str(tmp_path / "base")}
    done = subprocess.run(
        [STRACE, "-f", "-qq", "-e", "trace=network", "-o", str(trace), sys.executable, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    if not trace.exists():
        pytest.skip(f"strace could not trace here: {done.stderr.strip()[:200]}")
    return done, dict(socket_families(trace.read_text(encoding="utf-8", errors="replace")))


@needs_strace
def test_a_scripted_reader_session_opens_no_network_socket(tmp_path: Path) -> None:
    done, families = _traced(["-m", "tests.scripted_session"], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "session ok:" in done.stdout and "1 bookmark(s)" in done.stdout
    assert not set(families) & NETWORK_FAMILIES, families


@needs_strace
def test_the_commands_open_no_socket_at_all(tmp_path: Path) -> None:
    script = (
        "from gulagreader.cli import main\n"
        "for args in (['search', 'Vorkuta'], ['search', '--json', 'strik*'], ['show', 'isr-1963'], ['sources'],"
        " ['events', '--json'], ['compare', 'vorkuta-1953'], ['bookmarks', 'list']):\n"
        "    assert main(args) == 0, args\n"
    )
    done, families = _traced(["-c", script], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert families == {}, families
