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
    Busy,
    child_env,
    export_passages,
    load_average,
    pct,
    prepare_our_schema,
    row,
    run_child,
    verdict,
)
from benchprocess import PROCESS_TARGET, process_figures, process_report
from queryset import Case, choose_queries

SEARCH_P50, SEARCH_P95 = 1.3, 2.0


@dataclass
class Options:
    builds: int
    busy: bool
    rounds: int
    process_runs: int
    seed: int
    build_target: float | None  # None: no target at this size
    sections: frozenset[str]


# A search has no warm or cold: those are the build's (the gazetteer's name forms kept or derived).
SEARCHING_NAMES = {**ENGINE_NAMES, "ours": "ours"}


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
    others = [e for e in engines if e not in ("ours", "cold")]
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
        data["process"] = process_figures(corpus, base, store, dirs["plain"], cases, opts.process_runs, opts.seed, env)
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
                if engine in ("ours", "cold"):
                    got[engine].append(run_child(f"build-{engine}", str(corpus), str(base), env=env))
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
        "Ours: `build_store` (parse, lint, corpus.db, index), warm: reading the gazetteer's derived name forms "
        "kept by the build before, as every build after the first of a gazetteer does; cold: deriving them "
        "anew (the first build, or one after `names.toml` changed). The raw builds and FTS5 read the same passages "
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
                    _ratio_cell(engine, ours, ours_cpu, med, cpu, got),
                )
            )
        plain = statistics.median(float(str(b["seconds"])) for b in got["plain"])
        cold = statistics.median(float(str(b["seconds"])) for b in got["cold"]) if "cold" in got else None
        if opts.build_target is not None:
            line = f"Target: build ≤ {opts.build_target:g}x raw plain: warm {verdict(ours / plain, opts.build_target)}"
            if cold is not None:
                line += f"; cold {verdict(cold / plain, opts.build_target)}"
            out += ["", line + "."]
        else:
            line = f"Ours / raw plain: warm {ours / plain:.2f}x" + (f", cold {cold / plain:.2f}x" if cold else "")
            out += ["", line + " (no target at this size)."]
    return out


def _ratio_cell(engine: str, ours: float, ours_cpu: float, med: float, cpu: float, got: dict[str, object]) -> str:
    """Ours (warm) / this engine; for the cold build, its own ratio to raw plain."""
    if engine == "ours":
        return ""
    if engine == "cold":
        plain = got["plain"]
        plain_med = statistics.median(float(str(b["seconds"])) for b in plain)
        plain_cpu = statistics.median(float(str(b["cpu"])) for b in plain)
        return f"cold / raw plain: **{med / plain_med:.2f}x** · {cpu / plain_cpu:.2f}x"
    return f"**{ours / med:.2f}x** · {ours_cpu / cpu:.2f}x"


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
            "hits shown " + "/".join(SEARCHING_NAMES[e] for e in engines),
            *(SEARCHING_NAMES[e] for e in engines),
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


# --- the targets, one line each, for the summary table ---


def _median_of(runs: list[dict[str, object]], key: str) -> float:
    return statistics.median(float(str(b[key])) for b in runs)


def target_lines(data: dict[str, object], opts: Options) -> dict[str, str]:
    """{target: measured and verdict} from one corpus's figures."""
    got: dict[str, str] = {}
    for series, builds in dict(data.get("builds") or {}).items():
        plain = _median_of(builds["plain"], "seconds")
        ratio = _median_of(builds["ours"], "seconds") / plain
        cold_ratio = _median_of(builds["cold"], "seconds") / plain if "cold" in builds else None
        cold = f"; cold {cold_ratio:.2f}x" if cold_ratio is not None else ""
        rss = f"; peak RSS {max(float(str(b['maxrss_mb'])) for b in builds['ours']):.0f} MB"
        rss += f" (raw plain {max(float(str(b['maxrss_mb'])) for b in builds['plain']):.0f} MB)"
        if opts.build_target is None:
            got[f"build, {series}"] = f"warm {ratio:.2f}x raw plain{cold} (no target at this size){rss}"
        else:
            target = opts.build_target
            cold = f"; cold {verdict(cold_ratio, target)}" if cold_ratio is not None else ""
            got[f"build ≤ {target:g}x raw plain, {series}"] = f"warm {verdict(ratio, target)}{cold}{rss}"
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
