"""The query parser reads anything leniently and says what it did."""

from __future__ import annotations

import pytest

from gulagreader.core.query import (
    MAX_CLAUSES,
    Either,
    FieldFilter,
    Fuzzy,
    Group,
    Phrase,
    Prefix,
    Word,
    YearRange,
    parse,
)


def test_words_phrases_and_operators() -> None:
    q = parse('Vorkuta "Camp No. 29" vork* Derevyanko~ -Berlin')
    assert q.root.items == (Word("vorkuta"), Phrase(("camp", "no", "29")), Prefix("vork"), Fuzzy("derevyanko"))
    assert q.root.excluded == (Word("berlin"),)
    assert not q.messages


def test_or_and_grouping() -> None:
    q = parse("(Kengir OR Norilsk) strike")
    assert q.root.items == (Either((Word("kengir"), Word("norilsk"))), Word("strike"))


def test_exclusion_applies_to_the_whole_or() -> None:
    q = parse("Kengir OR Norilsk -Vorkuta")
    assert q.root == Group((Either((Word("kengir"), Word("norilsk"))),), (Word("vorkuta"),))


def test_fields() -> None:
    q = parse("source:isr-1963 event:vorkuta-1953 author:Dunayevskaya year:1936..1938 strike")
    assert q.filters == (
        FieldFilter("source", "isr-1963"),
        FieldFilter("event", "vorkuta-1953"),
        FieldFilter("author", "dunayevskaya"),
        YearRange(1936, 1938),
    )
    assert parse("year:1953").filters == (YearRange(1953, 1953),)


def test_diacritics_fold() -> None:
    assert parse("Pűkys Barnatavičius").root.items == (Word("pukys"), Word("barnatavicius"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"unbalanced quote', "quote was not closed"),
        ("((Vorkuta", "'(' was not closed"),
        ("Vorkuta))", "unmatched ')'"),
        ("NOT", "'NOT' needs a word"),
        ("OR Vorkuta", "'OR' needs a word"),
        ("Vorkuta OR", "'OR' needs a word"),
        ("colour:red", "Unknown field 'colour:'"),
        ("year:soon", "not a year"),
        ("x*", "at least two letters"),
        ("a " * 5000, "cut to its first"),
    ],
)
def test_malformed_queries_are_read_leniently_with_a_message(text: str, message: str) -> None:
    q = parse(text)
    assert any(message in m for m in q.messages), q.messages


def test_too_many_terms_are_capped() -> None:
    q = parse(" ".join(f"w{i}" for i in range(200)))
    assert len(q.root.items) == MAX_CLAUSES


def test_control_characters_are_spaces() -> None:
    assert parse("Vor\x00kuta\x07 strike\x1b").root.items == (Word("vor"), Word("kuta"), Word("strike"))


def test_empty_and_blank() -> None:
    assert parse("").is_empty
    assert parse("   \t ").is_empty
    assert parse('""').is_empty
