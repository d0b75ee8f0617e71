"""Hostile queries against the bundled corpus: how long the worst of N fuzzed queries takes.

    .venv/bin/python benchmarks/hostile_queries.py [--queries 6300] [--seed 9] [--corpus DIR]

Queries are drawn (seeded) from nine families: random Unicode, operator soup, wildcards,
fuzzy terms, regex-like soup, deep brackets, pastes of up to 10,000 characters, very long words
(ligatures that fold to many letters, base64 blobs) and pasted megabytes. Each is run
through SearchService.search (limit 20, as the reader asks) and timed; the report gives p50, p99
and max overall and per family against the targets (p99 < 50 ms, max < 1 s), and the process's
memory after warming up, after the last query and at its peak; it is written to
benchmarks/out/hostile_queries.md. A benchmark, not a test: it reports, it does not fail.
"""

from __future__ import annotations

import argparse
import base64
import os
import platform
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from gulagreader.core.search import SearchService
from gulagreader.core.store import build_store, open_store_at

ROOT = Path(__file__).resolve().parents[1]
P99_TARGET_MS, MAX_TARGET_MS = 50.0, 1000.0
WORDS = ["Vorkuta", "strike", "Derevyanko", "Norilsk", "Pűkys", "commission", "the", "of", "and", "camp",
         "1953", "hunger", "Trotskyists", "prisoners", "Beria", "Kengir", "Lesoreid", "shooting", "mine",
         "Ukrainians"]  # fmt: skip
OPERATORS = ['"', "(", ")", "OR", "AND", "NOT", "-", "*", "~", ":", "source:", "event:", "author:", "year:",
             "year:1953", "year:1936..1938", "..", "\\", "?", "[", "]", "{", "}", "^", "+", "$", "|"]  # fmt: skip
REGEX = ".*+?[](){}|\\^$"


def _unicode(rng: random.Random) -> str:
    blocks = [(0x20, 0x7F), (0xA0, 0x250), (0x370, 0x400), (0x400, 0x530), (0x590, 0x700), (0x2000, 0x2070),
              (0x3040, 0x30FF), (0x4E00, 0x4F00), (0x1F300, 0x1F650), (0x300, 0x370), (0x0, 0x20)]  # fmt: skip
    out = []
    for _ in range(rng.randint(0, 200)):
        low, high = rng.choice(blocks)
        out.append(chr(rng.randrange(low, high)))
    return "".join(out)


def _soup(rng: random.Random) -> str:
    return " ".join(rng.choice(OPERATORS + WORDS) for _ in range(rng.randint(1, 60)))


def _wildcards(rng: random.Random) -> str:
    def one() -> str:
        word = rng.choice(WORDS).lower()[: rng.randint(0, 6)]
        return rng.choice([f"{word}*", f"*{word}", "*", "**", f"{word}**", f"*{word}*", f"{word}?*"])

    return " ".join(one() for _ in range(rng.randint(1, 30)))


def _fuzzy(rng: random.Random) -> str:
    def one() -> str:
        word = list(rng.choice(WORDS))
        for _ in range(rng.randint(0, 3)):
            word.insert(rng.randrange(len(word) + 1), rng.choice("aeioukrstz"))
        return "".join(word) + "~"

    return " ".join(one() for _ in range(rng.randint(1, 30)))


def _regex(rng: random.Random) -> str:
    return "".join(rng.choice(REGEX + "abvorkt ") for _ in range(rng.randint(1, 300)))


def _brackets(rng: random.Random) -> str:
    depth = rng.randint(1, 3000)
    return "(" * depth + rng.choice(WORDS) + ")" * rng.randint(0, depth)


