"""The engines, builds, query set and statistics shared by search_bench.py and scale_bench.py.

The references, all built from the same passages (exported from our store's corpus.db to a JSON
Lines file before any timer starts):

- **raw plain**: a tantivy-py index as anyone would write it: the prose in one text field with
  tantivy's built-in `en_stem` analyzer (positions, stored), plus the passage id and source (stored)
  and its events and years (indexed) so the filter queries have something to filter on;
- **raw our schema**: tantivy-py on our own `schema()` and analyzers (text indexed stemmed and folded,
  the common pairs, the filter fields), the fields prepared before the timer: the engine's cost of
  our index design, without our query layer;
- **FTS5**: SQLite FTS5 (`porter unicode61 remove_diacritics 2`), bm25() and snippet().

Every engine answers a query with a top 10 with each hit's stored fields and a highlighted snippet.
Nothing here asserts on timings.
"""

from __future__ import annotations

import json
import math
import os
import platform
import random
import re
import resource
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from queryset import Case, passages

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
GULAGREADER = str(Path(PYTHON).with_name("gulagreader"))
RAW_PROCESS = HERE / "raw_search_process.py"
# The raw builds use our writer's settings (write_index): one indexing thread, 64 MB heap.
WRITER = {"heap_size": 64_000_000, "num_threads": 1}
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
ENGINES = ("ours", "cold", "plain", "schema", "fts5")
# "ours" reads the gazetteer's name forms kept by the build before (warm); "cold" derives them anew
ENGINE_NAMES = {
    "ours": "ours (warm)",
    "cold": "ours, cold",
    "plain": "raw plain",
    "schema": "raw our schema",
    "fts5": "FTS5",
}
_YEAR = re.compile(r"\b(19[0-5]\d)\b")


# --- the machine ---


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def machine() -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines() if ln.startswith("model name")), "?")
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else "MemTotal: 0 kB"
    ram_gb = int(meminfo.split("MemTotal:")[1].split()[0]) / 1024**2
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"- Machine: {cpus} CPUs, {model}, {ram_gb:.1f} GB RAM, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, tantivy-py {version('tantivy')}, SQLite {sqlite3.sqlite_version}",
        f"- Load average (1, 5, 15 min) at the start: {load_average()}",
    ]


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def cpu_self() -> float:
    """CPU seconds of this process so far, all its threads (tantivy indexes in threads of its own)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def verdict(value: float, target: float) -> str:
    return f"**met** ({value:.2f}x ≤ {target:g}x)" if value <= target else f"**MISSED** ({value:.2f}x > {target:g}x)"


def pct(samples: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else math.nan


def child_env(pycache: Path) -> dict[str, str]:
    """Children may write bytecode (to `pycache`), as an installed package has it."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(pycache), "PYTHONPATH": str(HERE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(kind: str, *args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    """Run `benchlib.py KIND ARGS` in a fresh process; it prints one JSON object."""
    done = subprocess.run(
        [PYTHON, str(Path(__file__)), kind, *args], capture_output=True, text=True, check=False, env=env
    )
    if done.returncode != 0:
        raise RuntimeError(f"child {kind} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


class Busy:
    """A process burning one core for as long as the `with` lasts (the second core busy)."""

    def __init__(self, on: bool) -> None:
        self.on, self.child = on, None

    def __enter__(self) -> Busy:
        if self.on:
            self.child = subprocess.Popen([PYTHON, "-c", "while True: pass"])
        return self

    def __exit__(self, *exc: object) -> None:
        if self.child is not None:
            self.child.kill()
            self.child.wait()


# --- the passages, exported once from our store ---


def export_passages(corpus_db: Path, out: Path) -> dict[str, object]:
    """Write one JSON line per passage (id, source, kind, text, events, years in the text)."""
    conn = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    count, chars = 0, 0
    with out.open("w", encoding="utf-8") as f:
        for pid, source, kind, text, events in conn.execute(
            "SELECT id, source_id, kind, text, events FROM passages ORDER BY source_id, seq"
        ):
            years = sorted({int(y) for y in _YEAR.findall(text)})
            row = {"id": pid, "source": source, "kind": kind, "text": text, "events": json.loads(events or "[]")}
            f.write(json.dumps(row | {"years": years}, ensure_ascii=False) + "\n")
            count, chars = count + 1, chars + len(text.encode())
    conn.close()
    return {"passages": count, "text_mb": chars / 1e6}


def prepare_our_schema(jsonl: Path, out: Path) -> str:
    """Our index's fields for each passage (common pairs computed here, before any timer); '' or why not."""
    try:
        from gulagreader.core import index as ix

        with out.open("w", encoding="utf-8") as f:
            for seq, p in enumerate(passages(jsonl)):
                text = str(p["text"])
                fields: dict[str, object] = {"id": p["id"], "source": p["source"], "kind": p["kind"], "text": text}
                fields |= {"exact": text, "pairs": ix.common_pairs(text), "seq": seq}
                if p["events"]:
                    fields["event"] = p["events"]
                if p["years"]:
                    fields["year"] = p["years"]
                f.write(json.dumps(fields, ensure_ascii=False) + "\n")
        return ""
    except Exception as exc:  # the code under test changed its internals: this line of the report is skipped
        return f"{type(exc).__name__}: {exc}"


