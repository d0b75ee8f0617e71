"""Scale benchmark: our build, search and start-up at 10k, 100k and 1M passages, against the raw engines.

    make bench-scale        # = .venv/bin/python benchmarks/scale_bench.py (after installing the bench extra)
    .venv/bin/python benchmarks/scale_bench.py --sizes 10000,100000 --runs 100 --workdir /tmp/gr-scale

For each size it generates a corpus in our format (benchmarks/scale_corpus.py, seeded; kept in the
work folder and reused), then measures, each figure as a ratio within the same run plus the
absolute value:

- build: `build_store` (our `gulagreader build`) vs raw tantivy-py `add_document` of the same
  passages with the same schema, analyzers and writer settings (documents prepared before the
  timer) vs an on-disk SQLite FTS5 table; passages/s, MB/s, size on disk, peak RSS. Each build runs
  in its own process.
- search: p50/p95/p99 over the query set (QUERIES), top 10 with stored text and snippets: ours
  (`SearchService.search`) vs raw tantivy (parse_query + SnippetGenerator) on the same index vs
  FTS5 bm25() + snippet(); all three interleaved query by query in one process.
- peak RSS of a process that only opens the store and runs the query set (resource.getrusage).
- cold start: process start to the first result of `gulagreader search camp` (a new process each
  time; the OS page cache is warm), the large store against the bundled one, runs interleaved.
- the reader (if src/gulagreader/ui works): process start to an interactive window, and the
  longest event-loop stall while a 20-character query is typed at 10 keys/s.

Writes benchmarks/out/scale.json and scale.md; benchmarks/scale_plot.py draws docs/benchmarks-scale.png
from the JSON (matplotlib, in a venv of its own: numpy must not be importable here, because
sqlite-utils imports it when it can and that would slow the start-up being measured).
Benchmarks are not tests: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from scale_corpus import generate  # noqa: E402
from search_bench import Case, disk_bytes, machine, pct  # noqa: E402

PYTHON = sys.executable
GULAGREADER = str(Path(PYTHON).with_name("gulagreader"))
TYPED = "Vorkuta hunger strike"[:20]  # the 20 characters typed into the reader's search field


def queries(info: dict[str, object]) -> list[Case]:
    """The query set, in each engine's syntax (as search_bench.Case: FTS5 None = no equivalent)."""
    source, event = str(info["query_source"]), str(info["query_event"])
    return [
        Case("common word", "camp", "camp"),
        Case("rare name", "Kachketine", "Kachketine"),
        Case("name variant", "Derevyanko", "Derevyanko"),
        Case("two-word AND", "hunger strike", "hunger strike"),
        Case("phrase", '"hunger strike"', '"hunger strike"'),
        Case("phrase of stop words", '"of the"', '"of the"'),
        Case("prefix", "Vork*", "Vork*", raw="text:/vork.*/"),
        Case("fuzzy", "Kuznetsov~", None, raw="Kuznetsov", raw_fuzzy=True),
        Case("source filter", f"strike source:{source}", "strike", f"AND source_id = '{source}'"),
        Case("event filter", f"event:{event} strike", "strike", f"AND events LIKE '%\"{event}\"%'"),
        Case(
            "year range",
            "year:1936..1938 strike",
            "strike AND (1936 OR 1937 OR 1938)",
            raw="year:[1936 TO 1938] strike",
        ),
        Case("typo + suggestion", "Vorkutta", "Vorkutta"),
    ]


# --- child processes: each prints one JSON object ---


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def child_build_ours(corpus: Path, basedir: Path) -> dict[str, object]:
    from gulagreader.core import paths
    from gulagreader.core.store import build_store

    paths.set_basedir(basedir)
    start = time.perf_counter()
    report = build_store(corpus)  # into the cache folder, by corpus key: where `gulagreader search` looks
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "maxrss_mb": _maxrss_mb(), "store": str(report.store), "warnings": len(report.warnings)}


def child_build_raw(corpus: Path, out: Path) -> dict[str, object]:
    from search_bench import raw_build, raw_fields

    docs = raw_fields(corpus)
    before = _maxrss_mb()
    out.mkdir(parents=True)
    start = time.perf_counter()
    raw_build(out, docs)
    return {"seconds": time.perf_counter() - start, "maxrss_mb_with_docs": _maxrss_mb(), "docs_mb": before}


