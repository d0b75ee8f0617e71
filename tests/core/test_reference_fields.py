"""A source's date of issue, pages and authors are read once, for citations and every reference export alike."""

from __future__ import annotations

from dataclasses import replace

from gulagreader.core.bookmarks.library_exports import ris_date
from gulagreader.core.citations.reference import csl_item, date_of_issue, family_given, issued, page_range, person
from gulagreader.core.library import Library
from gulagreader.core.store import Store


def test_the_date_of_issue_as_given_and_as_citations_and_ris_write_it(store: Store) -> None:
    source = Library(store).source("isr-1963")
    assert date_of_issue(source) == (("1963",), "summer")
    assert issued(source) == {"date-parts": [[1963]], "season": 2} and ris_date(source) == "1963///Summer"
    day = replace(source, issued="2018-02-26")
    assert date_of_issue(day) == (("2018", "02", "26"), "") and ris_date(day) == "2018/02/26/"
    assert issued(day) == {"date-parts": [[2018, 2, 26]]}
    undated = replace(source, issued="", year=None)
    assert date_of_issue(undated) == ((), "") and issued(undated) is None and ris_date(undated) == ""


def test_pages_and_names(store: Store) -> None:
    source = Library(store).source("isr-1963")
    assert source.pages == "94–97" and page_range(source) == ("94", "97")
    assert page_range(replace(source, pages="12")) == ("12", "")
    assert family_given(person("Paul Goble")) == ("Goble", "Paul")
    assert [family_given(a) for a in csl_item(source)["author"]] == [("[M.B.]", "")]  # our attribution, whole