# --- builds, each in its own process ---


def plain_schema() -> object:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("source", stored=True, tokenizer_name="raw")
    builder.add_text_field("event", stored=False, tokenizer_name="raw")
    builder.add_text_field("text", stored=True, tokenizer_name="en_stem", index_option="position")
    builder.add_integer_field("year", stored=False, indexed=True)
    return builder.build()


def child_build_ours(corpus: Path, basedir: Path, cold: bool = False) -> dict[str, object]:
    from gulagreader.core import paths
    from gulagreader.core.store import build_store

    paths.set_basedir(basedir)
    if cold:  # what a first build of these names does: derive every name's forms (kept for the next)
        import shutil

        shutil.rmtree(paths.cache_dir() / "name-forms", ignore_errors=True)
    cpu, start = cpu_self(), time.perf_counter()
    report = build_store(corpus)  # into the cache folder by corpus key: where `gulagreader search` looks
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu": cpu_self() - cpu, "maxrss_mb": maxrss_mb(), "store": str(report.store)}


def child_build_plain(jsonl: Path, out: Path) -> dict[str, object]:
    import tantivy

    cpu, start = cpu_self(), time.perf_counter()  # reading the passages is part of the work, as for ours
    index = tantivy.Index(plain_schema(), path=str(out))
    writer = index.writer(**WRITER)
    for p in passages(jsonl):
        fields = {"id": p["id"], "source": p["source"], "text": p["text"]}
        fields |= {k: v for k, v in (("event", p["events"]), ("year", p["years"])) if v}
        writer.add_document(tantivy.Document(**fields))
    writer.commit()
    writer.wait_merging_threads()
    return {"seconds": time.perf_counter() - start, "cpu": cpu_self() - cpu, "maxrss_mb": maxrss_mb()}


def child_build_schema(jsonl: Path, out: Path) -> dict[str, object]:
    import tantivy

    from gulagreader.core import index as ix

    cpu, start = cpu_self(), time.perf_counter()
    index = tantivy.Index(ix.schema(), path=str(out))
    ix._register(index)
    writer = index.writer(**WRITER)
    for fields in passages(jsonl):
        writer.add_document(tantivy.Document(**fields))
    writer.commit()
    writer.wait_merging_threads()
    return {"seconds": time.perf_counter() - start, "cpu": cpu_self() - cpu, "maxrss_mb": maxrss_mb()}


