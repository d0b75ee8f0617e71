"""Filters the reader offers beside the results: genre, years, and source order that keeps sources together."""

from __future__ import annotations

from gulagreader.core.library import Library
from gulagreader.core.search import SearchService
from gulagreader.core.search_filters import SearchFilters
from gulagreader.core.store import Store


def test_genre_keeps_the_sources_of_that_genre(search: SearchService) -> None:
    everywhere = search.search("Vorkuta", limit=200)
    essays = search.search("Vorkuta", limit=200, filters=SearchFilters(genre="Political Essay"))
    assert 0 < essays.total < everywhere.total
    assert {h.source_id for h in essays.hits} == {"newsletters-2003"}
    unknown = search.search("Vorkuta", filters=SearchFilters(genre="sonnet"))
    assert unknown.total == 0 and "sonnet" in unknown.message


def test_years_narrow_like_the_year_field(search: SearchService) -> None:
    by_field = search.search("strike year:1936..1938", limit=100)
    by_filter = search.search("strike", limit=100, filters=SearchFilters(years=(1938, 1936)))
    assert [h.passage_id for h in by_filter.hits] == [h.passage_id for h in by_field.hits]
    assert 0 < by_filter.total < search.search("strike").total


def test_filters_alone_list_passages_in_source_order(search: SearchService, store: Store) -> None:
    result = search.search("", limit=1000, filters=SearchFilters(event="vorkuta-1953", genre="scholarly article"))
    assert result.total > 3 and {h.source_id for h in result.hits} == {"lituanus-2005"}
    seqs = {p.id: p.seq for p in Library(store).passages_of("lituanus-2005")}
    assert [seqs[h.passage_id] for h in result.hits] == sorted(seqs[h.passage_id] for h in result.hits)


def test_source_order_keeps_each_source_together(search: SearchService, store: Store) -> None:
    hits = search.search("camp", limit=1000, filters=SearchFilters(order="source")).hits
    order = [s.id for s in Library(store).sources()]
    ranks = [order.index(h.source_id) for h in hits]
    assert len(set(ranks)) > 2 and ranks == sorted(ranks)
