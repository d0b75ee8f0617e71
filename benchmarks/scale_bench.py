"""Scale benchmark: builds and searches of 10k, 100k and 1M generated passages against the raw engines.

    .venv/bin/python benchmarks/scale_bench.py --sizes 10000,100000          # ~10 min at 100k on 2 cores
    .venv/bin/python benchmarks/scale_bench.py --sizes 100000 --busy         # also builds with a core busy
    .venv/bin/python benchmarks/scale_bench.py --sizes 1000000 --builds 1    # ~1 h
    .venv/bin/python benchmarks/scale_bench.py --report-from benchmarks/out/scale.json   # the tables again

For each size it generates a corpus in our format (benchmarks/scale_corpus.py, seeded; kept in the
work folder and reused), then runs what search_bench.py runs on the bundled corpus: builds each in
its own process, alternating with raw plain tantivy, raw tantivy on our schema and FTS5 (peak RSS
of each); the query set chosen from that corpus, shuffled, the engines taking turns query by query,
per-query p50 and p95; our search process against a raw tantivy process. Writes
benchmarks/out/scale.md and scale.json. Benchmarks are not tests: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchlib import ROOT, machine  # noqa: E402
from benchsuite import Options, run_suite, say, target_lines, targets_table  # noqa: E402
from scale_corpus import generate  # noqa: E402


def corpus_for(size: int, workdir: Path, seed: int) -> Path:
    folder = workdir / f"corpus-{size}"
    marker = folder / "generated.json"
    if marker.exists():
        info = json.loads(marker.read_text())
        if info.get("passages") == size and info.get("seed") == seed:
            return folder
    say(f"generating {size:,} passages ...")
    generate(folder, size, seed)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated (default 10000,100000)")
    parser.add_argument("--workdir", type=Path, default=ROOT / "benchmarks" / "out" / "scale")
    parser.add_argument("--seed", type=int, default=8, help="of the generated corpus")
    parser.add_argument("--rounds", type=int, default=30, help="rounds of the query set (default 30)")
    parser.add_argument("--builds", type=int, help="timed builds of each engine (default 3; 1 at 1M)")
    parser.add_argument("--process-runs", type=int, default=10, help="runs of each search process (default 10)")
    parser.add_argument("--busy", action="store_true", help="also build with a process burning the second core")
    parser.add_argument("--quick", action="store_true", help="15 rounds, 2 builds, 6 process runs")
    parser.add_argument("--sections", default="build,search,process")
    parser.add_argument("--keep", action="store_true", help="keep the stores and indexes in the work folder")
    parser.add_argument("--report-from", type=Path, help="only print the report saved in this scale.json")
    args = parser.parse_args()
    if args.report_from:
        print(json.loads(args.report_from.read_text())["report"])
        return 0
    if args.quick:
        args.rounds, args.builds, args.process_runs = 15, args.builds or 2, 6
    command = " ".join([".venv/bin/python benchmarks/scale_bench.py", *sys.argv[1:]])
    lines = [f"## Generated corpora ({time.strftime('%Y-%m-%d %H:%M')} UTC)", "", *machine()]
    lines += [f"- Command: `{command}`", ""]
    figures = []
    targets: dict[str, dict[str, str]] = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        started = time.perf_counter()
        corpus = corpus_for(size, args.workdir, args.seed)
        opts = Options(
            builds=args.builds or (1 if size >= 1_000_000 else 3),
            busy=args.busy,
            rounds=args.rounds,
            process_runs=args.process_runs,
            seed=21,
            build_target=1.5 if size >= 100_000 else None,
            sections=frozenset(args.sections.split(",")),
        )
        work = args.workdir / f"run-{size}"
        got, data = run_suite(corpus, work, opts, f"{size:,} passages")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        got = [f"#{line}" if line.startswith("### ") else line for line in got]  # one level under the size
        lines += [f"### {size:,} passages ({time.perf_counter() - started:.0f} s)", "", *got, ""]
        figures.append(data)
        targets[f"{size:,} passages"] = target_lines(data, opts)
        report = "\n".join([*lines, *targets_table(targets)]) + "\n"
        out = ROOT / "benchmarks" / "out"
        (out / "scale.json").write_text(json.dumps({"report": report, "sizes": figures}, indent=1), encoding="utf-8")
        (out / "scale.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
