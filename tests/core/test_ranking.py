"""Hits ranked for people: the body text that tells the story above the notes and bibliography entries
that cite it; 'did you mean' never offers the query back."""

from __future__ import annotations

import re
import unicodedata

from gulagreader.core.index import APPARATUS_KINDS
from gulagreader.core.library import Library
from gulagreader.core.search import SearchService
from gulagreader.core.search_filters import SearchFilters
from gulagreader.core.store import Store


def test_a_note_never_stands_above_body_text_with_the_same_words(store: Store, search: SearchService) -> None:
    checked = 0
    for name in store.db.names():
        result = search.search(name.canonical, limit=50)
        if not result.hits or not result.all_words:
            continue
        kinds = [h.kind for h in result.hits]
        if any(k not in APPARATUS_KINDS for k in kinds):
            checked += 1
            first_note = next((i for i, k in enumerate(kinds) if k in APPARATUS_KINDS), len(kinds))
            assert all(k in APPARATUS_KINDS for k in kinds[first_note:]), (name.canonical, kinds)
    assert checked > 100


def test_the_common_names_lead_with_the_story(search: SearchService) -> None:
    for query in ("Vorkuta", "Hrytsiak", "Solzhenitsyn", "Norilsk", "Stalin", "Kengir", "Derevyanko"):
        top = search.search(query, limit=3).hits
        assert all(h.kind not in APPARATUS_KINDS for h in top), (query, [h.kind for h in top])


def test_notes_keep_their_place_in_source_order(search: SearchService) -> None:
    ranked = search.search("Hrytsiak", limit=50, filters=SearchFilters(order="source"))
    seqs = [(h.source_id, h.passage_id) for h in ranked.hits]
    assert any(h.kind == "note" for h in ranked.hits)
    assert len(seqs) == len(set(seqs))


def test_did_you_mean_never_offers_the_query_back(store: Store, search: SearchService) -> None:
    library = Library(store)
    words = set()
    for source in library.sources():
        for passage in library.passages_of(source.id):
            words.update(w for w in re.findall(r"\w+", passage.text) if not w.isascii())
    offered = 0
    for word in sorted(words):
        result = search.search(word)
        if result.suggestion is not None:
            offered += 1
            assert result.suggestion.casefold() != word.casefold(), word
            folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().casefold()
            assert result.suggestion.casefold() != folded, word
    assert len(words) > 30


def test_for_the_names_told_in_body_text_the_top_hit_is_body_text(store: Store, search: SearchService) -> None:
    told, first = 0, 0
    for name in store.db.names():
        hits = search.search(name.canonical, limit=50).hits
        if any(h.kind not in APPARATUS_KINDS for h in hits):
            told += 1
            first += hits[0].kind not in APPARATUS_KINDS
    assert told > 250
    assert first / told >= 0.95, f"{first} of {told}"
