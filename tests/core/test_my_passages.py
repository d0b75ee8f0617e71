"""A kiosk visitor's kept passages: quote, citation, and the QR code that carries the citations home."""

from __future__ import annotations

import pytest

from gulagreader.core.citations.render import cite_passage
from gulagreader.core.errors import UserError
from gulagreader.core.kiosk.my_passages import (
    MAX_QR_VERSION,
    QR_HEADING,
    QR_WORDS,
    kept_passage,
    qr_code,
    take_home_text,
)
from gulagreader.core.library import Library
from gulagreader.core.store import Store


def test_a_kept_passage_has_its_quote_and_citation(store: Store) -> None:
    kept = kept_passage(Library(store), "isr-1963.p005")
    assert kept.source_title == "Trotskyists at Vorkuta: An Eyewitness Report"
    assert kept.citation == cite_passage(Library(store), "isr-1963.p005").text  # the one place citations come from
    assert kept.citation.endswith("(1963): para. 5.")
    assert len(kept.quote) <= 222 and kept.quote.endswith(" …")
    with pytest.raises(UserError):
        kept_passage(Library(store), "isr-1963.nope")


def test_the_qr_code_holds_the_numbered_citations(store: Store) -> None:
    library = Library(store)
    kept = [kept_passage(library, p) for p in ("isr-1963.p005", "lituanus-2005.p031")]
    text = take_home_text(kept)
    lines = text.splitlines()
    assert lines[0] == QR_HEADING and kept[0].citation in lines and kept[1].citation in lines
    assert lines.index(kept[0].citation) < lines.index(kept[1].citation)
    assert f"1. “{kept[0].first_words}”" in lines and f"2. “{kept[1].first_words}”" in lines
    assert "http" not in text  # no public address configured: none made up
    code = qr_code(kept)
    assert code is not None and code.text == text and code.passages == 2
    assert code.size == len(code.rows[0]) and 21 <= code.size <= 17 + 4 * MAX_QR_VERSION
    assert code.rows[0][:7] == (True,) * 7  # a finder pattern in the corner
    assert qr_code([]) is None


def test_a_long_list_keeps_the_first_passages_that_fit(store: Store) -> None:
    library = Library(store)
    kept = [kept_passage(library, p.id) for p in library.passages_of("lituanus-2005")[:40]]
    code = qr_code(kept)
    assert code is not None and 0 < code.passages < len(kept)
    assert code.size <= 17 + 4 * MAX_QR_VERSION
    assert code.text == take_home_text(kept[: code.passages])


def test_the_qr_code_carries_the_first_words_and_the_institutions_address(store: Store) -> None:
    library = Library(store)
    kept = [kept_passage(library, p) for p in ("isr-1963.p005", "lituanus-2005.p031")]
    for k in kept:
        words = k.first_words.removesuffix(" …").split()
        assert len(words) == QR_WORDS and " ".join(library.passage(k.passage_id).text.split()).startswith(
            " ".join(words)
        )
    per_passage = take_home_text(kept, "https://museum.example/reader/{passage}")
    assert "https://museum.example/reader/isr-1963.p005" in per_passage.splitlines()
    assert "https://museum.example/reader/lituanus-2005.p031" in per_passage.splitlines()
    one = take_home_text(kept, "https://museum.example/gulag")
    assert one.splitlines()[-1] == "Read them online: https://museum.example/gulag" and one.count("https://") == 1
    code = qr_code(kept, "https://museum.example/reader/{passage}")
    assert code is not None and code.text == per_passage
