"""Property-based: no query, however odd, makes the parser or the search raise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gulagreader.core.query import parse
from gulagreader.core.search import SearchService

OPERATOR_SOUP = st.lists(
    st.sampled_from(['"', "(", ")", "OR", "AND", "NOT", "-", "*", "~", ":", "source:", "year:", "event:", "author:",
                     "Vorkuta", "strike", "Derevyanko", "1953..", "..", "\\", "?", "[", "]", "{", "}", "^", "+"]),
    max_size=30,
).map(" ".join)  # fmt: skip


@given(st.text(max_size=300))
def test_parse_never_raises_on_any_text(text: str) -> None:
    parsed = parse(text)
    assert isinstance(parsed.messages, tuple)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.one_of(st.text(max_size=200), OPERATOR_SOUP))
def test_search_never_raises(search: SearchService, text: str) -> None:
    result = search.search(text, limit=5)
    assert result.total >= 0
    for hit in result.hits:
        assert all(0 <= a < b <= len(hit.text) for a, b in hit.highlights)
