"""Body text before notes and bibliography, in one pass of the engine: the same passages in the same
order with the same scores as the query that weighs the apparatus down inside tantivy, and only the
passages that can be shown are fetched."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import tantivy

from gulagreader.core import index as ix
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store

Hits = list[tuple[float, str]]


class WeightedQueries:
    """The apparatus weighed down inside tantivy (two clauses: body text, and the apparatus boosted by
    `APPARATUS_WEIGHT`), on the store's own index, with body text put first by hand."""

    def __init__(self, store: Store) -> None:
        found = tantivy.Index.open(str(store.folder / "index"))
        ix._register(found)
        self.schema, self.searcher = found.schema, found.searcher()

    def run(self, query: tantivy.Query, limit: int) -> Hits:
        Query, Occur = tantivy.Query, tantivy.Occur
        kinds = [(Occur.Should, Query.term_query(self.schema, "kind", k)) for k in ix.APPARATUS_KINDS]
        apparatus = Query.boolean_query(kinds)
        body = Query.boolean_query([(Occur.Must, query), (Occur.MustNot, apparatus)])
        notes = Query.boolean_query([(Occur.Must, query), (Occur.Must, Query.const_score_query(apparatus, 0.0))])
        weighted = Query.boolean_query(
            [(Occur.Should, body), (Occur.Should, Query.boost_query(notes, ix.APPARATUS_WEIGHT))]
        )
        found = [(score, self.searcher.doc(a)) for score, a in self.searcher.search(weighted, limit).hits]
        ranked = [
            (score, doc.get_first("id") or "", doc.get_first("kind") in ix.APPARATUS_KINDS) for score, doc in found
        ]
        return [(s, i) for s, i, note in ranked if not note] + [(s, i) for s, i, note in ranked if note]

    def word(self, word: str) -> tantivy.Query:
        term, should = tantivy.Query.term_query, tantivy.Occur.Should
        stem, exact = term(self.schema, "text", ix.stems(word)[0]), term(self.schema, "exact", word)
        return tantivy.Query.boolean_query([(should, stem), (should, exact)])


@pytest.fixture(scope="module")
def weighted(store: Store) -> WeightedQueries:
    return WeightedQueries(store)


def test_every_word_ranks_as_the_weighted_query_ranks_it(
    store: Store, weighted: WeightedQueries, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = [w for w, _ in store.db.commonest_words(100_000) if len(ix.stems(w)) == 1]  # every word of the corpus
    assert len(words) > 4000
    notes_first = 0  # words whose best passage is a note or bibliography entry: the weighing is what decides
    asked = _count_passes(store, monkeypatch)
    for word in words:
        query = ix.Terms(exact=(word,), stemmed=tuple(ix.stems(word)))
        for limit in (1, 3, 15):
            hits, _ = store.index.search(query, limit, body_first=True)
            assert [(h.score, h.id) for h in hits] == weighted.run(weighted.word(word), limit), (word, limit)
        plain, _ = store.index.search(query, 1)
        notes_first += plain[0].kind in ix.APPARATUS_KINDS
    assert notes_first > 100
    assert asked["apparatus"] > 100 and asked["weighted"] > 0  # each way of ranking was taken


def _count_passes(store: Store, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the searches of the apparatus alone and of the weighted query from now on."""
    asked = {"apparatus": 0, "weighted": 0}
    index = store.index

    def counted(
        name: str, method: Callable[[tantivy.Query], tantivy.Query]
    ) -> Callable[[tantivy.Query], tantivy.Query]:
        def call(built: tantivy.Query) -> tantivy.Query:
            asked[name] += 1
            return method(built)

        return call

    monkeypatch.setattr(index, "_weighed_apparatus", counted("apparatus", index._weighed_apparatus))
    monkeypatch.setattr(index, "_body_first", counted("weighted", index._body_first))
    return asked


def test_a_name_or_phrase_ranks_as_the_weighted_query_ranks_it(store: Store, weighted: WeightedQueries) -> None:
    cases = {
        ix.Terms(names=("vorkuta",)): tantivy.Query.term_query(weighted.schema, "names", "vorkuta"),
        ix.PhraseQ(("hunger", "strike")): tantivy.Query.phrase_query(weighted.schema, "exact", ["hunger", "strike"]),
    }
    for query, by_hand in cases.items():
        for limit in (1, 2, 5, 15, 100):
            hits, _ = store.index.search(query, limit, body_first=True)
            assert [(h.score, h.id) for h in hits] == weighted.run(by_hand, limit), (query, limit)


def test_only_the_passages_that_can_be_shown_are_fetched(store: Store, search: SearchService) -> None:
    camp = ix.Terms(exact=("camp",), stemmed=("camp",))
    everything, total = store.index.search(camp, 15, body_first=True)
    some, counted = store.index.search(camp, 15, body_first=True, shown=10)
    assert counted == total and len(some) < len(everything)
    # what is left out is a text of its own after the ten shown: the same ten are shown
    matcher = search.matcher_for("camp")
    assert search._collapse(some, matcher, 10) == search._collapse(everything, matcher, 10)
    left_out = [h for h in everything if h not in some]
    shown = {h.reprint_of or h.id for h in some}
    assert left_out and not any((h.reprint_of or h.id) in shown for h in left_out)
