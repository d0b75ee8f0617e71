"""Reader benchmark: start-up to an interactive window, and keystroke-to-results-painted latency.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/reader_bench.py [--starts 10] [--interval 0]
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python benchmarks/reader_bench.py    # under Xvfb
    ... benchmarks/reader_bench.py --before ../other-checkout/src    # that code's start-up too, taking turns

Start-up: each run is a fresh Python process, timed from just before it is spawned until its
window first paints (from then on it takes typing), until it is searchable (the store attached, a
search able to answer) and until its library is listed (on the home page and in the filters), with
the longest the event loop was busy from the paint to the listing, and each child's CPU time at
those three moments. The children may write bytecode
(to a temporary PYTHONPYCACHEPREFIX), as an installed package has it. `gulagreader` (no arguments,
the real entry point, opening the already built store) is timed against a bare PySide6 `QMainWindow`
of the same size in the same run, the programs in a fresh random order in each round. The ratios are
to the bare window's first paint: ours painted, ours searchable, ours listed.

Typing: the real main window, attached to the real store, in this process. Every query is typed
one key at a time with `QTest.keyClick`; a keystroke's latency runs from just before the key is
sent until the results list has painted the answer to that text (or a newer one), its first row laid
out inside the list (a paint of an empty list does not count). The queries are shuffled. With
`--interval 0` each key waits for its results; with `--interval MS` keys come every MS ms
regardless, as from a fast typist, and stale answers are dropped along the way.

Prints a Markdown report and writes it to benchmarks/out/reader.md. Nothing asserts on timings.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAINT_TARGET, SEARCHABLE_TARGET, P95_TARGET_MS = 1.3, 1.5, 50.0  # to the bare window's first paint
# The corpus's most common names (fifty hits, the most rows to lay out) beside rarer names and every query form.
QUERIES = [
    "Vorkuta",
    "Stalin",
    "Norilsk",
    "Derevyanko",
    "hunger strike",
    "Vorkuta 1953",
    '"camp no. 29"',
    "Kengir OR Norilsk",
    "Vork*",
    "Kuznetsov~",
]

# The same harness in every child process. It prints 'painted' at the window's first paint (from then
# on the window takes input), 'ready' once the loop has turned with every visible window that has a
# search runner attached (a search can answer), and 'listed STALL' once the loop has turned with the
# library listed as well (the sources on the home page and in the filters; a window that has no
# `panel.listed` lists it as it attaches): at once for the bare window. STALL is the longest the event
# loop was busy between the paint and the listing (how long a key pressed then could have waited).
# The paint is noticed by an event filter on the shown window alone, taken off at its first paint: an
# application-wide filter would call into Python for every event of every widget, and PySide6 would
# look up the Python class of each new kind of object and event it passes (~80 enums built for our
# window, ~20 ms), a cost the program does not have on its own.
_HARNESS = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])
PAINT = QEvent.Type.Paint
turns = {"last": 0.0, "stall": 0.0, "ready": False}


def attached():
    shown = [w for w in app.topLevelWidgets() if w.isVisible()]
    return all(getattr(getattr(w, "panel", None), "runner", True) is not None for w in shown)


def listed():
    shown = [w for w in app.topLevelWidgets() if w.isVisible()]
    return all(getattr(getattr(w, "panel", None), "listed", True) for w in shown)


def turn():
    now = time.perf_counter()
    turns["stall"] = max(turns["stall"], now - turns["last"])
    turns["last"] = now
    if not turns["ready"] and attached():
        turns["ready"] = True
        print(f"ready {time.process_time() * 1000:.1f}", flush=True)
    if turns["ready"] and listed():
        ticker.stop()
        print(f"listed {time.process_time() * 1000:.1f} {turns['stall'] * 1000:.1f}", flush=True)
        app.quit()


ticker = QTimer()
ticker.setInterval(0)
ticker.timeout.connect(turn)


class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == PAINT:
            print(f"painted {time.process_time() * 1000:.1f}", flush=True)
            obj.removeEventFilter(self)
            turns["last"] = time.perf_counter()
            ticker.start()
        return False


watch = Watch()
_show = QWidget.show


def show(self):
    if not ticker.isActive() and self.isWindow():
        self.installEventFilter(watch)
    _show(self)


QWidget.show = show
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
_OURS = (  # the command line first, as the `gulagreader` entry point loads it: before PySide6
    "from gulagreader.cli import main\n"
    + _HARNESS
    + """
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