def child_build_fts(corpus_db: Path, out: Path) -> dict[str, object]:
    start = time.perf_counter()
    conn = sqlite3.connect(out)
    conn.execute("ATTACH DATABASE ? AS store", (f"file:{corpus_db}?mode=ro",))
    conn.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(text, source_id UNINDEXED, events UNINDEXED,"
        " tokenize='porter unicode61 remove_diacritics 2')"
    )
    conn.execute("INSERT INTO fts(rowid, text, source_id, events) SELECT rowid, text, source_id, events FROM passages")
    conn.commit()
    conn.close()
    return {"seconds": time.perf_counter() - start}


def child_search(store: Path, fts: Path, info: Path, runs: int, warmup: int, budget: float) -> dict[str, object]:
    from gulagreader.core.search import SearchService
    from gulagreader.core.store import open_store_at
    from search_bench import raw_engine

    service = SearchService(open_store_at(store))
    conn = sqlite3.connect(f"file:{fts}?mode=ro", uri=True)

    def fts_run(case: Case) -> int:
        sql = (
            "SELECT rowid, source_id, text, bm25(fts), snippet(fts, 0, '[', ']', '…', 40) FROM fts"
            f" WHERE fts MATCH ? {case.fts_where} ORDER BY bm25(fts) LIMIT 10"
        )
        return len(conn.execute(sql, (case.fts,)).fetchall())

    engines: dict[str, Callable[[Case], int]] = {
        "ours": lambda c: len(service.search(c.ours, limit=10).hits),
        "raw": raw_engine(store / "index"),
        "fts5": fts_run,
    }
    samples: dict[str, dict[str, list[int]]] = {e: {} for e in engines}
    hits: dict[str, dict[str, int]] = {e: {} for e in engines}
    totals: dict[str, int] = {}
    for case in queries(json.loads(info.read_text())):
        totals[case.label] = service.search(case.ours, limit=10).total
        for name, engine in engines.items():
            if name == "fts5" and case.fts is None:
                continue
            hits[name][case.label] = engine(case)
            samples[name][case.label] = _timed(lambda e=engine, c=case: e(c), runs, warmup, budget)
    return {"samples": samples, "hits": hits, "totals": totals}


def _timed(fn: Callable[[], object], runs: int, warmup: int, budget: float) -> list[int]:
    """Up to `runs` timings after up to `warmup` untimed calls; stops early past `budget` seconds."""
    deadline = time.perf_counter() + budget / 4
    for _ in range(warmup):
        fn()
        if time.perf_counter() > deadline:
            break
    out: list[int] = []
    deadline = time.perf_counter() + budget
    while len(out) < runs and (len(out) < 5 or time.perf_counter() < deadline):
        start = time.perf_counter_ns()
        fn()
        out.append(time.perf_counter_ns() - start)
    return out


def child_rss(store: Path, info: Path) -> dict[str, object]:
    from gulagreader.core.search import SearchService
    from gulagreader.core.store import open_store_at

    service = SearchService(open_store_at(store))
    opened = _maxrss_mb()
    for _ in range(20):
        for case in queries(json.loads(info.read_text())):
            service.search(case.ours, limit=10)
    return {"after_open_mb": opened, "peak_mb": _maxrss_mb()}


