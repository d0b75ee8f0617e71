"""`gulagreader --self-test`: what an installer or an administrator runs after deploying.

The checks (open the store, search, compare an event's accounts, open the reader offscreen and
search in it) run in a child process of the same program, so that what the child does with the
network can be watched from outside: on Linux under `strace` where it is installed, otherwise
under a seccomp filter that kills the child at its first attempt to open an internet socket.
In-process guards cannot do this: Qt and tantivy open sockets below Python.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from gulagreader.core.store import Store

T = TypeVar("T")

CHILD = "GULAGREADER_SELF_TEST_CHILD"  # set in the child: how it is watched (strace | seccomp | none)
_LINE = "gulagreader-self-test "  # prefix of the child's result lines
QUERIES = ("Vorkuta", "Derevyanko", '"hunger strike"')
READER_QUERY = "Vorkuta"
NETWORK_FAMILIES = frozenset({"AF_INET", "AF_INET6", "AF_PACKET"})
_SOCKET_CALL = re.compile(r"\bsocket\((AF_\w+|PF_\w+)")
_TIMEOUT = 300


@dataclass(frozen=True)
class Check:
    """One line of the report: `status` is 'ok', 'FAIL' or 'not checked'."""

    name: str
    status: str
    detail: str

    @property
    def failed(self) -> bool:
        return self.status == "FAIL"


def run(basedir: Path | None = None, corpus: Path | None = None) -> int:
    """Run every check, print the report; 0 when nothing failed, else 1."""
    if os.environ.get(CHILD):
        return _child(corpus)
    from gulagreader import __version__

    python = sys.version.split()[0]
    print(f"GulagReader {__version__} self-test ({platform.system()} {platform.machine()}, Python {python})")
    checks = run_checks(basedir, corpus)
    for check in checks:
        print(f"  {check.status:12} {check.name:9} {check.detail}")
    failed = [c for c in checks if c.failed]
    print(f"{len(failed)} check(s) failed." if failed else "All checks passed.")
    return 1 if failed else 0


def run_checks(basedir: Path | None, corpus: Path | None) -> list[Check]:
    """The checks, run in a watched child process."""
    args = ["--self-test"]
    if basedir is not None:
        args += ["--basedir", str(basedir)]
    if corpus is not None:
        args += ["--corpus", str(corpus)]
    watch = _watcher()
    if watch == "strace":
        checks, traced = _run_child(args, "strace")
        if traced is not None:
            return checks
        watch = "seccomp" if _seccomp_arch() else "none"  # strace could not trace here (no ptrace)
    checks, _ = _run_child(args, watch)
    return checks


def _watcher() -> str:
    if not sys.platform.startswith("linux"):
        return "none"
    if shutil.which("strace"):
        return "strace"
    return "seccomp" if _seccomp_arch() else "none"


def _program() -> list[str]:
    """How to start this program again: the frozen executable, or this Python with `-m gulagreader`."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "gulagreader"]


def _run_child(args: list[str], watch: str) -> tuple[list[Check], str | None]:
    """Run the checks in a child watched by `watch`; the strace output is None if strace could not run."""
    env = {**os.environ, CHILD: watch, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory(prefix="gulagreader-self-test-") as temp:
        trace = Path(temp) / "trace.txt"
        command = [*_program(), *args]
        if watch == "strace":
            command = ["strace", "-f", "-qq", "-e", "trace=network", "-o", str(trace), *command]
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=_TIMEOUT)
        except subprocess.TimeoutExpired:
            return [Check("checks", "FAIL", f"did not finish within {_TIMEOUT} s")], ""
        traced = trace.read_text(encoding="utf-8", errors="replace") if trace.exists() else None
    checks = [Check(**json.loads(line[len(_LINE) :])) for line in done.stdout.splitlines() if line.startswith(_LINE)]
    if watch == "strace" and not checks and traced is None:
        return [], None
    guard = [c for c in checks if c.name == "network"]  # the seccomp child says whether its filter is on
    checks = [c for c in checks if c.name != "network"]
    if done.returncode == -signal.SIGSYS and watch == "seccomp":
        reason = "the program tried to open a network socket, and the seccomp filter stopped it"
        return [*checks, Check("network", "FAIL", reason)], traced
    if done.returncode != 0 and not any(c.failed for c in checks):
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        checks.append(Check("checks", "FAIL", f"the checks stopped early: {last[:200]}"))
    if watch == "strace":
        checks.append(_traced(traced or ""))
    elif watch == "seccomp" and guard:
        checks.append(guard[0])
    else:
        checks.append(Check("network", "not checked", "no strace and no seccomp filter on this system"))
    return checks, traced


def socket_families(trace: str) -> Counter[str]:
    """How many sockets of each address family an `strace -e trace=network` output shows opened."""
    return Counter(f.replace("PF_", "AF_", 1) for f in _SOCKET_CALL.findall(trace))


def _traced(trace: str) -> Check:
    families = socket_families(trace)
    network = {f: n for f, n in families.items() if f in NETWORK_FAMILIES}
    if network:
        opened = ", ".join(f"{f} ×{n}" for f, n in sorted(network.items()))
        return Check("network", "FAIL", f"network sockets opened (traced with strace): {opened}")
    local = ", ".join(f"{f} ×{n}" for f, n in sorted(families.items())) or "none"
    return Check("network", "ok", f"no network socket opened (traced with strace; local sockets: {local})")


# --- the child: the checks themselves ---


def _child(corpus: Path | None) -> int:
    watch = os.environ.get(CHILD, "none")
    if watch == "seccomp":
        _report(_guarded())
    store = _check("store", lambda: _open(corpus))
    if store is not None:
        _check("search", lambda: _searches(store))
        _check("compare", lambda: _compare(store))
        _check("reader", lambda: _reader(store))
    return 0


