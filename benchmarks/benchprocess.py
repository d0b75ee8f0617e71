"""A search as a process: our command line against a raw tantivy process, and where its time goes."""

from __future__ import annotations

import contextlib
import random
import statistics
import time
from pathlib import Path

from benchlib import (
    GULAGREADER,
    PYTHON,
    RAW_PROCESS,
    importtime,
    load_average,
    pct,
    row,
    run_child,
    time_process,
    verdict,
)
from queryset import Case

PROCESS_TARGET = 2.0


def process_figures(
    corpus: Path, base: Path, store: Path, plain: Path, cases: list[Case], rounds: int, seed: int, env: dict[str, str]
) -> dict[str, object]:
    picked = [c for c in cases if c.kind in ("name #1 by passages", "word #1 by passages", "name + year")]
    picked += [c for c in cases if c.kind == "phrase of function words"][:1]
    programs = {
        "ours": lambda c: [GULAGREADER, "--corpus", str(corpus), "search", "--json", c.ours],
        "raw": lambda c: [PYTHON, str(RAW_PROCESS), str(plain), str(c.raw)],
        "python": lambda c: [PYTHON, "-c", "pass"],
    }
    # Ours finds its files where a user's are (no --basedir, which would spare it platformdirs): the
    # XDG folders of a home of its own, whose cache holds the store already built under `base`.
    (base / "xdg-cache").mkdir(exist_ok=True)
    with contextlib.suppress(FileExistsError):
        (base / "xdg-cache" / "gulagreader").symlink_to(base / "cache", target_is_directory=True)
    env = {**env, **{f"XDG_{kind.upper()}_HOME": str(base / f"xdg-{kind}") for kind in ("cache", "data", "config")}}
    for c in picked:  # the first opening hashes the corpus and checks the database; both remembered after
        for make in programs.values():
            time_process(make(c), env)
    time.sleep(2.5)  # a file changed within 2 s of being hashed is hashed again (fingerprint.py)
    for c in picked:
        for make in programs.values():
            time_process(make(c), env)
    loads = [load_average()]
    runs: dict[str, dict[str, list[tuple[float, float]]]] = {p: {c.ours: [] for c in picked} for p in programs}
    rng = random.Random(seed)
    for _ in range(rounds):
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
        f"`gulagreader --corpus C search --json Q` (the installed entry point, its files where a user's are: "
        "the XDG folders, as platformdirs finds them) against "
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
