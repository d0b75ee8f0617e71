"""The concordance: one line per occurrence, aligned on the match, in three orders."""

from __future__ import annotations

import pytest

from gulagreader.core.concordance import concordance, sort_lines
from gulagreader.core.library import Library
from gulagreader.core.search import SearchService
from gulagreader.core.search_filters import SearchFilters
from gulagreader.core.store import Store
from gulagreader.core.text import fold, folded_words


def test_every_occurrence_is_one_line_cut_from_its_passage(search: SearchService, store: Store) -> None:
    found = concordance(search, "Derevyanko")
    result = search.search("Derevyanko", limit=1000)
    assert len(found.lines) == sum(len(h.highlights) for h in result.hits) >= 7
    assert found.passages == len(result.hits)
    library = Library(store)
    for line in found.lines:
        text = " ".join(library.passage(line.passage_id).text.split())
        assert fold(line.match) in {"derevianko", "derevyanko"}
        assert line.left.removeprefix("…") + line.match + line.right.removesuffix("…") in text
        assert len(line.left) <= 72 and len(line.right) <= 72
    by_passage = [ln for ln in found.lines if ln.passage_id == found.lines[0].passage_id]
    assert [ln.occurrence for ln in by_passage] == list(range(len(by_passage)))


def test_lines_come_in_corpus_order_and_reprints_once(search: SearchService, store: Store) -> None:
    found = concordance(search, "Vorkuta")
    order = [s.id for s in Library(store).sources()]
    keys = [(order.index(ln.source_id), ln.order, ln.start) for ln in found.lines]
    assert keys == sorted(keys)
    assert any(ln.also_in for ln in found.lines)  # the reprinted News & Letters article counts once
    assert len({(ln.passage_id, ln.start) for ln in found.lines}) == len(found.lines)


def test_sorted_by_the_word_before_or_after(search: SearchService) -> None:
    lines = concordance(search, "strike").lines
    after = sort_lines(lines, "right")
    assert [folded_words(ln.right) for ln in after] == sorted(folded_words(ln.right) for ln in lines)
    before = sort_lines(lines, "left")
    assert [folded_words(ln.left)[::-1] for ln in before] == sorted(folded_words(ln.left)[::-1] for ln in lines)
    assert sorted(map(id, before)) == sorted(map(id, lines))
    with pytest.raises(ValueError, match="sort by"):
        sort_lines(lines, "date")


def test_filters_narrow_it_and_an_empty_query_has_no_lines(search: SearchService) -> None:
    everywhere = concordance(search, "Vorkuta")
    one = concordance(search, "Vorkuta", SearchFilters(source="isr-1963"))
    assert 0 < len(one.lines) < len(everywhere.lines)
    assert {ln.source_id for ln in one.lines} == {"isr-1963"}
    scholarly = concordance(search, "Vorkuta", SearchFilters(genre="scholarly article"))
    assert {ln.source_id for ln in scholarly.lines} == {"lituanus-2005"}
    assert concordance(search, "   ").lines == ()
