"""Build and search benchmark: our store and SearchService vs raw tantivy-py vs SQLite FTS5, in one run.

    .venv/bin/python benchmarks/search_bench.py [--corpus DIR] [--runs 200] [--warmup 20] [--builds 5] [--profile]

Prints a Markdown report and writes it to benchmarks/out/latest.md. Benchmarks are not tests:
nothing here asserts on timings; the targets are reported as met or not.
"""

from __future__ import annotations

import argparse
import cProfile
import math
import os
import platform
import pstats
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import tantivy

from gulagreader.core import index as ix
from gulagreader.core.corpus_loader import load_corpus
from gulagreader.core.errors import UserError
from gulagreader.core.search import SearchService
from gulagreader.core.store import _index_docs, build_store, open_store_at

ROOT = Path(__file__).resolve().parents[1]
P95_TARGET_MS, OVERHEAD_TARGET = 5.0, 2.0


@dataclass(frozen=True)
class Case:
    """One query in each engine's syntax: raw tantivy defaults to ours; FTS5 None means no equivalent."""

    label: str
    ours: str
    fts: str | None
    fts_where: str = ""  # extra SQL condition for filters FTS5 cannot express in MATCH
    raw: str = ""
    raw_fuzzy: bool = False


CASES = [
    Case("common word", "camp", "camp"),
    Case("rare name", "Kachketine", "Kachketine"),
    Case("name variant", "Derevyanko", "Derevyanko"),
    Case("diacritics", "Pukys", "Pukys"),
    Case("two-word AND", "hunger strike", "hunger strike"),
    Case("phrase", '"Camp No. 29"', '"Camp No. 29"'),
    Case("prefix", "Vork*", "Vork*", raw="text:/vork.*/"),
    Case("fuzzy", "Kuznetsov~", None, raw="Kuznetsov", raw_fuzzy=True),
    Case("source filter", "strike source:isr-1963", "strike", "AND source_id = 'isr-1963'"),
    Case("event filter", "event:vorkuta-1953 strike", "strike", "AND events LIKE '%\"vorkuta-1953\"%'"),
    Case("year range", "year:1936..1938 strike", "strike AND (1936 OR 1937 OR 1938)", raw="year:[1936 TO 1938] strike"),
    Case("typo + suggestion", "Vorkutta", "Vorkutta"),
]


def timed_ns(fn: Callable[[], object], warmup: int, runs: int) -> list[int]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        fn()
        out.append(time.perf_counter_ns() - start)
    return out


def pct(samples: list[int], p: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] / 1e6


