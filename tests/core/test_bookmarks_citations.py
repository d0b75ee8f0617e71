"""Citing a passage in Chicago notes-bibliography style and in plain text, from the real sources."""

from __future__ import annotations

from gulagreader.core.citations import cite
from gulagreader.core.library import Library
from gulagreader.core.model import Source
from gulagreader.core.store import Store


def test_journal_article_with_pages_and_no_named_author(store: Store) -> None:
    """The text names no author; the article is signed 'M.B.': our attribution stands in brackets."""
    c = cite(Library(store).source("isr-1963"), "isr-1963.p012")
    assert c.note == (
        "[M.B.], “Trotskyists at Vorkuta: An Eyewitness Report,” *International Socialist Review*, "
        "Vol.24 No.3, Summer 1963, 94–97, passage isr-1963.p012."
    )
    assert c.bibliography == (
        "[M.B.]. “Trotskyists at Vorkuta: An Eyewitness Report.” *International Socialist Review*, "
        "Vol.24 No.3, Summer 1963, 94–97."
    )
    assert c.plain == (
        "[M.B.]. Trotskyists at Vorkuta: An Eyewitness Report. International Socialist Review, Vol.24 No.3, "
        "Summer 1963, pp. 94–97. Passage isr-1963.p012."
    )
    assert c.note_html.startswith(
        "[M.B.], “Trotskyists at Vorkuta: An Eyewitness Report,” <i>International Socialist Review</i>"
    )
    assert (c.locator, c.pages) == ("isr-1963.p012", "94–97")


def test_our_attribution_is_cited_in_brackets(store: Store) -> None:
    c = cite(Library(store).source("lituanus-2005"), "lituanus-2005.p012")
    assert c.note.startswith("[L. Latkovskis], “Baltic Prisoners")
    assert c.bibliography.startswith("[Latkovskis, L.]. “Baltic Prisoners")
    assert c.plain.startswith("[L. Latkovskis]. Baltic Prisoners")
    pictures = cite(Library(store).source("russia-pictures"), "russia-pictures.p042")
    assert "[" not in pictures.note  # no attribution: nothing supplied


def test_named_author_is_inverted_in_the_bibliography(store: Store) -> None:
    c = cite(Library(store).source("newsletters-2003"), "newsletters-2003.p004")
    assert c.note == (
        "Raya Dunayevskaya, “The gulag uprising at Vorkuta, 1953,” *News & Letters*, 2003, "
        "passage newsletters-2003.p004."
    )
    assert c.bibliography == "Dunayevskaya, Raya. “The gulag uprising at Vorkuta, 1953.” *News & Letters*, 2003."
    assert "News &amp; Letters" in c.note_html


def test_blog_post_and_undated_web_page(store: Store) -> None:
    library = Library(store)
    goble = cite(library.source("goble-2018"), "goble-2018.p003")
    assert goble.note.startswith("Paul Goble, “When a Chekist Planned a Revolt")
    assert goble.note.endswith("Uprisings,” Monday, February 26, 2018, passage goble-2018.p003.")
    pictures = cite(library.source("russia-pictures"), "russia-pictures.p042")
    assert pictures.note == "“Communist Russia in pictures,” n.d., passage russia-pictures.p042."
    assert pictures.bibliography == "“Communist Russia in pictures.” n.d."
    assert pictures.plain == "Communist Russia in pictures. n.d. Passage russia-pictures.p042."


def test_every_source_cites_with_its_locator(store: Store) -> None:
    for source in Library(store).sources():
        c = cite(source, f"{source.id}.p001")
        assert source.title in c.note and source.title in c.plain and source.title in c.bibliography
        assert f"passage {source.id}.p001." in c.note and "ISSN" not in c.note
        assert "*" not in c.plain and ".." not in c.plain + c.note + c.bibliography


def test_several_authors_and_a_question_title() -> None:
    source = Source(
        id="x", title="Who led the strike?", original="", authors=("Ann Lee", "Bo Chan", "Cy Diaz"),
        publication="Journal of Camps, Vol.2", year=1990,
    )  # fmt: skip
    c = cite(source, "x.p1")
    assert (
        c.note == "Ann Lee, Bo Chan, and Cy Diaz, “Who led the strike?” *Journal of Camps*, Vol.2, 1990, passage x.p1."
    )
    assert c.bibliography.startswith("Lee, Ann, Bo Chan, and Cy Diaz. “Who led the strike?” *Journal of Camps*")
