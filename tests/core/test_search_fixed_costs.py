"""What a search costs beyond the engine: a search process loads only what searching needs, the
name aliases are worked out when the store is built (not in every process), only the passages
shown are fetched when nothing after them can change them, and one search service answers two
threads at once as it answers one."""

from __future__ import annotations
import __future__

import importlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from gulagreader.core import index as ix
from gulagreader.core.lexicon import Lexicon, name_aliases
from gulagreader.core.search import SearchResult, SearchService
from gulagreader.core.search_filters import SearchFilters
from gulagreader.core.store import Store, corpus_key, open_store

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# Modules a search never needs: the build's (sqlite-utils, tempfile, shutil: argparse's own formatter
# would load it for the terminal's width), argparse (a plain search is read by hand), uuid (which
# loads platform), dataclasses (with inspect: defining each dataclass costs ~1 ms), the corpus
# model's ~40 classes, the library, the names' derivations, Qt.
NOT_FOR_A_SEARCH = (
    "sqlite_utils",
    "dataclasses",
    "inspect",
    "argparse",
    "uuid",
    "platform",
    "tempfile",
    "shutil",
    "gulagreader.core.model",
    "gulagreader.core.library",
    "gulagreader.core.names.forms",
    "gulagreader.core.corpus_loader",
    "PySide6",
)

_SEARCH_AND_LIST_MODULES = """
import atexit, gc, json, sys
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count(), file=sys.stderr))
from gulagreader.cli import main
code = main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""


def test_a_search_process_loads_only_what_searching_needs(built_store: Path, tmp_path: Path) -> None:
    base = tmp_path / "base"  # the test's GULAGREADER_BASEDIR: the store is found in its cache
    shutil.copytree(built_store, base / "cache" / f"store-{corpus_key(CORPUS)}")
    for _ in range(2):  # the first hashes the corpus (this base has no memo of it yet)
        done = subprocess.run(
            [sys.executable, "-c", _SEARCH_AND_LIST_MODULES, "search", "--json", "Vorkuta"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "GULAGREADER_BASEDIR": str(base)},
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["hits"][0]["snippet"]
        *_, modules, frozen = done.stderr.splitlines()
        loaded = set(json.loads(modules))
        assert {"tantivy", "gulagreader.core.search"} <= loaded  # it did search
        assert sorted(loaded & set(NOT_FOR_A_SEARCH)) == []
        # its objects were frozen before Python's last collection, which then skips them
        assert int(frozen.removeprefix("frozen at exit:")) > 10_000
    assert "hashlib" not in loaded  # an unchanged corpus is known by its files' sizes and times
    # typing compiles each annotation written as a string when a named tuple is defined (~0.06 ms a
    # field): the search path's named tuples are defined with real ones
    postponed = [
        name
        for name in sorted(loaded)
        if name.startswith("gulagreader")
        and vars(module := importlib.import_module(name)).get("annotations") is __future__.annotations
        and any(isinstance(v, type) and issubclass(v, tuple) and v.__module__ == name for v in vars(module).values())
    ]
    assert postponed == []


def test_the_store_keeps_the_name_aliases_the_lexicon_would_work_out(store: Store) -> None:
    def generic(word: str) -> bool:
        count = store.db.word_counts([word]).get(word)
        return count is not None and not count[1]

    stored = store.db.name_aliases()
    assert stored == name_aliases(store.db.names(), generic)
    assert {"vorkuta", "workuta"} <= stored["vorkuta"]  # a place's spellings in the texts' languages
    worked_out = Lexicon(store.db.names(), store.db)
    from_store = SearchService(store).lexicon
    for word in sorted(stored):
        assert from_store.expand(word) == worked_out.expand(word), word


def test_a_store_of_the_previous_format_is_rebuilt_with_the_aliases(built_store: Path, tmp_path: Path) -> None:
    cached = tmp_path / "base" / "cache" / f"store-{corpus_key(CORPUS)}"
    shutil.copytree(built_store, cached)
    manifest = json.loads((cached / "manifest.json").read_text(encoding="utf-8"))
    (cached / "manifest.json").write_text(json.dumps({**manifest, "format": 6}), encoding="utf-8")
    with sqlite3.connect(cached / "corpus.db") as conn:
        conn.execute("DROP TABLE name_aliases")
    conn.close()
    store = open_store(CORPUS)
    try:
        assert store.folder == cached
        assert store.db.name_aliases()
        assert SearchService(store).search("Workuta").hits
    finally:
        store.db.close()


QUERIES = [
    "Vorkuta",
    "Stalin",
    "Norilsk",
    "Vorkuta 1953",
    "Derevyanko",
    "Noril'sk",
    "Special Camp No. 6",
    "hunger strike",
    '"of the"',
    "vorkutta",
    "kengir OR norilsk -stalin",
    "strik*",
    "USA",
    "Usa",
]


def test_one_service_answers_two_threads_at_once_as_it_answers_one(store: Store) -> None:
    alone = SearchService(store)
    expected = {q: alone.search(q, limit=10) for q in QUERIES}
    highlights = {q: alone.matcher_for(q) for q in QUERIES}
    shared = SearchService(store)  # new: its caches are filled by both threads at once
    start = threading.Barrier(2)

    def run(queries: list[str]) -> list[tuple[str, SearchResult, object]]:
        start.wait()
        return [(q, shared.search(q, limit=10), shared.matcher_for(q)) for q in queries * 5]

    with ThreadPoolExecutor(2) as pool:
        answers = [*pool.map(run, [QUERIES, QUERIES[::-1]])]
    for q, result, matcher in (a for thread in answers for a in thread):
        assert result == expected[q], q
        assert matcher == highlights[q], q


def test_only_the_passages_shown_are_fetched_once_the_rest_cannot_change_them(store: Store) -> None:
    camp = ix.Terms(exact=("camp",), stemmed=("camp",))
    everything, total = store.index.search(camp, 15)
    assert not any(h.reprint_of for h in everything[:10])
    assert store.index.search(camp, 15, shown=10) == (everything[:10], total)
    assert store.index.search(camp, 15) == (everything, total)


def test_a_reprint_after_the_shown_hits_is_still_fetched_and_collapsed(search: SearchService) -> None:
    # one hit shown: its reprint, ranked after it, is one of the spare passages fetched
    for limit in (1, 2, 20):
        hits = search.search('"Lena gold field"', limit=limit).hits
        assert len(hits) == 1
        assert {hits[0].source_id, *(a.source_id for a in hits[0].also_in)} == {"newsletters-2003", "russia-pictures"}


def test_a_query_asked_again_is_answered_as_the_first_time(store: Store) -> None:
    # the plan of a query is kept (parsed, its engine queries built), by its text and every filter
    asked = [
        ("Vorkuta", SearchFilters()),
        ("Vorkuta", SearchFilters(exact=True)),
        ("Vorkuta", SearchFilters(order="source")),
        ("Vorkuta", SearchFilters(source="isr-1963")),
        ("Vorkuta", SearchFilters(years=(1953, 1953))),
        ("Vorkuta", SearchFilters(genre="no such genre")),
        ("vorkutta", SearchFilters()),
        ("vorkutta", SearchFilters(exact=True)),
        ("Vorkuta 1953", SearchFilters()),
    ]
    first = [SearchService(store).search(q, limit=10, filters=f) for q, f in asked]  # each in a fresh service
    again = SearchService(store)
    for _ in range(2):
        assert [again.search(q, limit=10, filters=f) for q, f in asked] == first
    assert first[0] != first[2] and first[0] != first[3] and first[6] != first[7]  # the filters tell them apart