def child_build_fts5(jsonl: Path, out: Path) -> dict[str, object]:
    cpu, start = cpu_self(), time.perf_counter()
    conn = sqlite3.connect(out)
    conn.execute(
        f"CREATE VIRTUAL TABLE fts USING fts5(text, id UNINDEXED, source UNINDEXED, events UNINDEXED,"
        f" tokenize='{FTS_TOKENIZER}')"
    )
    rows = ((p["text"], p["id"], p["source"], json.dumps(p["events"])) for p in passages(jsonl))
    conn.executemany("INSERT INTO fts(text, id, source, events) VALUES (?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()
    return {"seconds": time.perf_counter() - start, "cpu": cpu_self() - cpu, "maxrss_mb": maxrss_mb()}


# --- the engines: each runs one case to a top 10 with stored fields and snippets; returns the hits ---


def raw_engine(index_dir: Path, ours: bool) -> Callable[[Case], int]:
    import tantivy

    index = tantivy.Index.open(str(index_dir))
    if ours:
        from gulagreader.core import index as ix

        ix._register(index)
    searcher, schema = index.searcher(), index.schema

    def run(case: Case) -> int:
        fuzzy = {"text": (False, 2, True)} if case.fuzzy else None
        query = index.parse_query(
            str(case.raw), ["text"], conjunction_by_default=True, allow_regexes=True, fuzzy_fields=fuzzy
        )
        hits = searcher.search(query, 10).hits
        snippets = tantivy.SnippetGenerator.create(searcher, query, schema, "text")
        for _, address in hits:
            doc = searcher.doc(address)
            doc.to_dict()  # every stored field as Python values, as the caller would show them
            snippets.snippet_from_doc(doc).to_html()
        return len(hits)

    return run


def fts_engine(db: Path) -> Callable[[Case], int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

    def run(case: Case) -> int:
        sql = (
            "SELECT id, source, text, bm25(fts), snippet(fts, 0, '<b>', '</b>', '…', 40) FROM fts"
            f" WHERE fts MATCH ? {case.fts_where} ORDER BY bm25(fts) LIMIT 10"
        )
        return len(conn.execute(sql, (case.fts,)).fetchall())

    return run


def child_search(spec_path: Path) -> dict[str, object]:
    """Rounds of the query set: each round a fresh shuffle of the queries, and for each query the engines
    in a fresh order, one run each. Per query and engine: every timing (ms; wall-clock, and the CPU time
    of this thread, which a busy machine's waits for a core do not inflate) and the hits shown."""
    spec = json.loads(spec_path.read_text())
    cases = [Case(**c) for c in spec["cases"]]
    from gulagreader.core.search import SearchService
    from gulagreader.core.store import open_store_at

    service = SearchService(open_store_at(Path(spec["store"])))

    def ours(case: Case) -> int:
        service.forget_queries()  # each query worked out afresh, as typed for the first time
        return len(service.search(case.ours, limit=10).hits)

    engines: dict[str, Callable[[Case], int]] = {"ours": ours}
    engines["plain"] = raw_engine(Path(spec["plain"]), ours=False)
    if spec.get("schema"):
        engines["schema"] = raw_engine(Path(spec["schema"]), ours=True)
    engines["fts5"] = fts_engine(Path(spec["fts5"]))

    def query_of(engine: str, case: Case) -> str | None:
        return case.ours if engine == "ours" else case.fts if engine == "fts5" else case.raw

    times: dict[str, dict[str, list[float]]] = {c.ours: {e: [] for e in engines} for c in cases}
    cpu: dict[str, dict[str, list[float]]] = {c.ours: {e: [] for e in engines} for c in cases}
    hits = {c.ours: {e: engines[e](c) if query_of(e, c) is not None else None for e in engines} for c in cases}
    totals = {c.ours: service.search(c.ours, limit=10).total for c in cases}
    rng = random.Random(spec["seed"])
    started = time.perf_counter()
    for _ in range(int(spec["rounds"])):
        order = cases[:]
        rng.shuffle(order)
        for case in order:
            names = list(engines)
            rng.shuffle(names)
            for name in names:
                if query_of(name, case) is None:
                    continue
                engine = engines[name]
                begin, begin_cpu = time.perf_counter_ns(), time.thread_time_ns()
                engine(case)
                cpu[case.ours][name].append((time.thread_time_ns() - begin_cpu) / 1e6)
                times[case.ours][name].append((time.perf_counter_ns() - begin) / 1e6)
    return {"times": times, "cpu": cpu, "hits": hits, "totals": totals, "seconds": time.perf_counter() - started}


# --- processes: our CLI against a raw tantivy process ---


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_process(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of one run of `cmd`."""
    cpu, begin = cpu_children(), time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, env=env, check=False)
    wall = time.perf_counter() - begin
    if done.returncode != 0:
        raise RuntimeError(f"{cmd} failed: {done.stderr.decode(errors='replace')[-2000:]}")
    return wall * 1000, (cpu_children() - cpu) * 1000


def importtime(cmd: list[str], env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """{module: (self ms, cumulative ms)} from `python -X importtime`."""
    args = cmd[1:] if cmd[0] == PYTHON else cmd
    done = subprocess.run([PYTHON, "-X", "importtime", *args], capture_output=True, text=True, env=env, check=False)
    out: dict[str, tuple[float, float]] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = (part.strip() for part in line[len("import time:") :].split("|"))
        out.setdefault(name, (int(self_us) / 1000, int(cumulative_us) / 1000))
    return out


def child_phases(store: Path, query: str) -> dict[str, object]:
    """CPU time of each phase of a search in a fresh process (imports, open, first and second search)."""
    marks = [("start", time.process_time())]
    from gulagreader.core.search import SearchService
    from gulagreader.core.store import open_store_at

    marks.append(("import the search path", time.process_time()))
    store = open_store_at(store)
    marks.append(("open the store", time.process_time()))
    service = SearchService(store)
    service.search(query, limit=10)
    marks.append(("first search (with the lexicon)", time.process_time()))
    service.search(query, limit=10)
    marks.append(("the same search again", time.process_time()))
    return {name: (t - marks[i][1]) * 1000 for i, (name, t) in enumerate(marks[1:])}


def _child(argv: list[str]) -> int:
    kind, rest = argv[0], [Path(a) for a in argv[1:]]
    runs: dict[str, Callable[..., dict[str, object]]] = {
        "build-ours": child_build_ours,
        "build-cold": lambda corpus, basedir: child_build_ours(corpus, basedir, cold=True),
        "build-plain": child_build_plain,
        "build-schema": child_build_schema,
        "build-fts5": child_build_fts5,
        "search": child_search,
    }
    got = child_phases(rest[0], argv[2]) if kind == "phases" else runs[kind](*rest)
    print(json.dumps(got))
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