def disk_bytes(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# --- the three engines: each returns a function running one query to top-10 with text and snippets ---


def raw_fields(corpus_dir: Path) -> list[dict[str, object]]:
    """The documents exactly as write_index adds them, prepared outside any timer."""
    docs = []
    for d in _index_docs(load_corpus(corpus_dir)[0]):
        fields: dict[str, object] = {"id": d.id, "source": d.source, "kind": d.kind, "text": d.text, "exact": d.text}
        fields["pairs"] = d.pairs
        fields["seq"] = d.seq
        optional = {"event": list(d.events), "reprint_of": d.reprint_of, "content_note": d.content_note}
        optional |= {"author": d.authors, "year": list(d.years)}
        docs.append(fields | {k: v for k, v in optional.items() if v})
    return docs


def raw_build(folder: Path, docs: list[dict[str, object]]) -> None:
    index = tantivy.Index(ix.schema(), path=str(folder))
    ix._register(index)  # the same analyzers, under the same names
    writer = index.writer(heap_size=64_000_000, num_threads=1)
    for fields in docs:
        writer.add_document(tantivy.Document(**fields))
    writer.commit()
    writer.wait_merging_threads()


def raw_engine(index_dir: Path) -> Callable[[Case], int]:
    index = tantivy.Index.open(str(index_dir))
    ix._register(index)
    searcher, schema = index.searcher(), index.schema

    def run(case: Case) -> int:
        fuzzy = {"text": (False, 2, True)} if case.raw_fuzzy else None
        text = case.raw or case.ours
        query = index.parse_query(text, ["text"], conjunction_by_default=True, allow_regexes=True, fuzzy_fields=fuzzy)
        hits = searcher.search(query, 10).hits
        snippets = tantivy.SnippetGenerator.create(searcher, query, schema, "text")
        for _, address in hits:
            doc = searcher.doc(address)
            snippets.snippet_from_doc(doc).highlighted()
        return len(hits)

    return run


def fts_engine(db_path: Path) -> tuple[Callable[[Case], int], float]:
    conn = sqlite3.connect(":memory:", uri=True)
    conn.execute("ATTACH DATABASE ? AS store", (f"file:{db_path}?mode=ro",))
    start = time.perf_counter()
    conn.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(text, source_id UNINDEXED, events UNINDEXED,"
        " tokenize='porter unicode61 remove_diacritics 2')"
    )
    conn.execute("INSERT INTO fts(rowid, text, source_id, events) SELECT rowid, text, source_id, events FROM passages")
    conn.commit()
    seconds = time.perf_counter() - start

    def run(case: Case) -> int:
        sql = (
            "SELECT rowid, source_id, text, bm25(fts), snippet(fts, 0, '[', ']', '…', 40) FROM fts"
            f" WHERE fts MATCH ? {case.fts_where} ORDER BY bm25(fts) LIMIT 10"
        )
        return len(conn.execute(sql, (case.fts,)).fetchall())

    return run, seconds


# --- the report ---


def machine() -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines() if ln.startswith("model name")), "?")
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else "MemTotal: 0 kB"
    ram_gb = int(meminfo.split("MemTotal:")[1].split()[0]) / 1024**2
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"- Machine: {cpus} CPUs (nproc), {model}, {ram_gb:.1f} GB RAM, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, tantivy-py {version('tantivy')}, SQLite {sqlite3.sqlite_version}",
    ]


def row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def ms3(samples: list[int]) -> str:
    return " / ".join(f"{pct(samples, p):.2f}" for p in (50, 95, 99))


def build_section(corpus: Path, tmp: Path, builds: int) -> tuple[list[str], Callable[[Case], int]]:
    ours = [build_store(corpus, tmp / f"store-{i}").seconds for i in range(builds)]
    docs = raw_fields(corpus)
    raw = []
    for i in range(builds):
        (tmp / f"raw-{i}").mkdir()
        start = time.perf_counter()
        raw_build(tmp / f"raw-{i}", docs)
        raw.append(time.perf_counter() - start)
    fts, fts_seconds = fts_engine(tmp / "store-0" / "corpus.db")
    n, mb = len(docs), sum(len(str(d["text"]).encode()) for d in docs) / 1e6
    b_ours, b_raw = statistics.median(ours), statistics.median(raw)
    out = ["", f"## Build ({n} passages, {mb:.2f} MB of passage text; median of {builds} builds)", ""]
    out += [row("build", "seconds", "passages/s", "MB/s"), row("---", "---:", "---:", "---:")]
    for name, secs in [
        ("`build_store` (lint + corpus.db + index)", b_ours),
        ("raw tantivy-py index, same docs", b_raw),
    ]:
        out.append(row(name, f"{secs:.3f}", f"{n / secs:,.0f}", f"{mb / secs:.2f}"))
    out.append(row("SQLite FTS5 table (in memory, one build)", f"{fts_seconds:.3f}", f"{n / fts_seconds:,.0f}", ""))
    size = {p: disk_bytes(tmp / "store-0" / p) / 1e6 for p in ("corpus.db", "index")}
    out.append(
        f"\n`build_store` / raw tantivy: **{b_ours / b_raw:.1f}x**. Store on disk: {sum(size.values()):.2f} MB"
        f" (corpus.db {size['corpus.db']:.2f} MB, index {size['index']:.2f} MB)."
    )
    return out, fts


