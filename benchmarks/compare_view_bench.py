"""Compare-view benchmark: how long the desktop compare view of the largest event takes to open.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/compare_view_bench.py [--runs 20] [--event ID]

Times what the reader waits for after choosing an event: `CompareView(...)` (the core's
comparison, the columns, the tables), `show()`, and the events that lay out and paint it, until
every row has its synchronised height. The store is built once beforehand and the compare service
is warm, as it is in the running reader. Prints a Markdown report and writes it to
benchmarks/out/compare_view.md. Benchmarks are not tests: nothing here asserts.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from gulagreader.core.compare import CompareService
from gulagreader.core.store import build_store, open_store_at
from gulagreader.ui.compare.view import CompareView

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 300.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--event", help="event id (default: the event with the most account passages)")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp(prefix="gr-compare-view-bench-"))
    try:
        build_store(args.corpus.resolve(), tmp / "store")
        store = open_store_at(tmp / "store")
        service = CompareService(store)
        events = store.db.events()
        event = next((e for e in events if e.id == args.event), None) or max(
            events, key=lambda e: sum(len(a.passage_ids) for a in e.accounts)
        )
        service.compare(event.id)  # the name finder, built once per reader
        samples, rows = [], 0
        for _ in range(args.runs + 2):
            start = time.perf_counter_ns()
            view = CompareView(service, event.id)
            view.resize(1280, 800)
            view.show()
            app.processEvents()
            samples.append((time.perf_counter_ns() - start) / 1e6)
            rows = len(view.comparison.rows)
            view.close()
            view.deleteLater()
            app.processEvents()
        first, warm = samples[0], samples[2:]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    median = statistics.median(warm)
    report = "\n".join(
        [
            f"# Compare view benchmark ({time.strftime('%Y-%m-%d %H:%M')})",
            "",
            f"- Python {platform.python_version()}, {platform.system()} {platform.release()},"
            f" Qt platform {app.platformName()}",
            f"- Event `{event.id}`: {rows} rows; window 1280x800",
            f"- First open: {first:.0f} ms; then median of {len(warm)}: **{median:.0f} ms**"
            f" (slowest {max(warm):.0f} ms)",
            f"- Target: the compare view of the largest event opens in under {TARGET_MS:g} ms:"
            f" **{'met' if median < TARGET_MS else 'NOT met'}**",
        ]
    )
    print(report)
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "out" / "compare_view.md").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
