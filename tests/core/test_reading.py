"""The reading controller without any window: what it opens, what it marks, and the way back."""

from __future__ import annotations

from gulagreader.core.errors import NotFound, UserError
from gulagreader.core.highlight import Matcher
from gulagreader.core.library import Library
from gulagreader.core.reading import Opening, Reading
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store


def _reading(store: Store, search: SearchService, in_view: str = "") -> tuple[Reading, list[Opening], list[str]]:
    reading = Reading(in_view=(lambda: in_view) if in_view else None)
    reading.attach(Library(store), search)
    opened: list[Opening] = []
    failed: list[UserError] = []
    reading.opened.connect(opened.append)
    reading.failed.connect(failed.append)
    return reading, opened, failed


def test_a_passage_opens_its_source_at_it_with_the_query_marked(store: Store, search: SearchService) -> None:
    reading, opened, failed = _reading(store, search)
    reading.show_query("Vorkuta")
    assert reading.open_passage("isr-1963.p005", 2) and not failed
    shown = opened[-1]
    assert (shown.source.id, shown.focus, shown.occurrence) == ("isr-1963", "isr-1963.p005", 2)
    assert shown.passage is not None and shown.passage.id == "isr-1963.p005"
    assert shown.passages == Library(store).passages_of("isr-1963")
    assert shown.matcher == search.matcher_for("Vorkuta") and shown.matcher
    assert reading.is_open and reading.source is shown.source


def test_an_unknown_passage_is_said_not_opened(store: Store, search: SearchService) -> None:
    reading, opened, failed = _reading(store, search)
    assert not reading.open_passage("isr-1963.nope")
    assert not reading.open_source("no-such-source")
    assert opened == [] and len(failed) == 2 and all(isinstance(e, NotFound) for e in failed)
    assert "isr-1963.nope" in str(failed[0]) and "no-such-source" in str(failed[1])
    assert not reading.is_open


def test_a_new_query_marks_the_source_open_and_return_goes_on(store: Store, search: SearchService) -> None:
    reading, _, _ = _reading(store, search)
    rematched: list[Matcher] = []
    steps: list[None] = []
    reading.rematched.connect(rematched.append)
    reading.next_match.connect(steps.append)
    reading.show_query("Kengir")
    assert rematched == []  # nothing open: nothing to mark
    reading.on_return(0, "isr-1963.p005")  # no matches on the page: Return opens the first hit
    assert reading.source is not None and reading.source.id == "isr-1963"
    reading.show_query("strike")
    assert rematched == [search.matcher_for("strike")]
    reading.on_return(3, "lituanus-2005.p031")  # matches on the page: Return goes on to the next
    assert steps == [None] and reading.source.id == "isr-1963"
    reading.show_query("")
    assert rematched[-1] == Matcher()
    reading.close()
    reading.on_return(3, "")  # closed (a kiosk's new search), no results: nothing happens
    assert steps == [None] and not reading.is_open


def test_back_and_forward_return_where_the_reader_got_to(store: Store, search: SearchService) -> None:
    at = {"passage": ""}  # what the page shows: the reader scrolls on
    reading = Reading(in_view=lambda: at["passage"])
    reading.attach(Library(store), search)
    opened: list[Opening] = []
    reading.opened.connect(opened.append)
    assert not reading.back()  # nowhere to go yet
    reading.open_passage("isr-1963.p005")
    at["passage"] = "isr-1963.p007"
    reading.open_passage("lituanus-2005.p031")
    at["passage"] = "lituanus-2005.p031"
    assert reading.back()
    assert (opened[-1].source.id, opened[-1].focus) == ("isr-1963", "isr-1963.p007")
    assert reading.forward()
    assert (opened[-1].source.id, opened[-1].focus) == ("lituanus-2005", "lituanus-2005.p031")
    assert not reading.forward()
    reading.back()
    at["passage"] = "isr-1963.p009"
    reading.open_source("newsletters-2003")  # a new place after going back: the places after it go
    assert not reading.forward()
    assert reading.history == [("isr-1963", "isr-1963.p009"), ("newsletters-2003", "")]
