"""One corpus through the whole comparison: builds, in-process search, search processes; and the report.

Used by search_bench.py (the bundled corpus) and scale_bench.py (generated corpora). Each section
writes Markdown that pastes into docs/benchmarks.md, with the load average before and after it.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from benchlib import (
    ENGINE_NAMES,
    ENGINES,
    GULAGREADER,
    PYTHON,
    RAW_PROCESS,
    Busy,
    Case,
    child_env,
    choose_queries,
    export_passages,
    importtime,
    load_average,
    pct,
    prepare_our_schema,
    run_child,
    time_process,
)

SEARCH_P50, SEARCH_P95, PROCESS_TARGET = 1.3, 2.0, 2.0


@dataclass
class Options:
    builds: int
    busy: bool
    rounds: int
    process_runs: int
    seed: int
    build_target: float | None  # None: the issue sets none at this size
    sections: frozenset[str]


def row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def verdict(value: float, target: float) -> str:
    return f"**met** ({value:.2f}x ≤ {target:g}x)" if value <= target else f"**MISSED** ({value:.2f}x > {target:g}x)"


def run_suite(corpus: Path, work: Path, opts: Options, title: str) -> tuple[list[str], dict[str, object]]:
    """Measure `corpus` with everything kept in `work`; return the report's lines and the raw figures."""
    work.mkdir(parents=True, exist_ok=True)
    env = child_env(work / "pycache")
    base = work / "base"
    out: list[str] = []
    data: dict[str, object] = {"title": title}
    say(f"{title}: first build of ours (untimed: it also warms the page cache) ...")
    store = Path(str(run_child("build-ours", str(corpus), str(base), env=env)["store"]))
    jsonl, schema_jsonl = work / "passages.jsonl", work / "our-schema.jsonl"
    info = export_passages(store / "corpus.db", jsonl)
    schema_problem = prepare_our_schema(jsonl, schema_jsonl)
    data["info"] = info
    dirs = {"plain": work / "plain-index", "schema": work / "schema-index", "fts5": work / "fts5.db"}
    engines = [e for e in ENGINES if e != "schema" or not schema_problem]
    note = f" (raw our schema skipped: {schema_problem})" if schema_problem else ""
    out += [f"Corpus: {info['passages']:,} passages, {info['text_mb']:.1f} MB of passage text.{note}", ""]
    others = [e for e in engines if e != "ours"]
    if "build" not in opts.sections:
        say(f"{title}: one untimed build of each reference (the build section is left out) ...")
        once = Options(**{**asdict(opts), "builds": 1})
        build_series(corpus, base, jsonl, schema_jsonl, dirs, others, once, False, env)
    else:
        series = [("quiet", False)] + ([("second core busy", True)] if opts.busy else [])
        builds = {
            name: build_series(corpus, base, jsonl, schema_jsonl, dirs, engines, opts, busy, env)
            for name, busy in series
        }
        data["builds"] = builds
        out += build_report(builds, info, opts)
        store = Path(str(builds["quiet"]["ours"][-1]["store"]))
    cases = choose_queries(store / "corpus.db", jsonl, opts.seed)
    data["cases"] = [asdict(c) for c in cases]
    if "search" in opts.sections:
        say(f"{title}: searching, {opts.rounds} rounds ...")
        spec = {"cases": data["cases"], "store": str(store), "rounds": opts.rounds, "seed": opts.seed}
        spec |= {k: str(d) for k, d in dirs.items() if k in engines}
        (work / "search-spec.json").write_text(json.dumps(spec))
        load = load_average()
        found = run_child("search", str(work / "search-spec.json"), env=env)
        data["search"] = found
        out += search_report(found, cases, opts, load)
    if "process" in opts.sections:
        say(f"{title}: search processes, {opts.process_runs} rounds ...")
        data["process"] = process_figures(corpus, base, store, dirs["plain"], cases, opts, env)
        out += process_report(data["process"])
    return out, data


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}, load {load_average()}] {text}", flush=True, file=__import__("sys").stderr)


# --- builds ---


