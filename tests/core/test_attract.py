"""The attract screen's quotations: the opening words of passages that tell an event, unchanged."""

from __future__ import annotations

from gulagreader.core.kiosk.attract import LONGEST, SHORTEST, opening, quotations
from gulagreader.core.library import Library
from gulagreader.core.store import Store


def test_an_opening_ends_after_a_sentence_or_a_word() -> None:
    text = "First sentence here, quite long enough to count as a quotation on its own. " * 4 + "Last."
    assert opening(text) == ("First sentence here, quite long enough to count as a quotation on its own. " * 3).strip()
    words = "word " * 100
    cut = opening(words)
    assert cut.endswith(" …") and len(cut) <= LONGEST and "wor …" not in cut
    assert opening("Short.") == "Short."


def test_quotations_are_the_sources_own_words(store: Store) -> None:
    library = Library(store)
    found = quotations(library, seed=1)
    assert len(found) > 20 and found != quotations(library, seed=2)
    for q in found:
        text = " ".join(library.passage(q.passage_id).text.split())
        assert text.startswith(q.text.removesuffix(" …")) and SHORTEST <= len(q.text) <= LONGEST
        assert q.source_title == library.source(library.passage(q.passage_id).source_id).title
        assert library.passage(q.passage_id).kind in ("paragraph", "quote")