# ms to the first paint, to searching, to the library listed; the longest stall; the CPU time at each of the three
Start = tuple[float, float, float, float, float, float, float]


def _start_once(code: str, env: dict[str, str]) -> Start:
    """Milliseconds from spawning `code` to its first paint, to 'ready' and to 'listed', and its longest
    stall between the paint and the listing."""
    begin = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, env=env, text=True)
    assert child.stdout is not None
    lines, times = [], []
    for _ in range(3):
        lines.append(child.stdout.readline())
        times.append((time.perf_counter() - begin) * 1000)
    child.wait(timeout=60)
    if [line.split(" ")[0].strip() for line in lines] != ["painted", "ready", "listed"]:
        raise SystemExit(f"the child did not get ready (exit {child.returncode})")
    cpu = [float(line.split()[1]) for line in lines]
    return times[0], times[1], times[2], float(lines[2].split()[2]), cpu[0], cpu[1], cpu[2]


def measure_start(runs: int, basedir: Path, before: Path | None = None) -> dict[str, list[Start]]:
    """(first paint, ready, listed, longest stall) in ms for each program, their runs interleaved;
    with `before`, `gulagreader` from that src folder too (its own bytecode folder, the same store)."""
    env = {**os.environ, "GULAGREADER_BASEDIR": str(basedir), "PYTHONPYCACHEPREFIX": str(basedir / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode; compile once, like it
    programs = {"bare": (_BARE, env), "gulagreader": (_OURS, env), "reader": (_READER, env)}
    if before is not None:
        src = str(before.resolve())
        programs["before"] = (_OURS, {**env, "PYTHONPATH": src, "PYTHONPYCACHEPREFIX": str(basedir / "pycache-before")})
    for code, env_of in programs.values():
        _start_once(code, env_of)  # the first builds the store into the basedir; all warm the page cache
    times: dict[str, list[Start]] = {name: [] for name in programs}
    order, rng = list(programs), random.Random(1)
    for _ in range(runs):
        rng.shuffle(order)  # no program always first (or last) after another
        for name in order:
            times[name].append(_start_once(*programs[name]))
    return times


def measure_typing(interval_ms: float, seed: int = 0) -> dict[str, list[float]]:
    """Milliseconds from each keystroke to its results painted, per query of QUERIES (three rounds, shuffled)."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from gulagreader.core.store import open_store
    from gulagreader.ui.main_window import MainWindow
    from gulagreader.ui.search.runner import SearchAnswer

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(1200, 780)
    window.show()
    window.attach(open_store())
    runner = window.panel.runner
    assert runner is not None
    state = {"answered": -1, "painted": -1}

    def on_answer(found: SearchAnswer) -> None:
        state["answered"] = len(found.result.query)

    view = window.panel.results_view

    def rows_drawn() -> bool:
        """The answer's first row has a place inside the list (or there is no row to draw)."""
        model = view.model()
        if model.rowCount() == 0:
            return True
        return view.viewport().rect().intersects(view.visualRect(model.index(0, 0)))

    class Paints(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and state["answered"] >= 0 and rows_drawn():
                state["painted"] = state["answered"]
            return False

    runner.finished.connect(on_answer)
    paints = Paints()
    view.viewport().installEventFilter(paints)
    latencies: dict[str, list[float]] = {query: [] for query in QUERIES}
    queries = QUERIES * 3
    random.Random(seed).shuffle(queries)
    for query in queries:
        window.panel.search_field.clear()
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
                QTest.keyClick(window.panel.search_field, query[len(sent) - 1], Qt.KeyboardModifier.NoModifier)
            app.processEvents()
            shown = state["painted"]
            if shown > 0:
                painted_at = time.perf_counter()
                for i in range(min(shown, len(sent))):
                    if done[i] is None:
                        done[i] = painted_at
            if time.perf_counter() - start > 30:
                raise SystemExit(f"no results painted for {query!r}")
        latencies[query] += [(d - s) * 1000 for s, d in zip(sent, done, strict=True) if d is not None]
    window.close()
    return latencies


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f})"


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _verdict(ratio: float, target: float) -> str:
    return f"**met** ({ratio:.2f}x ≤ {target}x)" if ratio <= target else f"**MISSED** ({ratio:.2f}x > {target}x)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=10, help="start-up runs of each program (default 10)")
    parser.add_argument("--interval", type=float, default=0, help="ms between keystrokes; 0 waits for results")
    parser.add_argument(
        "--before", type=Path, help="also start `gulagreader` from this src folder (another checkout), taking turns"
    )
    args = parser.parse_args()
    qpa = os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    load_before = _load()
    with tempfile.TemporaryDirectory() as tmp:
        basedir = Path(tmp)
        os.environ["GULAGREADER_BASEDIR"] = str(basedir)
        starts = measure_start(args.starts, basedir, args.before)
        waiting = measure_typing(0)
        paced = measure_typing(args.interval or 80)
    bare = statistics.median(start[0] for start in starts["bare"])
    ratio = statistics.median(start[0] for start in starts["gulagreader"]) / bare
    searchable = statistics.median(start[1] for start in starts["gulagreader"]) / bare
    listed = statistics.median(start[2] for start in starts["gulagreader"]) / bare
    lines = [
        f"### Reader, `QT_QPA_PLATFORM={qpa}`",
        "",
        f"- Python {platform.python_version()}, PySide6 {version('PySide6_Essentials')}, {os.cpu_count()} CPUs",
        f"- Command: `QT_QPA_PLATFORM={qpa} .venv/bin/python benchmarks/reader_bench.py --starts {args.starts}"
        f"{f' --before {args.before}' if args.before else ''}`",
        f"- Load average (1, 5, 15 min): {load_before} before, {_load()} after",
        "",
        "| start-up (ms): median (min–max) | window painted, takes typing | searching | library listed "
        "| longest stall | ratio to bare, painted · searching · listed |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    labels = {
        "bare": "bare PySide6 `QMainWindow`",
        "gulagreader": "`gulagreader` (store already built)",
        "reader": "`gulagreader.ui.app.run()` (the reader without the CLI parser)",
        "before": f"`gulagreader` from `{args.before}`",
    }
    for name in starts:
        painted, ready, shown, stall, *_ = (list(column) for column in zip(*starts[name], strict=True))
        lines.append(
            f"| {labels[name]} | {_spread(painted)} | {_spread(ready)} | {_spread(shown)} "
            f"| {statistics.median(stall):.0f} ({max(stall):.0f}) "
            f"| {' · '.join(f'{statistics.median(c) / bare:.2f}x' for c in (painted, ready, shown))} |"
        )
    lines += [
        "",
        f"- First paint, median of `gulagreader` / median of bare: {_verdict(ratio, PAINT_TARGET)}.",
        f"- Searchable (store attached, a search can answer), median of `gulagreader` / bare's first paint: "
        f"{_verdict(searchable, SEARCHABLE_TARGET)}; the library listed: {listed:.2f}x.",
        "- CPU time (each child's `time.process_time()`, less swayed by a busy machine), median ms at the "
        "paint · searchable · listed, and the ratio to the bare window's at its paint:",
    ]
    cpu_bare = statistics.median(start[4] for start in starts["bare"])
    for name in starts:
        cpu = [statistics.median(start[i] for start in starts[name]) for i in (4, 5, 6)]
        ms, ratios = " · ".join(f"{c:.0f}" for c in cpu), " · ".join(f"{c / cpu_bare:.2f}x" for c in cpu)
        lines.append(f"  - {labels[name]}: {ms} ({ratios})")
    lines += [
        "",
        "Keystroke to results painted (ms), per query; each query typed three times, the queries shuffled:",
        "",
        "| query | keys waiting for results: p50 · p95 · max | a key every "
        f"{args.interval or 80:.0f} ms: p50 · p95 · max |",
        "| --- | ---: | ---: |",
    ]
    for query in QUERIES:
        cells = [f"{_pct(v, 50):.1f} · {_pct(v, 95):.1f} · {max(v):.1f}" for v in (waiting[query], paced[query])]
        lines.append(f"| `{query}` | {cells[0]} | {cells[1]} |")
    p95 = max(_pct(by_query[query], 95) for by_query in (waiting, paced) for query in QUERIES)
    lines += [
        "",
        f"Worst per-query p95: **{p95:.1f} ms** "
        f"(target under {P95_TARGET_MS:.0f} ms: {'met' if p95 < P95_TARGET_MS else 'MISSED'}).",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"reader-{qpa}.md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
