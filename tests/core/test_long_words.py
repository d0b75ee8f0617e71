"""Long words cost linear work: 'did you mean' and the store never grow with the square of a word's length.

The deletion index behind 'did you mean' holds each word under every form of it with one letter
dropped: n keys of n - 1 letters for a word of n letters. Unbounded, one pasted word of 18,000 letters
(1,000 × U+FDFA, which folds to 18 letters each) took seconds and a gigabyte per query, and a base64
blob in a source made the store hundreds of megabytes. Timings are in benchmarks/hostile_queries.py.
"""

from __future__ import annotations

import base64
import random
import sqlite3
import string
import tracemalloc
from pathlib import Path

import pytest

from gulagreader.core.lexicon import SUGGESTION_LONGEST
from gulagreader.core.search import SearchService
from gulagreader.core.store import build_store, open_store_at

LONG_WORDS = [
    "\ufdfa" * 1000,  # one word of 18,000 letters once folded
    "a" * 872,
    "ﬃ" * 999,
    base64.b64encode(random.Random(1).randbytes(700)).decode(),
    "Vorkutaa" * 120,
    " ".join(["\ufdfa" * 30] * 30),
    ("x" * 1000 + " ") * 1000,  # a 1 MB paste
]


@pytest.mark.parametrize("query", LONG_WORDS, ids=lambda q: repr(q)[:20])
def test_a_long_word_costs_little_memory(search: SearchService, query: str) -> None:
    search.search("Vorkutta")  # the suggestion index is loaded before measuring
    tracemalloc.start()
    try:
        result = search.search(query, limit=20)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.total >= 0 and result.suggestion is None
    assert peak < 8 * 1024 * 1024, f"{peak / 2**20:.0f} MB for one query"


def test_did_you_mean_still_works_for_ordinary_words(search: SearchService) -> None:
    assert search.search("Vorkutta").suggestion == "Vorkuta"
    assert search.search("comission").suggestion == "commission"
    assert search.search("Derevianco").suggestion == "Derevianko"


def test_a_pasted_blob_in_a_source_keeps_the_store_small(corpus_copy: Path, tmp_path: Path) -> None:
    rng = random.Random(5)
    blob = "".join(rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(200_000))  # base64
    normal, bloated = tmp_path / "normal", tmp_path / "bloated"
    build_store(corpus_copy, normal)
    source = next((corpus_copy / "sources").glob("*.md"))
    passage = f"{source.stem}.p999"
    with source.open("a", encoding="utf-8") as f:
        f.write(f"\n\nPasted {blob} end. {{#{passage}}}\n")
    build_store(corpus_copy, bloated)
    grew = (bloated / "corpus.db").stat().st_size - (normal / "corpus.db").stat().st_size
    # the passage's text, and the blob's pieces (split at + and /) in the word list with their keys
    assert grew < 6 * len(blob), f"one {len(blob):,}-letter blob grew corpus.db by {grew:,} bytes"
    conn = sqlite3.connect(bloated / "corpus.db")
    try:
        longest = conn.execute("SELECT max(length(word)) FROM suggestion_keys").fetchone()[0]
    finally:
        conn.close()
    assert longest <= SUGGESTION_LONGEST
    search = SearchService(open_store_at(bloated))
    assert search.search("Pasted").total >= 1  # the passage is there; only the blob is not a word


_BUILD = """
import resource, sys, time
from pathlib import Path
from gulagreader.core.store import build_store
started = time.perf_counter()
build_store(Path(sys.argv[1]), Path(sys.argv[2]))
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


@pytest.mark.campaign
def test_campaign_single_tokens_of_any_length(corpus_copy: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    rng = random.Random(15)
    source = next((corpus_copy / "sources").glob("*.md"))
    original = source.read_text(encoding="utf-8")
    lines = []
    for length in (15_000, 40_000, 250_000, 1_000_000, 5_000_000):
        blob = "".join(rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(length))
        source.write_text(original + f"\n\nPasted {blob} end. {{#{source.stem}.p999}}\n", encoding="utf-8")
        out = tmp_path / f"store-{length}"
        done = subprocess.run(
            [sys.executable, "-c", _BUILD, str(corpus_copy), str(out)], capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr
        seconds, peak = done.stdout.split()
        size = (out / "corpus.db").stat().st_size + sum(f.stat().st_size for f in (out / "index").iterdir())
        lines.append(
            f"  token of {length:>9,} letters: built in {float(seconds):.1f} s, peak {peak} MB, "
            f"store {size / 2**20:.1f} MB"
        )
        assert float(seconds) < 120
    print("\nsingle huge tokens in a source:\n" + "\n".join(lines))
