"""Compare-view benchmark: how long the core takes to line up the accounts of the largest event.

    .venv/bin/python benchmarks/compare_bench.py [--corpus DIR] [--runs 50] [--event ID] [--profile]

Target: opening the compare view of the largest event in under 300 ms (this measures the core
part: `CompareService.compare`, with rows, collation, figures and names). Prints a Markdown report
and writes it to benchmarks/out/compare.md. Benchmarks are not tests: nothing here asserts.
"""

from __future__ import annotations

import argparse
import cProfile
import math
import platform
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from gulagreader.core.compare import CompareService
from gulagreader.core.store import build_store, open_store_at

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 300.0


def timed_ms(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        fn()
        out.append((time.perf_counter_ns() - start) / 1e6)
    return out


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--event", help="event id (default: the event with the most account passages)")
    parser.add_argument("--profile", action="store_true", help="then cProfile compare() to stderr")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="gr-compare-bench-"))
    try:
        build_store(args.corpus.resolve(), tmp / "store")
        store = open_store_at(tmp / "store")
        start = time.perf_counter_ns()
        service = CompareService(store)
        make_ms = (time.perf_counter_ns() - start) / 1e6
        events = store.db.events()
        event = next((e for e in events if e.id == args.event), None) or max(
            events, key=lambda e: sum(len(a.passage_ids) for a in e.accounts)
        )
        start = time.perf_counter_ns()
        first = service.compare(event.id)
        first_ms = (time.perf_counter_ns() - start) / 1e6
        warm = timed_ms(lambda: service.compare(event.id), args.runs)
        timeline = timed_ms(service.events, args.runs)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(lambda: [service.compare(event.id) for _ in range(args.runs)])
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumtime").print_stats(20)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    passages = sum(len(c.passage_ids) for c in first.columns)
    collated = sum(1 for row in first.rows for cell in row.cells for r in cell.readings if r.collation)
    median = statistics.median(warm)
    verdict = "met" if max(median, make_ms + first_ms) < TARGET_MS else "NOT met"
    report = "\n".join(
        [
            f"# Compare benchmark ({time.strftime('%Y-%m-%d %H:%M')})",
            "",
            f"- Python {platform.python_version()}, {platform.system()} {platform.release()}",
            f"- Event `{event.id}`: {len(first.columns)} columns, {len(first.rows)} rows, {passages} passages,"
            f" {collated} collated readings, {len(first.figures)} figure rows, {len(first.names)} names",
            f"- `CompareService(store)`: {make_ms:.1f} ms; first `compare()` (builds the name finder):"
            f" {first_ms:.1f} ms",
            f"- `compare()` warm, median of {args.runs}: **{median:.1f} ms** (p95 {pct(warm, 95):.1f} ms)",
            f"- `events()` (the timeline), median of {args.runs}: {statistics.median(timeline):.2f} ms",
            f"- Target: the compare view of the largest event in under {TARGET_MS:g} ms: **{verdict}**",
        ]
    )
    print(report)
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "out" / "compare.md").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