def child_reader(corpus: Path, basedir: Path, mode: str) -> dict[str, object]:
    """Open the reader as `gulagreader` does (ui.app.run); time it, or type into it and time stalls."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from gulagreader.core import paths
    from gulagreader.ui import app as reader_app

    paths.set_basedir(basedir)
    started_ns = int(os.environ["GR_BENCH_SPAWNED_NS"])
    qapp = QApplication(sys.argv[:1])
    result: dict[str, object] = {}

    def window_ready() -> None:
        window = next(
            (w for w in qapp.topLevelWidgets() if getattr(getattr(w, "panel", None), "runner", None) is not None), None
        )
        if window is None:  # app.run() paints the window first and opens the store after: not ready yet
            QTimer.singleShot(1, window_ready)
            return
        result["interactive_s"] = (time.time_ns() - started_ns) / 1e9
        if mode == "start":
            qapp.quit()
            return
        field = next(f for f in window.findChildren(QLineEdit) if f.accessibleName() == "Search")
        field.clear()
        clock, ticks = QElapsedTimer(), QTimer(field)  # parented: a local QTimer would be collected
        worst, count = [0], [0]
        stalls: list[tuple[int, str]] = []  # (gap ms, the field's text at its end), gaps over 10 ms
        last = [0]

        def tick() -> None:
            count[0] += 1
            now = clock.elapsed()
            if now - last[0] > 12:
                stalls.append((now - last[0], field.text()))
            worst[0] = max(worst[0], now - last[0])
            last[0] = now

        ticks.setTimerType(Qt.TimerType.PreciseTimer)
        ticks.timeout.connect(tick)
        clock.start()
        ticks.start(2)
        keys = iter(TYPED)

        def type_one() -> None:
            char = next(keys, None)
            if char is not None:
                QTest.keyClick(field, char)
                QTimer.singleShot(100, type_one)
                return
            done = QElapsedTimer()
            done.start()

            def settle() -> None:
                if window.panel.shown_query != TYPED and done.elapsed() < 10_000:
                    QTimer.singleShot(20, settle)
                    return
                QTimer.singleShot(300, finish)

            settle()

        def finish() -> None:
            result["longest_stall_ms"] = max(0, worst[0] - 2)  # the longest gap between 2 ms ticks, less 2 ms
            result["ticks"] = count[0]
            result["stalls"] = stalls
            result["typed"] = TYPED
            result["shown"] = window.panel.shown_query
            qapp.quit()

        QTimer.singleShot(200, type_one)

    QTimer.singleShot(0, window_ready)  # polls from app.run()'s first turn until the store is attached
    result["exit"] = reader_app.run(corpus)
    return result


# --- the parent: run the children, collect, report ---


def run_child(*args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    done = subprocess.run(
        [PYTHON, str(Path(__file__)), "_child", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    if done.returncode != 0:
        raise RuntimeError(f"child {args[0]} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def corpus_for(size: int, workdir: Path, seed: int) -> tuple[Path, dict[str, object]]:
    folder = workdir / f"corpus-{size}"
    marker = folder / "generated.json"
    if marker.exists():
        info = json.loads(marker.read_text())
        if info.get("passages") == size and info.get("seed") == seed:
            return folder, info
    print(f"generating {size:,} passages ...", file=sys.stderr)
    return folder, generate(folder, size, seed)


def cli_start(args: list[str], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run([GULAGREADER, *args], capture_output=True, check=True)
        out.append(time.perf_counter() - start)
    return out


def reader_works() -> bool:
    probe = [PYTHON, "-c", "import gulagreader.ui.app, gulagreader.ui.main_window"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(probe, capture_output=True, env=env, check=False).returncode == 0


def reader_figures(stores: dict[str, tuple[Path | None, Path]], rounds: int) -> dict[str, dict[str, object]]:
    """The reader on each store (name: corpus, basedir), the stores taking turns start by start, so
    that the machine's drift falls on all of them alike."""
    figures: dict[str, dict[str, list[object]]] = {
        name: {"interactive_s": [], "longest_stall_ms": [], "shown": [], "stalls": []} for name in stores
    }
    for mode in ["start"] * rounds + ["typing"] * 2:
        for name, (corpus, basedir) in stores.items():
            env = {"GR_BENCH_SPAWNED_NS": str(time.time_ns()), "QT_QPA_PLATFORM": "offscreen"}
            got = run_child("reader", str(corpus or ""), str(basedir), mode, env=env)
            found = figures[name]
            if mode == "start":
                found["interactive_s"].append(float(str(got["interactive_s"])))
            else:
                found["longest_stall_ms"].append(float(str(got["longest_stall_ms"])))
                found["shown"].append(str(got["shown"]))
                found["stalls"].append(got.get("stalls"))
    return {name: dict(found) for name, found in figures.items()}