def build_series(
    corpus: Path,
    base: Path,
    jsonl: Path,
    schema_jsonl: Path,
    dirs: dict[str, Path],
    engines: list[str],
    opts: Options,
    busy: bool,
    env: dict[str, str],
) -> dict[str, object]:
    """opts.builds rounds; in each, every engine builds once in its own process, in a fresh order."""
    rng = random.Random(opts.seed + busy)
    got: dict[str, list[dict[str, object]]] = {e: [] for e in engines}
    loads = [load_average()]
    with Busy(busy):
        for i in range(opts.builds):
            order = engines[:]
            rng.shuffle(order)
            for engine in order:
                say(f"build {i + 1}/{opts.builds}{' (busy)' if busy else ''}: {ENGINE_NAMES[engine]}")
                begin = time.perf_counter()
                if engine == "ours":
                    got[engine].append(run_child("build-ours", str(corpus), str(base), env=env))
                else:
                    target = dirs[engine]
                    shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(missing_ok=True)
                    if engine != "fts5":
                        target.mkdir(parents=True)
                    source = schema_jsonl if engine == "schema" else jsonl
                    got[engine].append(run_child(f"build-{engine}", str(source), str(target), env=env))
                got[engine][-1]["process_s"] = time.perf_counter() - begin
    loads.append(load_average())
    return {**got, "loads": loads}


