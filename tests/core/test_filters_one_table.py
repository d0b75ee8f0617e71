"""Search filters have one home: every facet is one entry of FACETS, which everything reading filters goes by."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from gulagreader.core.search import SearchService
from gulagreader.core.search_filters import FACETS, RESULT_ORDERS, SearchFilters, facet

# a value of each facet that narrows the bundled corpus (a new facet fails these tests until it has one)
SAMPLES: dict[str, Any] = {
    "source": "isr-1963",
    "event": "vorkuta-1953",
    "genre": "scholarly article",
    "years": (1953, 1954),
}
NAMES = {"isr-1963": "Trotskyists at Vorkuta", "vorkuta-1953": "Vorkuta strike"}


def test_every_setting_of_a_search_is_a_facet_or_the_order_or_exact_spelling() -> None:
    assert set(SearchFilters._fields) == {f.key for f in FACETS} | {"order", "exact"}
    assert set(SAMPLES) == {f.key for f in FACETS}
    assert len({f.access_key.casefold() for f in FACETS}) == len(FACETS)
    assert all(f.access_key in f.label for f in FACETS)


@pytest.mark.parametrize("key", SAMPLES)
def test_each_facet_goes_to_its_record_form_and_back(key: str) -> None:
    filters = SearchFilters(**{key: SAMPLES[key]})
    record = filters.record()
    assert list(record) == [key] and all(isinstance(v, str) for v in record.values())
    assert SearchFilters.from_record(record) == filters
    assert filters.narrowing and len(filters.narrowings()) == 1


def test_all_facets_together_and_the_order_go_to_their_record_form_and_back() -> None:
    filters = SearchFilters(**SAMPLES, order="source")
    assert SearchFilters.from_record(filters.record()) == filters
    assert SearchFilters.from_record(SearchFilters(exact=True).record()) == SearchFilters()  # a reading mode
    assert SearchFilters().record() == {} and not SearchFilters(order="source").narrowing


@pytest.mark.parametrize("key", SAMPLES)
def test_the_description_names_each_facet_set(key: str) -> None:
    f = facet(key)
    filters = SearchFilters(**{key: SAMPLES[key]})
    said = filters.said(NAMES)
    assert said == [f.said(SAMPLES[key], NAMES)] and filters.describe(NAMES) == said[0]
    assert said[0].startswith(f.label.lower().rstrip("s"))  # 'source: …', 'years 1953–1954'
    if f.named:
        assert NAMES[SAMPLES[key]] in said[0]


def test_the_description_says_all_in_the_table_order_then_the_order() -> None:
    filters = SearchFilters(**SAMPLES, order="source")
    assert filters.describe(NAMES) == (
        "source: Trotskyists at Vorkuta; event: Vorkuta strike; genre: scholarly article; years 1953–1954; "
        "in source order"
    )
    assert SearchFilters(years=(1953, 1953)).describe() == "year 1953"
    assert SearchFilters().describe() == ""


def test_records_kept_by_earlier_versions_still_read() -> None:
    old = {"source": "lituanus-2005", "event": "vorkuta-1953", "genre": "eyewitness report", "years": "1936..1938"}
    filters = SearchFilters.from_record({**old, "sort": "source"})
    assert filters == SearchFilters("lituanus-2005", "vorkuta-1953", "eyewitness report", (1936, 1938), "source")
    assert filters.record() == {**old, "sort": "source"}  # the same record: the history sees the same search
    assert SearchFilters.from_record({"years": "1938..1936"}).years == (1936, 1938)
    for unreadable in ({"years": "1953"}, {"years": "x..1953"}, {"years": ""}, {"colour": "red"}, {"sort": "date"}):
        assert SearchFilters.from_record(unreadable) == SearchFilters(), unreadable


def test_the_command_line_flags_come_from_the_table() -> None:
    flags = {"source": "isr-1963", "event": None, "sort": "source", "exact": True, "json": True, "limit": 10}
    assert SearchFilters.from_flags(flags) == SearchFilters(source="isr-1963", order="source", exact=True)
    assert [f.flag for f in FACETS if f.flag] == ["--source", "--event"]
    assert set(RESULT_ORDERS) == {"relevance", "source"}


@pytest.mark.parametrize("key", SAMPLES)
def test_each_facet_narrows_the_search(search: SearchService, key: str) -> None:
    everything = search.search("Vorkuta", limit=1000)
    narrowed = search.search("Vorkuta", limit=1000, filters=SearchFilters(**{key: SAMPLES[key]}))
    assert 0 < narrowed.total < everything.total


def test_the_filters_module_loads_only_the_standard_library() -> None:
    script = (
        "import sys\nbefore = set(sys.modules)\nimport gulagreader.core.search_filters\n"
        "print(json.dumps(sorted(m for m in set(sys.modules) - before if '.' not in m or m.startswith('gulag'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", "import json\n" + script], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = json.loads(done.stdout)
    ours = {m for m in loaded if m.startswith("gulagreader")}
    assert ours == {"gulagreader", "gulagreader.core", "gulagreader.core.search_filters"}
    assert all(m in sys.stdlib_module_names or m.startswith("_") for m in set(loaded) - ours), loaded
