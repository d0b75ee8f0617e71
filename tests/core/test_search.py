"""Search over the real corpus: every query feature, name variants, collapse, suggestions."""

from __future__ import annotations

import pytest

from gulagreader.core.search import SearchResult, SearchService
from gulagreader.core.search_filters import SearchFilters
from gulagreader.core.store import Store


def _ids(result: SearchResult) -> list[str]:
    return [h.passage_id for h in result.hits]


def _matched(result: SearchResult) -> set[str]:
    return {h.text[a:b] for h in result.hits for a, b in h.highlights}


def test_words_rank_passages_with_all_words_first(search: SearchService) -> None:
    result = search.search("hunger strike Vorkuta", limit=50)
    assert result.total > 0
    flags = []
    for hit in result.hits:
        text = hit.text.lower()
        flags.append("hunger" in text and "strike" in text and "vorkuta" in text)
    assert flags[0]
    assert flags == sorted(flags, reverse=True), "passages with all words must come first"


def test_falls_back_to_any_word_with_a_message(search: SearchService) -> None:
    result = search.search("Kengir Dudinka Petchora")
    assert result.hits
    assert "some of them" in result.message


def test_stemming_for_prose(search: SearchService) -> None:
    matched = {w.lower() for w in _matched(search.search("strikes", limit=100))}
    assert {"strike", "striking"} <= matched or {"strike", "strikers"} <= matched


def test_quoted_phrase_is_exact(search: SearchService) -> None:
    result = search.search('"Camp No. 29"', limit=100)
    assert result.hits
    for hit in result.hits:
        assert any(hit.text[a:b].lower().replace(" ", "") == "campno.29" for a, b in hit.highlights)
    assert search.search('"strikes"').total < search.search("strikes").total


def test_or_and_not(search: SearchService) -> None:
    kengir = search.search("Kengir", limit=500).total
    norilsk = search.search("Norilsk", limit=500).total
    either = search.search("Kengir OR Norilsk", limit=500).total
    assert max(kengir, norilsk) < either <= kengir + norilsk
    without = search.search("Norilsk -Vorkuta", limit=500)
    assert without.total < norilsk
    assert all("vorkuta" not in h.text.lower() for h in without.hits)
    assert search.search("Norilsk NOT Vorkuta", limit=500).total == without.total


def test_prefix(search: SearchService) -> None:
    matched = {w.lower() for w in _matched(search.search("Vorkut*", limit=200))}
    assert {"vorkuta", "vorkutlag"} <= matched


def test_fuzzy(search: SearchService) -> None:
    assert "Derevianko" in _matched(search.search("Derevyanco~"))


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("Derevyanko", "Derevianko"),
        ("Kuznetsov", "Kuznyetsov"),
        ("Pechora", "Petchora"),
        ("Pukys", "Pűkys"),
        ("Barnatavicius", "Barnatavičius"),
    ],
)
def test_name_variants_and_diacritics(search: SearchService, typed: str, spelled: str) -> None:
    result = search.search(typed)
    assert result.total > 0, typed
    assert spelled in _matched(result)


def test_gazetteer_variant_finds_every_spelling(search: SearchService) -> None:
    plain = search.search('"Derevianko"', limit=100).total
    assert search.search("Derevyanko", limit=100).total == plain > 0


def test_transliteration_does_not_blur_ordinary_words(search: SearchService) -> None:
    assert "fur" not in {w.lower() for w in _matched(search.search("four", limit=100))}


def test_fields_filter(search: SearchService) -> None:
    only = search.search("strike source:isr-1963", limit=100)
    assert only.hits and {h.source_id for h in only.hits} == {"isr-1963"}
    assert search.search("strike", filters=SearchFilters(source="isr-1963"), limit=100).total == only.total
    by_author = search.search("strike author:Dunayevskaya", limit=100)
    assert by_author.hits and {h.source_id for h in by_author.hits} <= {"newsletters-2003", "russia-pictures"}


def test_event_and_year_filters(search: SearchService) -> None:
    vorkuta = search.search("event:vorkuta-1953", limit=1000)
    assert vorkuta.total > 5
    assert all("vorkuta-1953" in h.events for h in vorkuta.hits)
    hunger = search.search("hunger year:1936..1938", limit=100)
    assert hunger.hits
    assert search.search("hunger year:1990").total == 0


def test_highlight_offsets_point_into_the_text(search: SearchService) -> None:
    for hit in search.search("Vorkuta strike", limit=20).hits:
        assert hit.highlights
        for a, b in hit.highlights:
            assert 0 <= a < b <= len(hit.text)
        start = hit.snippet_start
        assert hit.text[start : start + len(hit.snippet)] == hit.snippet


def test_reprints_collapse_into_one_hit_with_also_in(search: SearchService) -> None:
    result = search.search('"Lena gold field"')
    assert len(result.hits) == 1
    hit = result.hits[0]
    assert {hit.source_id, *(a.source_id for a in hit.also_in)} == {"newsletters-2003", "russia-pictures"}


def test_did_you_mean(search: SearchService) -> None:
    result = search.search(
        "Vorkutta", filters=SearchFilters(exact=True)
    )  # with exact spelling: near spellings are only suggested
    assert result.total == 0
    assert result.suggestion == "Vorkuta"
    assert search.search(result.suggestion).total > 0


def test_content_note_travels_with_the_passage(search: SearchService) -> None:
    result = search.search("Rothschild")
    assert result.hits and result.hits[0].content_note
    assert result.hits[0].provenance_warning


@pytest.mark.parametrize(
    "query",
    ['"', "(", ")", "OR", "AND", "NOT", "-", "*", "~", ":", "year:", "source:", '"a', "a" * 10_000,
     "\x00\x01\x02", "🙂 ∑ ＶＯＲＫＵＴＡ", "vork* OR (", "((((((((((a", "-a -b -c", "x~~", "**"],
)  # fmt: skip
def test_no_query_ever_raises(search: SearchService, query: str) -> None:
    result = search.search(query)
    assert result.total >= 0


def test_only_filters_lists_passages_in_source_order(search: SearchService, store: Store) -> None:
    result = search.search("source:goble-2018", limit=5)
    assert _ids(result) == [p.id for p in store.db.passages_of("goble-2018")[:5]]


def test_generic_words_and_first_names_are_not_name_aliases(search: SearchService) -> None:
    assert {w.lower() for w in _matched(search.search("camp", limit=100))} <= {"camp", "camps"}
    assert "Derevianko" not in _matched(search.search("Kuzma", limit=100))


@pytest.mark.parametrize(("typed", "spelled"), [("Workuta", "Vorkuta"), ("Gritsyak", "Hrytsiak"), ("Kingir", "Kengir")])
def test_foreign_transliterations_from_the_gazetteer(search: SearchService, typed: str, spelled: str) -> None:
    assert spelled in _matched(search.search(typed, limit=100))
