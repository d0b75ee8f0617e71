"""`gulagreader --self-test`: the checks pass on a good install, and a network socket makes it fail."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from gulagreader import selftest

LINUX = sys.platform.startswith("linux")
HAS_STRACE = LINUX and shutil.which("strace") is not None
HAS_SECCOMP = selftest._seccomp_arch() is not None

# Opens an internet socket at the end of the self-test's child (after the seccomp filter is on).
_SITECUSTOMIZE = """
import atexit, os, socket
if os.environ.get("GULAGREADER_SELF_TEST_CHILD"):
    atexit.register(lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close())
"""


# The old defect's effect: the list holds its hits and draws none of them.
_BLANK_ROWS = """
import os
import re
if os.environ.get("GULAGREADER_SELF_TEST_CHILD"):
    from gulagreader.ui.search import hit_delegate
    hit_delegate.HitDelegate.paint = lambda self, painter, option, index: None
"""


def _self_test(tmp_path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gulagreader", "--basedir", str(tmp_path / "base"), "--self-test"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**os.environ, **(env or {})},
    )


def _lines(report: str) -> dict[str, str]:
    """The report's check lines by name: {'store': 'ok ...', ...}."""
    found = {}
    for line in report.splitlines()[1:-1]:
        status, name = (line[:15].strip(), line[15:25].strip())
        found[name] = status + " " + line[25:]
    return found


def test_a_good_install_passes(tmp_path: Path) -> None:
    done = _self_test(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = _lines(done.stdout)
    assert set(lines) == {"store", "search", "compare", "reader", "network"}
    assert all(v.startswith("ok ") for k, v in lines.items() if k != "network"), done.stdout
    assert "'Vorkuta' draws" in lines["reader"] and "offscreen" in lines["reader"]
    if HAS_STRACE:
        assert lines["network"].startswith("ok no network socket opened (traced with strace")
    assert done.stdout.rstrip().endswith("All checks passed.")


@pytest.mark.skipif(not HAS_STRACE, reason="strace is not installed (apt-get install strace)")
def test_strace_catches_a_network_socket(tmp_path: Path) -> None:
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
    done = _self_test(tmp_path, {"PYTHONPATH": str(tmp_path / "hook")})
    assert done.returncode == 1
    network = _lines(done.stdout)["network"]
    assert network.startswith("FAIL network sockets opened") and "AF_INET" in network


@pytest.mark.skipif(not HAS_SECCOMP, reason="no seccomp filter on this system (Linux x86_64 or aarch64 only)")
def test_without_strace_a_seccomp_filter_catches_it(tmp_path: Path) -> None:
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
    no_strace = str(Path(sys.executable).parent)  # a PATH on which strace is not found
    good = _self_test(tmp_path, {"PATH": no_strace})
    assert good.returncode == 0, good.stdout + good.stderr
    assert "seccomp filter would have stopped" in _lines(good.stdout)["network"]
    bad = _self_test(tmp_path, {"PATH": no_strace, "PYTHONPATH": str(tmp_path / "hook")})
    assert bad.returncode == 1
    assert _lines(bad.stdout)["network"].startswith("FAIL the program tried to open a network socket")


@pytest.mark.skipif(not HAS_SECCOMP, reason="no seccomp filter on this system (Linux x86_64 or aarch64 only)")
def test_the_seccomp_guard_allows_local_sockets_only() -> None:
    script = (
        "import socket\nfrom gulagreader.selftest import guard_network\nguard_network()\n"
        "socket.socket(socket.AF_UNIX).close()\nprint('local ok', flush=True)\n"
        "socket.socket(socket.AF_INET6)\nprint('not reached')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout == "local ok\n"
    assert done.returncode == -signal.SIGSYS


@pytest.mark.skipif(not HAS_STRACE, reason="strace is not installed (apt-get install strace)")
def test_socket_families_reads_a_real_trace(tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    script = "import socket\nsocket.socket(socket.AF_INET).close()\nsocket.socket(socket.AF_UNIX).close()\n"
    subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=network", "-o", str(trace), sys.executable, "-c", script],
        check=True,
        timeout=60,
    )
    families = selftest.socket_families(trace.read_text(encoding="utf-8"))
    assert families["AF_INET"] == 1 and families["AF_UNIX"] >= 1


def test_a_list_that_holds_hits_but_draws_none_fails(tmp_path: Path) -> None:
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(_BLANK_ROWS, encoding="utf-8")
    done = _self_test(tmp_path, {"PYTHONPATH": str(tmp_path / "hook")})
    assert done.returncode == 1, done.stdout
    reader = _lines(done.stdout)["reader"]
    assert reader.startswith("FAIL") and re.search(r"the reader holds \d+ result", reader), reader
    assert "drawn blank" in reader, reader