def measure(size: int, args: argparse.Namespace, bundled_base: Path) -> dict[str, object]:
    workdir: Path = args.workdir
    corpus, info = corpus_for(size, workdir, args.seed)
    base = workdir / f"base-{size}"
    raw_dir, fts = workdir / f"raw-{size}", workdir / f"fts-{size}.db"
    builds = 3 if size <= 10_000 else 2 if size <= 100_000 else 1
    ours, raw = [], []
    for _ in range(builds):  # interleaved, so both see the same machine
        shutil.rmtree(base, ignore_errors=True)
        shutil.rmtree(raw_dir, ignore_errors=True)
        print(f"{size:,}: building ours ...", file=sys.stderr)
        ours.append(run_child("build-ours", str(corpus), str(base)))
        print(f"{size:,}: building raw tantivy ...", file=sys.stderr)
        raw.append(run_child("build-raw", str(corpus), str(raw_dir)))
    fts.unlink(missing_ok=True)
    store = Path(str(ours[-1]["store"]))
    print(f"{size:,}: building FTS5 ...", file=sys.stderr)
    fts_build = run_child("build-fts", str(store / "corpus.db"), str(fts))
    print(f"{size:,}: searching ...", file=sys.stderr)
    search = run_child(
        "search", str(store), str(fts), str(corpus / "generated.json"), str(args.runs), "10", str(args.budget)
    )
    rss = run_child("rss", str(store), str(corpus / "generated.json"))
    print(f"{size:,}: cold starts ...", file=sys.stderr)
    large_args = ["--basedir", str(base), "--corpus", str(corpus), "search", "camp"]
    bundled_args = ["--basedir", str(bundled_base), "search", "camp"]
    first_open = cli_start(large_args, 1)[0]  # hashes the corpus, checks the database; remembered after
    time.sleep(2.5)  # what is remembered within 2 s of a file's change is not trusted (fingerprint.py)
    cli_start(large_args, 1)
    large, bundled = [], []
    for _ in range(args.starts):
        large += cli_start(large_args, 1)
        bundled += cli_start(bundled_args, 1)
    result: dict[str, object] = {
        "size": size,
        "info": info,
        "build_ours": ours,
        "build_raw": raw,
        "build_fts": fts_build,
        "sizes_mb": {
            "corpus.db": disk_bytes(store / "corpus.db") / 1e6,
            "index": disk_bytes(store / "index") / 1e6,
            "raw index": disk_bytes(raw_dir) / 1e6,
            "fts5 db": disk_bytes(fts) / 1e6,
        },
        "search": search,
        "rss": rss,
        "cli_first_open_s": first_open,
        "cli_start_s": {"large": large, "bundled": bundled},
    }
    if args.reader and reader_works():
        print(f"{size:,}: the reader ...", file=sys.stderr)
        stores = {"large": (corpus, base), "bundled": (None, bundled_base)}
        result["reader"] = reader_figures(stores, args.reader_starts)
    if not args.keep:
        shutil.rmtree(raw_dir, ignore_errors=True)
        fts.unlink(missing_ok=True)
    return result


# --- the report ---


def row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def ms(samples: list[int], p: float) -> float:
    return pct(samples, p) if samples else math.nan


