"""A query of one plain word is counted from the index's statistics instead of by tantivy: the same
count, and the same passages in the same order with the same scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tantivy

from gulagreader.core import index as ix
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store

Hits = list[tuple[float, str]]


class OldQueries:
    """The queries as the search built them before, by hand, on the store's own index."""

    def __init__(self, store: Store) -> None:
        found = tantivy.Index.open(str(store.folder / "index"))
        ix._register(found)
        self.schema, self.searcher = found.schema, found.searcher()

    def run(self, query: tantivy.Query, limit: int) -> tuple[Hits, int]:
        result = self.searcher.search(query, limit, count=True)
        hits = [(score, self.searcher.doc(a).get_first("id") or "") for score, a in result.hits]
        return hits, result.count  # type: ignore[attr-defined]

    def either_form(self, word: str) -> tantivy.Query:
        """One plain word: its stem or its exact form, counted by tantivy."""
        term, should = tantivy.Query.term_query, tantivy.Occur.Should
        stem, exact = term(self.schema, "text", ix.stems(word)[0]), term(self.schema, "exact", word)
        return tantivy.Query.boolean_query([(should, stem), (should, exact)])


@pytest.fixture(scope="module")
def old(store: Store) -> OldQueries:
    return OldQueries(store)


def _plain(word: str) -> ix.Terms:
    return ix.Terms(exact=(word,), stemmed=tuple(ix.stems(word)))


def _ours(store: Store, query: ix.Q, limit: int) -> tuple[Hits, int]:
    hits, total = store.index.search(query, limit)
    return [(h.score, h.id) for h in hits], total


def test_every_plain_word_is_counted_and_ranked_as_tantivy_counts_and_ranks_it(store: Store, old: OldQueries) -> None:
    words = [w for w, _ in store.db.commonest_words(100_000) if len(ix.stems(w)) == 1]  # every word of the corpus
    assert len(words) > 4000
    for word in words:
        query = ix.AllOf((ix.AllOf((_plain(word),)),))  # as the search service wraps one word
        assert store.index._count_of_word(query) is not None, word  # the fast path is taken
        assert _ours(store, query, 15) == old.run(old.either_form(word), 15), word


def test_a_word_is_counted_by_tantivy_where_statistics_would_be_wrong(store: Store, search: SearchService) -> None:
    camp = _plain("camp")
    filtered = ix.AllOf((camp, ix.FieldQ("source", "isr-1963")))
    excluding = ix.AllOf((camp,), (ix.FieldQ("source", "isr-1963"),))
    variants = ix.Terms(exact=("derevianko", "derevyanko"), stemmed=tuple(ix.stems("derevyanko")))
    for query in (filtered, excluding, variants, ix.AnyOf((camp, _plain("strike")))):
        assert store.index._count_of_word(query) is None
    alone, with_filter = store.index.search(camp, 1)[1], store.index.search(filtered, 1)[1]
    assert 0 < with_filter < alone == search.search("camp").total


def test_statistics_count_only_an_index_with_nothing_deleted(tmp_path: Path) -> None:
    meta = {"segments": [{"segment_id": "a", "max_doc": 10, "deletes": None}, {"segment_id": "b", "max_doc": 5}]}
    (tmp_path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    assert ix._nothing_deleted(tmp_path)
    meta["segments"][1]["deletes"] = {"num_deleted_docs": 1, "opstamp": 3}
    (tmp_path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    assert not ix._nothing_deleted(tmp_path)
    assert not ix._nothing_deleted(tmp_path / "missing")
