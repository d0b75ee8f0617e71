"""Reader benchmark: start-up to an interactive window, and keystroke-to-results-painted latency.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/reader_bench.py [--starts 10] [--interval 0]
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python benchmarks/reader_bench.py    # under Xvfb

Start-up: each run is a fresh Python process, timed from just before it is spawned until it
prints 'ready': the window has painted once and the event loop has gone idle. The children
may write bytecode (to a temporary PYTHONPYCACHEPREFIX), as an installed package has it. `gulagreader`
(no arguments, the real entry point, opening the already built store) is timed against a bare
PySide6 `QMainWindow` of the same size, alternating, in the same run.

Typing: the real main window, attached to the real store, in this process. Every query is typed
one key at a time with `QTest.keyClick`; a keystroke's latency runs from just before the key is
sent until the results list has painted the answer to that text (or a newer one). With
`--interval 0` each key waits for its results; with `--interval MS` keys come every MS ms
regardless, as from a fast typist, and stale answers are dropped along the way.

Prints a Markdown report and writes it to benchmarks/out/reader.md. Nothing asserts on timings.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TARGET, P95_TARGET_MS = 1.5, 50.0
QUERIES = ["Derevyanko", "hunger strike", "Vorkuta 1953", '"camp no. 29"', "Kengir OR Norilsk", "Vork*", "Kuznetsov~"]

# The same harness in every child process: note the first paint, then print 'ready' once the loop is
# idle. The paint watcher is an application-wide event filter, which costs a call into Python for
# every event; so it is installed only when a window (not a child widget) is shown, and taken off at the first paint:
# else it would slow down building a window in proportion to its widgets, which the program does
# not do on its own.
_HARNESS = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])
painted = []
PAINT = QEvent.Type.Paint


class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == PAINT:
            painted.append(True)
            app.removeEventFilter(self)
        return False


watch = Watch()
_show = QWidget.show


def show(self):
    if not painted and self.isWindow():
        app.installEventFilter(watch)
    _show(self)


QWidget.show = show


def check():
    if painted:
        print("ready", flush=True)
        app.quit()
    else:
        QTimer.singleShot(5, check)


_exec = QApplication.exec
QApplication.exec = lambda *args: (QTimer.singleShot(0, check), _exec())[1]
"""
_BARE = (
    _HARNESS
    + """
from PySide6.QtWidgets import QMainWindow
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1200, 780)
window.show()
sys.exit(QApplication.exec())
"""
)
_OURS = (
    _HARNESS
    + """
from gulagreader.cli import main
sys.exit(main([]))
"""
)
_READER = (  # the reader alone, without the command line's parser and its command modules
    _HARNESS
    + """
from gulagreader.ui.app import run
sys.exit(run(None))
"""
)


def _start_once(code: str, env: dict[str, str]) -> float:
    begin = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, env=env, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - begin
    child.wait(timeout=60)
    if line.strip() != "ready":
        raise SystemExit(f"the child did not get ready (exit {child.returncode})")
    return elapsed * 1000


