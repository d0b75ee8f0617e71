"""Build and search benchmark on the bundled corpus: ours against raw tantivy-py and SQLite FTS5, interleaved.

    .venv/bin/python benchmarks/search_bench.py                 # ~5 min on a quiet 2-core machine
    .venv/bin/python benchmarks/search_bench.py --quick         # ~2 min: fewer rounds and builds
    .venv/bin/python benchmarks/search_bench.py --busy          # also builds with the second core busy
    .venv/bin/python benchmarks/search_bench.py --sections search,process   # skip the timed builds

Builds (each in its own process, alternating), in-process search (per query, shuffled rounds, the
engines taking turns query by query) and a search process against a raw tantivy process; see
benchlib.py for the references. Prints a Markdown report and writes benchmarks/out/search.md and
search.json. Benchmarks are not tests: nothing here asserts; each target is reported met or MISSED.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchlib import ROOT, machine  # noqa: E402
from benchsuite import Options, run_suite, target_lines, targets_table  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--rounds", type=int, default=200, help="rounds of the query set (default 200)")
    parser.add_argument("--builds", type=int, default=7, help="timed builds of each engine (default 7)")
    parser.add_argument("--process-runs", type=int, default=25, help="runs of each search process (default 25)")
    parser.add_argument("--busy", action="store_true", help="also build with a process burning the second core")
    parser.add_argument("--quick", action="store_true", help="60 rounds, 3 builds, 10 process runs")
    parser.add_argument("--sections", default="build,search,process")
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.builds, args.process_runs = 60, 3, 10
    opts = Options(
        builds=args.builds,
        busy=args.busy,
        rounds=args.rounds,
        process_runs=args.process_runs,
        seed=args.seed,
        build_target=3.0,
        sections=frozenset(args.sections.split(",")),
    )
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="gr-bench-"))
    try:
        lines, data = run_suite(args.corpus.resolve(), work, opts, "bundled corpus")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    command = " ".join([".venv/bin/python benchmarks/search_bench.py", *sys.argv[1:]])
    header = [f"## The bundled corpus ({time.strftime('%Y-%m-%d %H:%M')} UTC)", "", *machine()]
    header += [f"- Command: `{command}` ({time.perf_counter() - started:.0f} s)", ""]
    lines += ["", *targets_table({"bundled corpus": target_lines(data, opts)})]
    report = "\n".join(header + lines) + "\n"
    print(report)
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "search.md").write_text(report, encoding="utf-8")
    (out / "search.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
