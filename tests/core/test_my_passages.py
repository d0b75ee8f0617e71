"""A kiosk visitor's kept passages: quote, citation, and the QR code that carries the citations home."""

from __future__ import annotations

import pytest

from gulagreader.core.citations import cite_passage
from gulagreader.core.errors import UserError
from gulagreader.core.library import Library
from gulagreader.core.my_passages import MAX_QR_VERSION, QR_HEADING, kept_passage, qr_code, take_home_text
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
    assert text.splitlines() == [QR_HEADING, f"1. {kept[0].citation}", f"2. {kept[1].citation}"]
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