def measure_start(runs: int, basedir: Path) -> dict[str, list[float]]:
    """Milliseconds to an interactive window for each program, their runs interleaved."""
    env = {**os.environ, "GULAGREADER_BASEDIR": str(basedir), "PYTHONPYCACHEPREFIX": str(basedir / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode; compile once, like it
    programs = {"bare": _BARE, "gulagreader": _OURS, "reader": _READER}
    for code in programs.values():
        _start_once(code, env)  # the first builds the store into the basedir; all warm the page cache
    times: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, code in programs.items():
            times[name].append(_start_once(code, env))
    return times


def measure_typing(interval_ms: float) -> list[float]:
    """Milliseconds from each keystroke to its results painted, over every query in QUERIES."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from gulagreader.core.store import open_store
    from gulagreader.ui.main_window import MainWindow
    from gulagreader.ui.search_runner import SearchAnswer

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(1200, 780)
    window.show()
    window.attach(open_store())
    runner = window.search_runner
    assert runner is not None
    state = {"answered": -1, "painted": -1}

    def on_answer(found: SearchAnswer) -> None:
        state["answered"] = len(found.result.query)

    class Paints(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and state["answered"] >= 0:
                state["painted"] = state["answered"]
            return False

    runner.finished.connect(on_answer)
    paints = Paints()
    window.results_view.viewport().installEventFilter(paints)
    latencies: list[float] = []
    for query in QUERIES * 3:
        window.search_field.clear()
        runner.wait()
        app.processEvents()
        state.update(answered=-1, painted=-1)
        sent: list[float] = []
        done: list[float | None] = [None] * len(query)
        start = time.perf_counter()
        while None in done:
            now = time.perf_counter()
            due = interval_ms <= 0 and (not sent or done[len(sent) - 1] is not None)
            due = due or (interval_ms > 0 and now >= start + len(sent) * interval_ms / 1000)
            if len(sent) < len(query) and due:
                sent.append(time.perf_counter())
                QTest.keyClick(window.search_field, query[len(sent) - 1], Qt.KeyboardModifier.NoModifier)
            app.processEvents()
            shown = state["painted"]
            if shown > 0:
                painted_at = time.perf_counter()
                for i in range(min(shown, len(sent))):
                    if done[i] is None:
                        done[i] = painted_at
            if time.perf_counter() - start > 30:
                raise SystemExit(f"no results painted for {query!r}")
        latencies += [(d - s) * 1000 for s, d in zip(sent, done, strict=True) if d is not None]
    window.close()
    return latencies


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=10, help="start-up runs of each program (default 10)")
    parser.add_argument("--interval", type=float, default=0, help="ms between keystrokes; 0 waits for results")
    args = parser.parse_args()
    qpa = os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        basedir = Path(tmp)
        os.environ["GULAGREADER_BASEDIR"] = str(basedir)
        starts = measure_start(args.starts, basedir)
        waiting = measure_typing(0)
        paced = measure_typing(args.interval or 80)
    bare, ours, reader = starts["bare"], starts["gulagreader"], starts["reader"]
    ratio = statistics.median(ours) / statistics.median(bare)
    reader_ratio = statistics.median(reader) / statistics.median(bare)
    lines = [
        f"### Reader, `QT_QPA_PLATFORM={qpa}`",
        "",
        f"- Python {platform.python_version()}, PySide6 {version('PySide6_Essentials')}, {os.cpu_count()} CPUs",
        f"- Command: `QT_QPA_PLATFORM={qpa} .venv/bin/python benchmarks/reader_bench.py --starts {args.starts}`",
        "",
        "| start-up to an interactive window (ms) | median | min | max |",
        "| --- | ---: | ---: | ---: |",
        f"| bare PySide6 `QMainWindow` | {statistics.median(bare):.0f} | {min(bare):.0f} | {max(bare):.0f} |",
        f"| `gulagreader` (store already built) | {statistics.median(ours):.0f} | {min(ours):.0f} | {max(ours):.0f} |",
        f"| `gulagreader.ui.app.run()` (the reader without the CLI parser) | {statistics.median(reader):.0f} "
        f"| {min(reader):.0f} | {max(reader):.0f} |",
        "",
        f"Ratio of medians, `gulagreader` to bare: **{ratio:.2f}x**; the reader alone: **{reader_ratio:.2f}x** "
        f"(target under {START_TARGET}x: {'met' if ratio < START_TARGET else 'NOT met'}).",
        "",
        "| keystroke to results painted (ms) | keys | p50 | p95 | max |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, values in (
        ("each key waits for its results", waiting),
        (f"a key every {args.interval or 80:.0f} ms", paced),
    ):
        lines.append(
            f"| {label} | {len(values)} | {_pct(values, 50):.1f} | {_pct(values, 95):.1f} | {max(values):.1f} |"
        )
    p95 = max(_pct(waiting, 95), _pct(paced, 95))
    lines += [
        "",
        f"Worst p95: **{p95:.1f} ms** "
        f"(target under {P95_TARGET_MS:.0f} ms: {'met' if p95 < P95_TARGET_MS else 'NOT met'}).",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"reader-{qpa}.md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
