"""Draw docs/benchmarks-scale.png from benchmarks/out/scale.json (written by scale_bench.py).

    make bench-scale      # runs this with the plotting venv benchmarks/out/venv-plot
    benchmarks/out/venv-plot/bin/python benchmarks/scale_plot.py [SCALE_JSON] [PNG]

Needs only matplotlib (benchmarks/requirements.lock), in a venv of its own: with numpy importable,
sqlite-utils imports it, and the start-up times the benchmark measures would include that.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parents[1]


def p95(samples: list[int]) -> float:
    """Nearest-rank 95th percentile, in milliseconds (as search_bench.pct)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] / 1e6


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "benchmarks" / "out" / "scale.json"
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "benchmarks-scale.png"
    results = json.loads(source.read_text())
    sizes = [int(r["size"]) for r in results]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for engine, label in (("ours", "GulagReader"), ("raw", "raw tantivy-py"), ("fts5", "SQLite FTS5")):
        for name, pick, style in (("median query", statistics.median, "-"), ("worst query", max, ":")):
            values = [pick(p95(v) for v in r["search"]["samples"][engine].values() if v) for r in results]
            left.plot(sizes, values, style, marker="o", label=f"{label}, {name}")
    left.set(xscale="log", yscale="log", xlabel="passages", ylabel="p95 ms (12 queries)")
    left.set_title("Search p95, top 10 with snippets")
    left.grid(True, which="both", alpha=0.3)
    left.legend(fontsize=7)
    for key, label in (("build_ours", "GulagReader build_store"), ("build_raw", "raw tantivy-py index")):
        seconds = [statistics.median(b["seconds"] for b in r[key]) for r in results]
        right.plot(sizes, seconds, marker="o", label=label)
    right.plot(sizes, [r["build_fts"]["seconds"] for r in results], marker="o", label="SQLite FTS5")
    right.set(xscale="log", yscale="log", xlabel="passages", ylabel="seconds", title="Build time")
    right.grid(True, which="both", alpha=0.3)
    right.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(target, dpi=110)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
