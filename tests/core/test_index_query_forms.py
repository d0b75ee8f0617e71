"""An AND of plain words requires each word's stem and adds its exact form to the score: the same
matches and scores as requiring either form of each word, which tantivy runs more slowly. Scores
agree to a float's rounding (tantivy adds the same terms in another order), so only passages whose
scores tie to six digits may change places."""

from __future__ import annotations

import math

import pytest
import tantivy

from gulagreader.core import index as ix
from gulagreader.core.store import Store


def _either_form(store: Store, words: list[str]) -> list[tuple[float, str]]:
    """The slower form, built by hand on the store's own index: each word as stem OR exact form."""
    found = tantivy.Index.open(str(store.folder / "index"))
    ix._register(found)
    schema, searcher = found.schema, found.searcher()
    query, should = tantivy.Query, tantivy.Occur.Should
    per_word = [
        query.boolean_query(
            [(should, query.term_query(schema, "text", ix.stems(w)[0])), (should, query.term_query(schema, "exact", w))]
        )
        for w in words
    ]
    result = searcher.search(query.boolean_query([(tantivy.Occur.Must, q) for q in per_word]), 1000)
    return [(score, searcher.doc(a).get_first("id") or "") for score, a in result.hits]


@pytest.mark.parametrize("words", [["hunger", "strike"], ["camp", "strike", "vorkuta"], ["shot", "prisoners"]])
def test_an_and_of_plain_words_matches_and_scores_like_either_form(store: Store, words: list[str]) -> None:
    query = ix.AllOf(tuple(ix.Terms(exact=(w,), stemmed=tuple(ix.stems(w))) for w in words))
    hits, total = store.index.search(query, 1000)
    expected = _either_form(store, words)
    assert total == len(hits) == len(expected) > 0
    scores = dict((passage, score) for score, passage in expected)
    assert {h.id for h in hits} == scores.keys()
    assert all(math.isclose(h.score, scores[h.id], rel_tol=1e-6) for h in hits)
    for hit, (score, passage) in zip(hits, expected, strict=True):  # the same order, but for ties
        assert hit.id == passage or math.isclose(hit.score, score, rel_tol=1e-6)


def test_a_word_with_other_spellings_keeps_either_form(store: Store) -> None:
    """Derevyanko's exact spellings are not its stem's: the passages spelt Derevianko must still match."""
    names = ix.Terms(exact=("derevianko", "derevyanko"), stemmed=tuple(ix.stems("derevyanko")))
    alone, total = store.index.search(names, 100)
    hits, _ = store.index.search(ix.AllOf((names, ix.Terms(exact=("the",), stemmed=("the",)))), 100)
    assert total > 0 and any("derevianko" in h.text.lower() for h in hits)
    assert {h.id for h in hits} <= {h.id for h in alone}