def build_report(builds: dict[str, dict[str, object]], info: dict[str, object], opts: Options) -> list[str]:
    n = int(str(info["passages"]))
    out = ["### Build", ""]
    out.append(
        f"Each build in its own process; {opts.builds} rounds, the engines in a fresh order each round. "
        "Ours: `build_store` (parse, lint, corpus.db, index); the raw builds and FTS5 read the same passages "
        "from a JSON Lines file inside their timer (our schema's common pairs computed before it). Seconds are "
        "timed inside the process (imports excluded); CPU counts all the process's threads; the whole process "
        "adds the interpreter, the imports and the exit. The verdict is on the first column's ratio."
    )
    for series, got in builds.items():
        loads = got["loads"]
        out += ["", f"**{series}** (load average before {loads[0]}, after {loads[1]}):", ""]
        out.append(
            row(
                "build",
                "s (median)",
                "min–max s",
                "CPU s",
                "whole process s",
                "passages/s",
                "peak RSS MB",
                "ours / this, time · CPU",
            )
        )
        out.append(row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"))
        ours = statistics.median(float(str(b["seconds"])) for b in got["ours"])
        ours_cpu = statistics.median(float(str(b["cpu"])) for b in got["ours"])
        for engine in (e for e in ENGINES if e in got):
            runs = [float(str(b["seconds"])) for b in got[engine]]
            med = statistics.median(runs)
            cpu = statistics.median(float(str(b["cpu"])) for b in got[engine])
            whole = statistics.median(float(str(b["process_s"])) for b in got[engine])
            rss = max(float(str(b["maxrss_mb"])) for b in got[engine])
            out.append(
                row(
                    ENGINE_NAMES[engine],
                    f"{med:.2f}",
                    f"{min(runs):.2f}–{max(runs):.2f}",
                    f"{cpu:.2f}",
                    f"{whole:.2f}",
                    f"{n / med:,.0f}",
                    f"{rss:.0f}",
                    "" if engine == "ours" else f"**{ours / med:.2f}x** · {ours_cpu / cpu:.2f}x",
                )
            )
        plain = statistics.median(float(str(b["seconds"])) for b in got["plain"])
        if opts.build_target is not None:
            out += [
                "",
                f"Target: build ≤ {opts.build_target:g}x raw plain: {verdict(ours / plain, opts.build_target)}.",
            ]
        else:
            out += ["", f"Ours / raw plain: {ours / plain:.2f}x (the issue sets no target at this size)."]
    return out


# --- search in one process ---


def search_report(found: dict[str, object], cases: list[Case], opts: Options, load_before: str) -> list[str]:
    times, hits, totals = found["times"], found["hits"], found["totals"]
    engines = [e for e in ENGINES if e in next(iter(times.values()))]
    out = ["", "### Search in one process: per query, ms (p50 · p95)", ""]
    out.append(
        f"{opts.rounds} rounds; each round the {len(cases)} queries in a fresh random order, and for each query the "
        f"engines in a fresh random order, one run each (load average before {load_before}, after "
        f"{load_average()}; {float(str(found['seconds'])):.0f} s). Every engine returns a top 10 with each hit's "
        "stored fields and a highlighted snippet. Ratios are ours / raw plain tantivy, per query, p50 and p95 of "
        "the wall-clock time (the targets), and of the thread's CPU time (which waits for a core on a busy "
        "machine do not inflate)."
    )
    out += [
        "",
        row(
            "query",
            "matches (ours)",
            "hits shown " + "/".join(ENGINE_NAMES[e] for e in engines),
            *(ENGINE_NAMES[e] for e in engines),
            "ours / plain p50",
            "ours / plain p95",
            "CPU: ours / plain p50 · p95",
            "ours / our schema p50",
        ),
    ]
    out.append(row("---", "---:", "---:", *["---:"] * len(engines), "---:", "---:", "---:", "---:"))
    cpu = found.get("cpu") or times
    checked: list[tuple[str, float, float]] = []
    unlike: list[str] = []
    for case in cases:
        t, h = times[case.ours], hits[case.ours]
        cells = [f"{pct(t[e], 50):.2f} · {pct(t[e], 95):.2f}" if t[e] else "n/a" for e in engines]
        r50 = pct(t["ours"], 50) / pct(t["plain"], 50)
        r95 = pct(t["ours"], 95) / pct(t["plain"], 95)
        rs = f"{pct(t['ours'], 50) / pct(t['schema'], 50):.2f}x" if t.get("schema") else ""
        c = cpu[case.ours]
        rc = f"{pct(c['ours'], 50) / pct(c['plain'], 50):.2f}x · {pct(c['ours'], 95) / pct(c['plain'], 95):.2f}x"
        same = h["plain"] != 0 or h["ours"] == 0
        flag = "" if same else " †"
        if same:
            checked.append((f"`{case.ours}`", r50, r95))
        else:
            unlike.append(f"`{case.ours}`")
        out.append(
            row(
                f"{case.kind}: `{case.ours}`",
                f"{totals[case.ours]:,}",
                "/".join("–" if h[e] is None else str(h[e]) for e in engines),
                *cells,
                f"{r50:.2f}x{flag}",
                f"{r95:.2f}x{flag}",
                rc,
                rs,
            )
        )
    worst50 = max(checked, key=lambda c: c[1])
    worst95 = max(checked, key=lambda c: c[2])
    miss50 = [c[0] for c in checked if c[1] > SEARCH_P50]
    miss95 = [c[0] for c in checked if c[2] > SEARCH_P95]
    out += [
        "",
        f"- Worst per-query p50 ratio: {worst50[0]} {worst50[1]:.2f}x. Target p50 ≤ {SEARCH_P50}x for every query: "
        + ("**met**." if not miss50 else f"**MISSED** by {len(miss50)} of {len(checked)}: {', '.join(miss50)}."),
        f"- Worst per-query p95 ratio: {worst95[0]} {worst95[2]:.2f}x. Target p95 ≤ {SEARCH_P95}x for every query: "
        + ("**met**." if not miss95 else f"**MISSED** by {len(miss95)} of {len(checked)}: {', '.join(miss95)}."),
    ]
    if unlike:
        out.append(
            f"- † raw plain finds nothing for {', '.join(unlike)}, where ours finds passages (name variants, "
            "near spellings): the ratio measures that extra work, not overhead, and is left out of the verdicts."
        )
    return out


# --- search processes ---


def process_figures(
    corpus: Path, base: Path, store: Path, plain: Path, cases: list[Case], opts: Options, env: dict[str, str]
) -> dict[str, object]:
    picked = [c for c in cases if c.kind in ("name #1 by passages", "word #1 by passages", "name + year")]
    picked += [c for c in cases if c.kind == "phrase of function words"][:1]
    programs = {
        "ours": lambda c: [GULAGREADER, "--basedir", str(base), "--corpus", str(corpus), "search", "--json", c.ours],
        "raw": lambda c: [PYTHON, str(RAW_PROCESS), str(plain), str(c.raw)],
        "python": lambda c: [PYTHON, "-c", "pass"],
    }
    for c in picked:  # the first opening hashes the corpus and checks the database; both remembered after
        for make in programs.values():
            time_process(make(c), env)
    time.sleep(2.5)  # a file changed within 2 s of being hashed is hashed again (fingerprint.py)
    for c in picked:
        for make in programs.values():
            time_process(make(c), env)
    loads = [load_average()]
    runs: dict[str, dict[str, list[tuple[float, float]]]] = {p: {c.ours: [] for c in picked} for p in programs}
    rng = random.Random(opts.seed)
    for _ in range(opts.process_runs):
        pairs = [(p, c) for p in programs for c in picked]
        rng.shuffle(pairs)
        for p, c in pairs:
            runs[p][c.ours].append(time_process(programs[p](c), env))
    loads.append(load_average())
    first = picked[0]
    imports = {p: [importtime(programs[p](first), env) for _ in range(5)] for p in ("ours", "raw")}
    phases = [run_child("phases", str(store), first.ours, env=env) for _ in range(5)]
    return {
        "queries": [c.ours for c in picked],
        "runs": runs,
        "loads": loads,
        "imports": {p: median_imports(v) for p, v in imports.items()},
        "phases": {k: statistics.median(float(str(p[k])) for p in phases) for k in phases[0]},
        "import_query": first.ours,
    }


def median_imports(samples: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    names = set(samples[0]).intersection(*samples[1:])
    return {
        n: (statistics.median(s[n][0] for s in samples), statistics.median(s[n][1] for s in samples)) for n in names
    }


def process_report(fig: dict[str, object]) -> list[str]:
    runs = fig["runs"]
    loads = fig["loads"]
    n = len(next(iter(runs["ours"].values())))
    out = ["", "### A search as a process: ms, wall-clock p50 · p95 (CPU p50)", ""]
    out.append(
        f"`gulagreader --basedir B --corpus C search --json Q` (the installed entry point) against "
        f"`python benchmarks/raw_search_process.py PLAIN_INDEX Q` (opens the plain index, prints the top 10 "
        f"with snippets as JSON) and `python -c pass` (the interpreter alone); {n} runs of each, all in a "
        f"fresh random order each round, bytecode cached (load average before {loads[0]}, after {loads[1]})."
    )
    out += [
        "",
        row(
            "query", "ours", "raw tantivy process", "`python -c pass`", "ours / raw (wall p50)", "ours / raw (CPU p50)"
        ),
    ]
    out.append(row("---", "---:", "---:", "---:", "---:", "---:"))
    ratios = []
    for q in fig["queries"]:
        cells = []
        for p in ("ours", "raw", "python"):
            wall, cpu = [w for w, _ in runs[p][q]], [c for _, c in runs[p][q]]
            cells.append(f"{pct(wall, 50):.0f} · {pct(wall, 95):.0f} ({pct(cpu, 50):.0f})")
        wall_ratio = pct([w for w, _ in runs["ours"][q]], 50) / pct([w for w, _ in runs["raw"][q]], 50)
        cpu_ratio = pct([c for _, c in runs["ours"][q]], 50) / pct([c for _, c in runs["raw"][q]], 50)
        ratios.append((q, wall_ratio))
        out.append(row(f"`{q}`", *cells, f"**{wall_ratio:.2f}x**", f"{cpu_ratio:.2f}x"))
    worst = max(ratios, key=lambda r: r[1])
    out += [
        "",
        f"Target: a search process ≤ {PROCESS_TARGET:g}x a raw tantivy process, worst query `{worst[0]}`: "
        f"{verdict(worst[1], PROCESS_TARGET)}.",
    ]
    out += import_report(fig)
    return out


def import_report(fig: dict[str, object]) -> list[str]:
    imports = fig["imports"]
    ours, raw = imports["ours"], imports["raw"]
    total = {p: sum(s for s, _ in imports[p].values()) for p in ("ours", "raw")}
    own = {n: v for n, v in ours.items() if n.startswith("gulagreader")}
    out = [
        "",
        f"Where a search process's time goes (`-X importtime`, median of 5, query `{fig['import_query']}`): "
        f"imports {total['ours']:.0f} ms in ours against {total['raw']:.0f} ms in the raw process; our own "
        f"modules' own time {sum(s for s, _ in own.values()):.0f} ms.",
    ]
    out += ["", row("module (as first imported)", "self ms", "cumulative ms"), row("---", "---:", "---:")]
    notable = ["gulagreader.cli", "gulagreader.core.store", "gulagreader.core.search", "gulagreader.core.index"]
    notable += ["gulagreader.core.model", "gulagreader.core.corpusdb", "gulagreader.core.lexicon", "tantivy"]
    notable += ["sqlite3", "sqlite_utils", "uuid", "platform", "json", "dataclasses", "argparse"]
    for name in notable:
        if name in ours:
            out.append(row(f"`{name}`", f"{ours[name][0]:.1f}", f"{ours[name][1]:.1f}"))
    top = sorted(((s, n) for n, (s, _) in ours.items() if n not in notable), reverse=True)[:8]
    out.append(row("*the other slowest, by self time:*", "", ""))
    for s, n in top:
        out.append(row(f"`{n}`", f"{s:.1f}", f"{ours[n][1]:.1f}"))
    if "tantivy" in raw:
        out.append(row("raw process: `tantivy`", f"{raw['tantivy'][0]:.1f}", f"{raw['tantivy'][1]:.1f}"))
    phases = fig["phases"]
    out += [
        "",
        "CPU time by phase of a search in a fresh process (`time.process_time`, median of 5): "
        + "; ".join(f"{k} {v:.1f} ms" for k, v in phases.items())
        + ".",
    ]
    return out


# --- the targets, one line each, for the summary table ---


def _median_of(runs: list[dict[str, object]], key: str) -> float:
    return statistics.median(float(str(b[key])) for b in runs)


def target_lines(data: dict[str, object], opts: Options) -> dict[str, str]:
    """{target: measured and verdict} from one corpus's figures."""
    got: dict[str, str] = {}
    for series, builds in dict(data.get("builds") or {}).items():
        ratio = _median_of(builds["ours"], "seconds") / _median_of(builds["plain"], "seconds")
        rss = f"; peak RSS {max(float(str(b['maxrss_mb'])) for b in builds['ours']):.0f} MB"
        rss += f" (raw plain {max(float(str(b['maxrss_mb'])) for b in builds['plain']):.0f} MB)"
        if opts.build_target is None:
            got[f"build, {series}"] = f"{ratio:.2f}x raw plain (no target at this size){rss}"
        else:
            got[f"build ≤ {opts.build_target:g}x raw plain, {series}"] = verdict(ratio, opts.build_target) + rss
    found = data.get("search")
    if found:
        times, hits = found["times"], found["hits"]
        ratios = [
            (q, pct(t["ours"], 50) / pct(t["plain"], 50), pct(t["ours"], 95) / pct(t["plain"], 95))
            for q, t in times.items()
            if hits[q]["plain"] != 0 or hits[q]["ours"] == 0
        ]
        for i, (name, target) in enumerate(
            ((f"p50 ≤ {SEARCH_P50}x", SEARCH_P50), (f"p95 ≤ {SEARCH_P95}x", SEARCH_P95))
        ):
            q, *r = max(ratios, key=lambda x: x[1 + i])
            missed = sum(x[1 + i] > target for x in ratios)
            got[f"in-process search {name} raw plain, every query"] = (
                f"worst `{q}`: {verdict(r[i], target)}; {missed} of {len(ratios)} queries over"
            )
        cpu = found.get("cpu")
        if cpu:
            by_cpu = [(pct(cpu[q]["ours"], 50) / pct(cpu[q]["plain"], 50), q) for q, *_ in ratios]
            by_cpu95 = [(pct(cpu[q]["ours"], 95) / pct(cpu[q]["plain"], 95), q) for q, *_ in ratios]
            (r50, q50), (r95, q95) = max(by_cpu), max(by_cpu95)
            got["the same in CPU time (for reference: not inflated by a busy machine)"] = (
                f"worst p50 `{q50}` {r50:.2f}x, worst p95 `{q95}` {r95:.2f}x"
            )
    fig = data.get("process")
    if fig:
        runs = fig["runs"]
        worst = max(
            (pct([w for w, _ in runs["ours"][q]], 50) / pct([w for w, _ in runs["raw"][q]], 50), q)
            for q in fig["queries"]
        )
        got[f"search process ≤ {PROCESS_TARGET:g}x a raw tantivy process"] = (
            f"worst `{worst[1]}`: {verdict(worst[0], PROCESS_TARGET)}"
        )
    return got


def targets_table(columns: dict[str, dict[str, str]]) -> list[str]:
    """The targets (rows) by corpus (columns)."""
    names = list(dict.fromkeys(t for lines in columns.values() for t in lines))
    out = ["### Targets", "", row("target", *columns), row("---", *["---"] * len(columns))]
    out += [row(t, *(lines.get(t, "–") for lines in columns.values())) for t in names]
    return out
