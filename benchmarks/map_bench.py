"""Map view benchmark: how long after the Map view is asked for its first frame is painted.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/map_bench.py [--runs 10]

Each run is a fresh process (the map's data and base map load once per process, so only a fresh
process shows what the reader's first Ctrl+M costs): it opens the store and builds the main window
(as the running reader has), then times `MapActions.show_map()` — the places service, the base
map, 120-odd markers, the list — and the events until the map's viewport has painted once with
its labels laid out, in wall-clock time and in the process's CPU time (which other jobs on a
shared machine do not inflate). Two modes: as the reader runs (`MapActions.preload` has read the
map's modules, data and base map in a quiet moment after start) and cold. Prints a Markdown report
and writes it to benchmarks/out/map.md. Benchmarks are not tests: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 100.0


def child(store_dir: Path, preload: bool) -> None:
    """One run: print the milliseconds from asking for the map to its first painted frame."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from gulagreader.core.store import open_store_at
    from gulagreader.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    window = MainWindow()
    window.attach(open_store_at(store_dir))
    window.show()
    window.map_actions.preload_timer.stop()
    settle = time.perf_counter() + 1.0  # the window's own deferred work (docks, results tabs) first
    while time.perf_counter() < settle:
        app.processEvents()
    if preload:
        window.map_actions.preload()
    painted: list[int] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter_ns())
            return False

    watch = Watch()
    cpu = time.process_time_ns()
    start = time.perf_counter_ns()
    view = window.map_actions.show_map()
    assert view is not None
    view.canvas.viewport().installEventFilter(watch)
    while not painted:
        app.processEvents()
    # the paint event has been delivered; let it finish before stopping the clock
    app.processEvents()
    end = time.perf_counter_ns()
    cpu_ms = (time.process_time_ns() - cpu) / 1e6
    labels = len(view.canvas.visible_labels())
    print(json.dumps({"ms": (end - start) / 1e6, "cpu_ms": cpu_ms, "labels": labels}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--preload", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.preload)
        return 0
    from gulagreader.core.store import build_store

    tmp = Path(tempfile.mkdtemp(prefix="gr-map-bench-"))
    try:
        build_store(args.corpus.resolve(), tmp / "store")
        env = {**os.environ, "GULAGREADER_BASEDIR": str(tmp / "base")}
        runs: dict[str, list[dict[str, float]]] = {"cold": [], "preloaded": []}
        for _ in range(args.runs):
            for mode, extra in (("cold", []), ("preloaded", ["--preload"])):
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(tmp / "store"), *extra],
                    capture_output=True,
                    text=True,
                    env=env,
                    check=True,
                )
                runs[mode].append(json.loads(out.stdout.strip().splitlines()[-1]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        f"# Map view benchmark ({time.strftime('%Y-%m-%d %H:%M')})",
        "",
        f"- Python {platform.python_version()}, {platform.system()} {platform.release()},"
        f" Qt platform {os.environ.get('QT_QPA_PLATFORM', 'default')}, load average {load:.1f} at the end",
        f"- {args.runs} fresh processes per mode; {runs['cold'][0]['labels']} labels in the first frame",
    ]
    for mode, what in (
        ("preloaded", "as the reader runs (its map data read in a quiet moment after start)"),
        ("cold", "nothing of the map loaded before (its modules, data and base map read on Ctrl+M)"),
    ):
        done = [r["ms"] for r in runs[mode]]
        median = statistics.median(done)
        cpu = statistics.median(r["cpu_ms"] for r in runs[mode])
        lines.append(
            f"- {mode.capitalize()}, {what}: asked for → first frame painted, median **{median:.0f} ms**"
            f" (fastest {min(done):.0f}, slowest {max(done):.0f}; CPU time of the process in that span,"
            f" median {cpu:.0f} ms); target under {TARGET_MS:g} ms: **{'met' if median < TARGET_MS else 'NOT met'}**"
        )
    report = "\n".join(lines)
    print(report)
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "out" / "map.md").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