def report(results: list[dict[str, object]], header: list[str]) -> str:
    out = [*header, ""]
    out += [
        "## Build",
        "",
        row(
            "passages",
            "MB of text",
            "ours s",
            "raw tantivy s",
            "ours / raw time",
            "ours passages/s",
            "raw passages/s",
            "ours MB/s",
            "raw MB/s",
            "FTS5 s",
            "ours peak RSS MB",
        ),
    ]
    out.append(row(*["---:"] * 11))
    for r in results:
        n, mb = int(str(r["size"])), float(str(r["info"]["text_mb"]))
        o = statistics.median(float(str(b["seconds"])) for b in r["build_ours"])
        w = statistics.median(float(str(b["seconds"])) for b in r["build_raw"])
        f = float(str(r["build_fts"]["seconds"]))
        rss = max(float(str(b["maxrss_mb"])) for b in r["build_ours"])
        out.append(
            row(
                f"{n:,}",
                f"{mb:.0f}",
                f"{o:.1f}",
                f"{w:.1f}",
                f"**{o / w:.2f}x**",
                f"{n / o:,.0f}",
                f"{n / w:,.0f}",
                f"{mb / o:.1f}",
                f"{mb / w:.1f}",
                f"{f:.1f}",
                f"{rss:.0f}",
            )
        )
    out += ["", row("passages", "corpus.db MB", "index MB", "store MB", "raw index MB", "FTS5 db MB")]
    out.append(row(*["---:"] * 6))
    for r in results:
        s = r["sizes_mb"]
        out.append(
            row(
                f"{r['size']:,}",
                *(f"{s[k]:.0f}" for k in ("corpus.db", "index")),
                f"{s['corpus.db'] + s['index']:.0f}",
                f"{s['raw index']:.0f}",
                f"{s['fts5 db']:.0f}",
            )
        )
    for r in results:
        out += search_table(r)
    out += ["", "## Start-up, memory, the reader", ""]
    out.append(
        row(
            "passages",
            "CLI start, large store s (median)",
            "CLI start, bundled s",
            "large / bundled",
            "first start after build s",
            "RSS after open MB",
            "peak RSS searching MB",
        )
    )
    out.append(row(*["---:"] * 7))
    for r in results:
        cs = r["cli_start_s"]
        large, bundled = statistics.median(cs["large"]), statistics.median(cs["bundled"])
        rss = r["rss"]
        out.append(
            row(
                f"{r['size']:,}",
                f"{large:.3f}",
                f"{bundled:.3f}",
                f"**{large / bundled:.2f}x**",
                f"{float(str(r['cli_first_open_s'])):.2f}",
                f"{rss['after_open_mb']:.0f}",
                f"{rss['peak_mb']:.0f}",
            )
        )
    if any("reader" in r for r in results):
        out += [
            "",
            row(
                "passages",
                "reader interactive, large s",
                "bundled s",
                "large / bundled",
                "longest stall typing, large ms",
                "bundled ms",
                "query shown at the end",
            ),
        ]
        out.append(row(*["---:"] * 6, "---"))
        for r in results:
            if "reader" not in r:
                continue
            large_r, bundled_r = r["reader"]["large"], r["reader"]["bundled"]
            a, b = statistics.median(large_r["interactive_s"]), statistics.median(bundled_r["interactive_s"])
            out.append(
                row(
                    f"{r['size']:,}",
                    f"{a:.3f}",
                    f"{b:.3f}",
                    f"**{a / b:.2f}x**",
                    f"{max(large_r['longest_stall_ms']):.0f}",
                    f"{max(bundled_r['longest_stall_ms']):.0f}",
                    f"`{large_r['shown'][-1]}`",
                )
            )
    return "\n".join(out) + "\n"