def _paste(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return " ".join(rng.choice(WORDS) for _ in range(1400))[:10_000]
    if kind == 1:
        return _soup(rng) * 40
    if kind == 2:
        return "".join(_unicode(rng) for _ in range(100))[:10_000]
    return (rng.choice(WORDS) + "~ ") * 1000


def _long_words(rng: random.Random) -> str:
    """One or a few very long words: ligatures that fold to many letters, blobs, a word repeated."""
    n = rng.randint(50, 1000)
    kind = rng.randrange(5)
    if kind == 0:
        return "\ufdfa" * n  # folds to 18 letters each
    if kind == 1:
        return "ﬃ" * n
    if kind == 2:
        return base64.b64encode(rng.randbytes(n)).decode()[:1000]
    if kind == 3:
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyzäöüß") for _ in range(n)) + rng.choice(["", "~", "*"])
    return " ".join([rng.choice(WORDS) * rng.randint(5, 60)] * rng.randint(1, 8))


def _megabyte(rng: random.Random) -> str:
    """A pasted megabyte (the query is read to its first 1,000 characters)."""
    unit = rng.choice(["\ufdfa", "x" * 1000 + " ", _soup(rng), _unicode(rng) or "a", "Vorkuta~ "])
    return (unit * (1_000_000 // len(unit) + 1))[:1_000_000]


FAMILIES: dict[str, Callable[[random.Random], str]] = {
    "random Unicode": _unicode,
    "operator soup": _soup,
    "wildcards": _wildcards,
    "fuzzy terms": _fuzzy,
    "regex-like": _regex,
    "deep brackets": _brackets,
    "pastes (≤10,000 chars)": _paste,
    "long words (≤1,000 chars)": _long_words,
    "1 MB pastes": _megabyte,
}


def rss_mb() -> float:
    """The resident memory of this process now (Linux), in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=6300)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="gulagreader-hostile-") as temp:
        build_store(args.corpus, Path(temp) / "store")
        search = SearchService(open_store_at(Path(temp) / "store"))
        for word in WORDS:  # warm the caches as a session's first searches would
            search.search(word)
            search.search(word + "x")  # and 'did you mean'
        before = rss_mb()
        times: dict[str, list[float]] = {name: [] for name in FAMILIES}
        cpu: dict[str, list[float]] = {name: [] for name in FAMILIES}
        worst = ("", 0.0)
        names = list(FAMILIES)
        for i in range(args.queries):
            family = names[i % len(names)]
            query = FAMILIES[family](rng)
            started, used = time.perf_counter(), time.process_time()
            search.search(query, limit=20)
            ms = (time.perf_counter() - started) * 1000
            times[family].append(ms)
            cpu[family].append((time.process_time() - used) * 1000)
            if ms > worst[1]:
                worst = (query, ms)
        after = rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    every = [t for family in times.values() for t in family]
    every_cpu = [t for family in cpu.values() for t in family]
    p99, top = pct(every, 99), max(every)
    load = os.getloadavg()[0]
    met = "met" if p99 < P99_TARGET_MS and top < MAX_TARGET_MS else "NOT met"
    lines = [
        "# Hostile queries",
        "",
        f"{len(every)} fuzzed queries (seed {args.seed}) on the bundled corpus, SearchService.search(limit=20), "
        f"{platform.machine()} {platform.system()}, Python {sys.version.split()[0]}, load average "
        f"{load:.1f} on {os.cpu_count()} cores. Wall-clock time is what a reader waits; CPU time (all threads) is "
        "the work itself, and does not grow when other programs share the processor.",
        "",
        "| family | queries | p50 ms | p99 ms | max ms | p99 CPU ms | max CPU ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {name} | {len(t)} | {pct(t, 50):.2f} | {pct(t, 99):.2f} | {max(t):.2f} | "
            f"{pct(cpu[name], 99):.2f} | {max(cpu[name]):.2f} |"
            for name, t in times.items()
            if t
        ),
        f"| **all** | {len(every)} | {pct(every, 50):.2f} | {p99:.2f} | {top:.2f} | "
        f"{pct(every_cpu, 99):.2f} | {max(every_cpu):.2f} |",
        "",
        f"Targets p99 < {P99_TARGET_MS:.0f} ms and max < {MAX_TARGET_MS:.0f} ms: {met}. "
        f"Slowest query ({worst[1]:.1f} ms): {worst[0][:80]!r}{'…' if len(worst[0]) > 80 else ''}",
        "",
        f"Memory (resident): {before:.0f} MB after warming up, {after:.0f} MB after the last query, "
        f"peak {peak:.0f} MB (the peak includes building the store).",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    out = ROOT / "benchmarks" / "out" / "hostile_queries.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
