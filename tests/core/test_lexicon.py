"""'Did you mean' and name expansion read the word list from the store, word by word."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from gulagreader.core import lexicon
from gulagreader.core.lexicon import Lexicon
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store, build_store, open_store_at

TYPOS = ["vorkutta", "derevyanco", "kengirr", "norilskk", "solzhenitsin", "strikke", "hungr"]


def test_the_store_keeps_the_suggestion_index(store: Store) -> None:
    found = store.db.suggestion_candidates(["vorkuta", "vrkuta"])
    assert found is not None
    assert "vorkuta" in found
    assert found["vorkuta"] == store.db.word_counts(["vorkuta"])["vorkuta"][0]


def test_suggestions_and_expansions(search: SearchService) -> None:
    assert search.lexicon.suggest("vorkutta") == "vorkuta"
    assert search.lexicon.suggest("vorkuta") is None  # a known word needs no suggestion
    assert "derevianko" in search.lexicon.expand("derevyanko")
    assert search.lexicon.frequency("vorkuta") > 0
    assert search.lexicon.frequency("qqqq") == 0


def test_a_store_without_the_index_suggests_the_same(built_store: Path, tmp_path: Path, store: Store) -> None:
    """Stores built by earlier versions have no suggestion_keys table: the index is built in memory."""
    old = tmp_path / "old-store"
    shutil.copytree(built_store, old)
    with sqlite3.connect(old / "corpus.db") as conn:
        conn.execute("DROP TABLE suggestion_keys")
    conn.close()
    old_store = open_store_at(old)
    assert old_store.db.suggestion_candidates(["vorkuta"]) is None
    with_index = Lexicon(store.db.names(), store.db)
    without = Lexicon(old_store.db.names(), old_store.db)
    for typo in TYPOS:
        assert without.suggest(typo) == with_index.suggest(typo), typo
        assert without.near(typo, 2) == with_index.near(typo, 2), typo
    old_store.db.close()


def test_suggestions_come_from_the_commonest_words_and_the_names(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = open_store_at(build_store(corpus_copy, tmp_path / "full").store)
    counts = full.db.vocabulary()
    rare = next(w for w, _, n, proper in sorted(counts) if n == 1 and not proper and len(w) >= 9 and w.isalpha())
    typo = rare + rare[-1]
    assert Lexicon(full.db.names(), full.db).suggest(typo) == rare
    monkeypatch.setattr(lexicon, "SUGGESTION_WORDS", 200)
    capped = open_store_at(build_store(corpus_copy, tmp_path / "capped").store)
    words = Lexicon(capped.db.names(), capped.db)
    assert words.suggest(typo) != rare  # a word used once is not among the 200 commonest
    assert words.suggest("kachketinne") == "kachketine"  # a gazetteer name always is
    assert words.suggest("vorkutta") == "vorkuta"
    full.db.close()
    capped.db.close()