def first_query_section(store_dir: Path) -> list[str]:
    """Open the store, make the service (the lexicon loads lazily), search once; page cache is warm."""
    opens, firsts = [], []
    for _ in range(5):
        start = time.perf_counter_ns()
        store = open_store_at(store_dir)
        opened = time.perf_counter_ns()
        SearchService(store).search("camp", limit=10)
        firsts.append(time.perf_counter_ns() - opened)
        opens.append(opened - start)
        store.db.close()
    start = time.perf_counter_ns()
    raw_engine(store_dir / "index")(CASES[0])
    raw_first = (time.perf_counter_ns() - start) / 1e6
    out = ["", "## First query after opening the store (median of 5)", ""]
    out.append(
        f"- `open_store_at`: {statistics.median(opens) / 1e6:.1f} ms; then `SearchService()` + first search"
        f" `camp` (loads the lexicon): {statistics.median(firsts) / 1e6:.1f} ms"
    )
    out.append(f"- raw tantivy: open + first search `camp` with snippets: {raw_first:.1f} ms")
    return out


def latency_section(engines: dict[str, Callable[[Case], int]], warmup: int, runs: int) -> list[str]:
    samples: dict[str, dict[str, list[int]]] = {e: {} for e in engines}
    hits: dict[str, dict[str, object]] = {e: {} for e in engines}
    for case in CASES:
        for name, engine in engines.items():
            if name == "fts5" and case.fts is None:
                hits[name][case.label] = "n/a"
                continue
            hits[name][case.label] = engine(case)
            samples[name][case.label] = timed_ns(lambda e=engine, c=case: e(c), warmup, runs)
    out = ["", "## Search latency: top 10 with stored text and snippets (ms, p50 / p95 / p99)", ""]
    out += [row("query", "ours", "raw tantivy", "SQLite FTS5", "hits ours/raw/FTS5", "ours / raw p50")]
    out.append(row("---", "---:", "---:", "---:", "---:", "---:"))
    ratios, worst_p95 = [], 0.0
    for case in CASES:
        ours, raw, fts = (samples[e].get(case.label, []) for e in engines)
        ratios.append(pct(ours, 50) / pct(raw, 50))
        worst_p95 = max(worst_p95, pct(ours, 95))
        counts = "/".join(str(hits[e][case.label]) for e in engines)
        cells = (ms3(ours), ms3(raw), ms3(fts) if fts else "n/a", counts, f"{ratios[-1]:.1f}x")
        out.append(row(f"{case.label}: `{case.ours}`", *cells))
    pooled = {e: [t for v in samples[e].values() for t in v] for e in engines}
    overall = pct(pooled["ours"], 50) / pct(pooled["raw"], 50)
    out.append(row("**all queries pooled**", *(ms3(v) for v in pooled.values()), "", f"**{overall:.1f}x**"))
    met = {True: "met", False: "NOT met"}
    over = sum(r >= OVERHEAD_TARGET for r in ratios)
    out += [
        f"\n- Target p95 < {P95_TARGET_MS:g} ms for every query: worst p95 {worst_p95:.2f} ms,"
        f" **{met[worst_p95 < P95_TARGET_MS]}**.",
        f"- Target overhead over raw tantivy < {OVERHEAD_TARGET:g}x: pooled p50 ratio {overall:.1f}x (per query"
        f" {min(ratios):.1f}x to {max(ratios):.1f}x; {over} of {len(ratios)} queries at {OVERHEAD_TARGET:g}x or more),"
        f" **{met[overall < OVERHEAD_TARGET]}**.",
    ]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--builds", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="then cProfile our engine over the query set")
    args = parser.parse_args()
    corpus, tmp = args.corpus.resolve(), Path(tempfile.mkdtemp(prefix="gr-bench-"))
    out = [f"# Search benchmark ({time.strftime('%Y-%m-%d %H:%M')})", "", *machine(), f"- Corpus: `{corpus}`"]
    out.append(f"- Latency: warm, {args.warmup} warm-ups then {args.runs} timed runs per query and engine")
    try:
        built, fts = build_section(corpus, tmp, args.builds)
        store_dir = tmp / "store-0"
        out += built + first_query_section(store_dir)
        service = SearchService(open_store_at(store_dir))
        engines = {"ours": lambda c: len(service.search(c.ours, limit=10).hits), "raw": raw_engine(store_dir / "index")}
        out += latency_section(engines | {"fts5": fts}, args.warmup, args.runs)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(lambda: [service.search(c.ours, limit=10) for c in CASES for _ in range(50)])
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(20)
    except UserError as exc:
        print(f"The corpus at {corpus} does not build:\n{exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report = "\n".join(out) + "\n"
    print(report)
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "out" / "latest.md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