def _report(check: Check) -> None:
    print(_LINE + json.dumps(asdict(check), ensure_ascii=False), flush=True)


def _check(name: str, step: Callable[[], tuple[str, T]]) -> T | None:
    """Run `step`, which returns (detail, value); report ok or FAIL in one line; return the value."""
    try:
        detail, value = step()
    except Exception as exc:  # a self-test reports every failure rather than stopping at the first
        message = str(exc).splitlines()[0] if str(exc) else ""
        _report(Check(name, "FAIL", f"{type(exc).__name__}: {message}"))
        return None
    _report(Check(name, "ok", detail))
    return value


def _open(corpus: Path | None) -> tuple[str, Store]:
    from gulagreader.core.library import Library
    from gulagreader.core.store import open_store

    started = time.perf_counter()
    store = open_store(corpus)
    seconds = time.perf_counter() - started
    sources = Library(store).sources()
    passages = sum(s.passage_count for s in sources)
    notes = f"; {' '.join(store.notices)}" if store.notices else ""
    return f"{len(sources)} sources, {passages} passages, opened in {seconds:.2f} s from {store.folder}{notes}", store


def _searches(store: Store) -> tuple[str, None]:
    from gulagreader.core.search import SearchService

    service = SearchService(store)
    found = []
    for query in QUERIES:
        result = service.search(query)
        if not result.hits:
            raise AssertionError(f"nothing found for {query}")
        found.append(f"{query} {result.total}")
    return "passages found: " + ", ".join(found), None


def _compare(store: Store) -> tuple[str, None]:
    from gulagreader.core.compare import CompareService

    service = CompareService(store)
    events = service.events()
    if not events:
        raise AssertionError("the catalogue has no events")
    best = max(events, key=lambda e: e.accounts)
    comparison = service.compare(best.id)
    if not comparison.columns or not comparison.rows:
        raise AssertionError(f"{best.id}: nothing to compare")
    return f"{best.id}: {len(comparison.columns)} column(s), {len(comparison.rows)} row(s)", None


def _reader(store: Store) -> tuple[str, None]:
    """The real main window, offscreen, over the store; one query typed and its hits drawn.

    Drawn, not only held: each row in view laid out inside the list and painted (a list that held
    its hits and drew none once passed this check).
    """
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from gulagreader.ui.main_window import MainWindow
    from gulagreader.ui.visible import drawn_problem, rows_in_view

    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "offscreen"])
    with tempfile.TemporaryDirectory(prefix="gulagreader-self-test-") as temp:  # never the user's settings
        window = MainWindow(settings=QSettings(str(Path(temp) / "reader.ini"), QSettings.Format.IniFormat))
        try:
            window.attach(store)
            window.show()
            window.panel.search_field.setText(READER_QUERY)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not (
                window.panel.shown_query == READER_QUERY and window.panel.results_model.rowCount() > 0
            ):
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            shown = window.panel.results_model.rowCount() if window.panel.shown_query == READER_QUERY else 0
            app.processEvents()  # the rows are laid out and painted
            problem = drawn_problem(window.panel.results_view) if shown else ""
            drawn = len(rows_in_view(window.panel.results_view)) if shown else 0
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
    if not shown:
        raise AssertionError(f"the reader showed no results for {READER_QUERY!r} within 30 s")
    if problem or not drawn:
        raise AssertionError(f"the reader holds {shown} result(s) for {READER_QUERY!r} but {problem or 'draws none'}")
    platform = QApplication.platformName()
    return f"main window opened ({platform}); {READER_QUERY!r} draws {drawn} of its {shown} result(s) in view", None


# --- the seccomp guard (Linux) ---

_ARCHES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}  # audit arch, socket() number
_FAMILIES = (2, 10, 17)  # AF_INET, AF_INET6, AF_PACKET


def _seccomp_arch() -> tuple[int, int] | None:
    if not sys.platform.startswith("linux"):
        return None
    return _ARCHES.get(platform.machine().lower())


def _guarded() -> Check:
    try:
        guard_network()
    except OSError as exc:
        return Check("network", "not checked", f"no seccomp filter could be installed ({exc})")
    return Check("network", "ok", "no network socket opened (a seccomp filter would have stopped the program)")


def guard_network() -> None:
    """From now on, this process (and its children) is killed if it opens an internet or packet socket."""
    import ctypes

    arch = _seccomp_arch()
    if arch is None:
        raise OSError("not Linux on x86_64 or aarch64")
    audit_arch, socket_nr = arch
    ld, jeq, ret = 0x20, 0x15, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, BPF_RET|K
    allow, kill = 0x7FFF0000, 0x80000000  # SECCOMP_RET_ALLOW, SECCOMP_RET_KILL_PROCESS
    program = [
        (ld, 0, 0, 4),  # seccomp_data.arch
        (jeq, 0, 6, audit_arch),
        (ld, 0, 0, 0),  # seccomp_data.nr
        (jeq, 0, 4, socket_nr),
        (ld, 0, 0, 16),  # seccomp_data.args[0], low half: the address family
        (jeq, 3, 0, _FAMILIES[0]),
        (jeq, 2, 0, _FAMILIES[1]),
        (jeq, 1, 0, _FAMILIES[2]),
        (ret, 0, 0, allow),
        (ret, 0, 0, kill),
    ]

    class Filter(ctypes.Structure):
        _fields_ = (("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint))

    class Program(ctypes.Structure):
        _fields_ = (("len", ctypes.c_ushort), ("filter", ctypes.POINTER(Filter)))

    filters = (Filter * len(program))(*(Filter(*f) for f in program))
    prog = Program(len(program), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    if libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    if libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.byref(prog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")
