"""Hostile queries: wildcards, regex soup, deep brackets, fuzzy terms and pasted pages never raise.

The property-based fuzzing of the core is in test_query_fuzz.py; here are the named attacks and the
same fuzzing through the command line (`search --json`), which must always answer with valid JSON.
Time bounds are measured in benchmarks/hostile_queries.py, not asserted here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gulagreader.cli import main
from gulagreader.core.query import MAX_DEPTH, MAX_FUZZY, MAX_QUERY_CHARS, Fuzzy, parse
from gulagreader.core.search import SearchService

WILDCARDS = ["a*", "*", "**", "***", "*a", "*vork*", "v*k*", "vo*", "vorkuta*", "?", "??*", "*~", "~*", "-*", "NOT *"]
REGEX_LIKE = [".*+?[](){}|\\^$", ".*", "[a-z]+", "(a|b)*", "a{2,}", "^vork.*$", "\\d+", "(?i)vorkuta", "[^a]", "a**~"]
FUZZY = ["vorkuta~", "Derevyanko~", "ab~", "a~", "~", "~~~~", "strike~ strike~", "x" * 90 + "~", "Pűkys~"]
PASTES = [
    "Vorkuta " * 1250,  # 10,000 characters of one word
    "(" * 10_000,
    '"' * 10_000,
    "NOT " * 2500,
    "-" * 10_000,
    "a* " * 3333,
    "source:" * 1400,
    "ﬃ" * 3000 + "*",  # folds to 9,000 letters: longer than any regex the engine compiles
    "\u0301" * 10_000,  # combining marks only
    "\x00\x01\x1b[31m" * 2000,
]


def _short(query: object) -> str:
    return repr(query)[:24]


@pytest.mark.parametrize("query", [*WILDCARDS, *REGEX_LIKE, *FUZZY, *PASTES], ids=_short)
def test_hostile_query_is_answered(search: SearchService, query: str) -> None:
    result = search.search(query, limit=10)
    assert result.total >= 0
    assert all(0 <= a < b <= len(h.text) for h in result.hits for a, b in h.highlights)


def test_a_bare_star_finds_nothing_and_a_short_prefix_says_why(search: SearchService) -> None:
    assert search.search("*").total == 0
    assert "at least two letters" in search.search("a*").message
    assert search.search("vork*").total >= search.search("vorkuta").total > 0


def test_regex_characters_are_text_not_patterns(search: SearchService) -> None:
    assert search.search(".*").total == 0  # not 'every passage'
    assert search.search("[a-z]+").total == search.search('"a z"').total  # one token: its words in order


def test_deep_brackets_are_read_to_a_limit(search: SearchService) -> None:
    parsed = parse("(" * 5000 + "vorkuta" + ")" * 5000)
    assert any(f"more than {MAX_DEPTH} deep" in m for m in parsed.messages)
    result = search.search("(" * 300 + "vorkuta" + ")" * 300)
    assert result.total == search.search("vorkuta").total > 0


def test_a_pasted_page_is_cut_and_says_so(search: SearchService) -> None:
    result = search.search("Vorkuta " * 1250)
    assert f"first {MAX_QUERY_CHARS} characters" in result.message and result.total > 0


def test_only_the_first_fuzzy_words_are_fuzzy_and_it_says_so(search: SearchService) -> None:
    parsed = parse(" ".join(f"strike{i}~" for i in range(MAX_FUZZY)) + " Vorkutta~")
    assert "Only the first" in " ".join(parsed.messages)
    assert sum(isinstance(n, Fuzzy) for n in parsed.root.items) == MAX_FUZZY
    assert search.search("Vorkutta~ " * (MAX_FUZZY + 5)).total == search.search("Vorkutta~").total > 0


def test_fuzzy_terms_find_misspellings_and_overlong_ones_find_nothing(search: SearchService) -> None:
    assert search.search("Vorkutta~").total > 0
    assert search.search("x" * 90 + "~").total == 0
    assert search.search("vorkuta" * 20 + "*").total == 0


OPERATOR_SOUP = st.lists(
    st.sampled_from(['"', "(", ")", "OR", "AND", "NOT", "-", "*", "**", "~", ":", "source:", "year:", "event:",
                     "author:", "Vorkuta", "strike", "Derevyanko", "Pűkys", "1953..", "..", "\\", "?", "[", "]",
                     "{", "}", "^", "+", "$", "|", ".*", "vork*", "a*", "ab~", "year:1936..1938", "source:isr-1963"]),
    max_size=40,
).map(" ".join)  # fmt: skip
QUERIES = st.one_of(st.text(max_size=300), OPERATOR_SOUP, st.text(alphabet='()"*~-:', max_size=200))


@pytest.fixture(scope="module")
def basedir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the module's command lines, so the store is built once."""
    return tmp_path_factory.mktemp("cli-base")


def _search_json(capsys: pytest.CaptureFixture[str], basedir: Path, query: str) -> dict[str, object]:
    status = main(["--basedir", str(basedir), "search", "--json", "--limit", "5", "--", query])
    out, err = capsys.readouterr()
    assert status == 0, err
    parsed = json.loads(out)
    assert isinstance(parsed, dict)
    return parsed


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(QUERIES)
def test_cli_search_json_always_answers_valid_json(
    capsys: pytest.CaptureFixture[str], basedir: Path, query: str
) -> None:
    result = _search_json(capsys, basedir, query)
    assert isinstance(result["total"], int) and isinstance(result["hits"], list)


@pytest.mark.campaign
@settings(max_examples=3000, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(QUERIES)
def test_campaign_cli_search_json_many_queries(capsys: pytest.CaptureFixture[str], basedir: Path, query: str) -> None:
    result = _search_json(capsys, basedir, query)
    assert isinstance(result["total"], int)


def test_cli_named_attacks_answer_valid_json(capsys: pytest.CaptureFixture[str], basedir: Path) -> None:
    for query in [*WILDCARDS, *REGEX_LIKE, *FUZZY, *PASTES]:
        result = _search_json(capsys, basedir, query)
        assert result["query"] == query and isinstance(result["hits"], list)