def search_table(r: dict[str, object]) -> list[str]:
    search = r["search"]
    samples, hits, totals = search["samples"], search["hits"], search["totals"]
    out = ["", f"## Search at {r['size']:,} passages: top 10 with text and snippets (ms, p50 / p95 / p99)", ""]
    out.append(row("query", "matches", "ours", "raw tantivy", "SQLite FTS5", "ours / raw p95", "FTS5 / ours p95", "n"))
    out.append(row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"))
    for label in samples["ours"]:
        o, w, f = samples["ours"][label], samples["raw"][label], samples["fts5"].get(label, [])
        cells = [" / ".join(f"{ms(s, p):.2f}" for p in (50, 95, 99)) if s else "n/a" for s in (o, w, f)]
        ratio = f"{ms(o, 95) / ms(w, 95):.1f}x" if hits["raw"].get(label) else "(raw finds 0)"
        fts_ratio = f"{ms(f, 95) / ms(o, 95):.0f}x" if f else "n/a"
        out.append(
            row(
                f"{label}: `{_cell(label, r)}`",
                f"{totals[label]:,}",
                *cells,
                ratio,
                fts_ratio,
                f"{len(o)}/{len(w)}/{len(f)}",
            )
        )
    summary = {e: query_p95s(samples[e]) for e in ("ours", "raw", "fts5")}
    for name, pick in (("median of the queries' p95", statistics.median), ("worst query's p95", max)):
        o, w, f = (pick(summary[e]) for e in ("ours", "raw", "fts5"))
        out.append(
            row(f"**{name}**", "", f"{o:.2f}", f"{w:.2f}", f"{f:.2f}", f"**{o / w:.1f}x**", f"**{f / o:.0f}x**", "")
        )
    # the query set's p95: every timed run of the queries all three engines run, pooled (a query
    # with fewer runs in its time budget weighs less: FTS5's slowest ones, so this favours FTS5)
    common = [label for label in samples["ours"] if samples["fts5"].get(label)]
    o, w, f = (pooled_p95([samples[e][label] for label in common]) for e in ("ours", "raw", "fts5"))
    out.append(
        row(
            "**every run pooled (the query set's p95)**",
            "",
            f"{o:.2f}",
            f"{w:.2f}",
            f"{f:.2f}",
            f"**{o / w:.1f}x**",
            f"**{f / o:.0f}x**",
            "",
        )
    )
    over = [
        label
        for label in samples["ours"]
        if hits["raw"].get(label) and ms(samples["ours"][label], 95) > 2 * ms(samples["raw"][label], 95)
    ]
    out.append(f"\nqueries over 2x raw tantivy at p95: {', '.join(over) or 'none'}.")
    out.append(
        "\nhits shown ours/raw/FTS5: "
        + ", ".join(
            f"{label} {'/'.join(str(hits[e].get(label, '-')) for e in ('ours', 'raw', 'fts5'))}"
            for label in samples["ours"]
        )
    )
    return out


def pooled_p95(runs: list[list[int]]) -> float:
    """The p95 (ms) of all these runs together."""
    return ms([x for one in runs for x in one], 95)


def query_p95s(samples: dict[str, list[int]]) -> list[float]:
    """Each query's p95 (ms): every query counts once, however many runs its time budget allowed."""
    return [ms(v, 95) for v in samples.values() if v]


def _cell(label: str, r: dict[str, object]) -> str:
    case = next(c for c in queries(r["info"]) if c.label == label)
    return case.ours


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        return _child(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--workdir", type=Path, default=ROOT / "benchmarks" / "out" / "scale")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--runs", type=int, default=100, help="timed runs per query and engine")
    parser.add_argument("--budget", type=float, default=8.0, help="seconds per query and engine (min 5 runs)")
    parser.add_argument("--starts", type=int, default=10, help="CLI cold starts per store")
    parser.add_argument("--reader-starts", type=int, default=11)
    parser.add_argument("--no-reader", dest="reader", action="store_false")
    parser.add_argument("--keep", action="store_true", help="keep the raw index and FTS5 database")
    parser.add_argument("--report-from", type=Path, help="only write the report of a scale.json again")
    args = parser.parse_args()
    if args.report_from:
        results = json.loads(args.report_from.read_text())
        header = [f"# Scale benchmark (report of {args.report_from})", "", *machine()]
        text = report(results, header)
        (args.report_from.with_suffix(".md")).write_text(text, encoding="utf-8")
        print(text)
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    bundled_base = args.workdir / "base-bundled"
    subprocess.run([GULAGREADER, "--basedir", str(bundled_base), "search", "camp"], capture_output=True, check=True)
    header = [f"# Scale benchmark ({time.strftime('%Y-%m-%d %H:%M')})", "", *machine()]
    header.append(f"- PySide6 {_version('PySide6-Essentials')}, sqlite-utils {_version('sqlite-utils')}")
    header.append(f"- Command: `{' '.join(['benchmarks/scale_bench.py', *sys.argv[1:]])}`")
    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        started = time.perf_counter()
        results.append(measure(size, args, bundled_base))
        results[-1]["wall_s"] = time.perf_counter() - started
        (args.workdir.parent / "scale.json").write_text(json.dumps(results, indent=1))
        print(f"{size:,}: done in {results[-1]['wall_s']:.0f} s", file=sys.stderr)
    text = report(results, header)
    (args.workdir.parent / "scale.md").write_text(text, encoding="utf-8")
    print(text)
    print("the plot: benchmarks/scale_plot.py (make bench-scale runs it)", file=sys.stderr)
    return 0


def _version(package: str) -> str:
    try:
        return version(package)
    except Exception:
        return "not installed"


def _child(argv: list[str]) -> int:
    kind, rest = argv[0], argv[1:]
    if kind == "build-ours":
        got = child_build_ours(Path(rest[0]), Path(rest[1]))
    elif kind == "build-raw":
        got = child_build_raw(Path(rest[0]), Path(rest[1]))
    elif kind == "build-fts":
        got = child_build_fts(Path(rest[0]), Path(rest[1]))
    elif kind == "search":
        got = child_search(Path(rest[0]), Path(rest[1]), Path(rest[2]), int(rest[3]), int(rest[4]), float(rest[5]))
    elif kind == "rss":
        got = child_rss(Path(rest[0]), Path(rest[1]))
    elif kind == "reader":
        got = child_reader(Path(rest[0]) if rest[0] else None, Path(rest[1]), rest[2])
    else:
        raise SystemExit(f"unknown child {kind}")
    print(json.dumps(got))
    return 0


if __name__ == "__main__":
    sys.exit(main())
