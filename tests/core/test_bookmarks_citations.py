"""Citations by citeproc-py in the bundled CSL styles, with the paragraph locator; a user's .csl file."""

from __future__ import annotations

from pathlib import Path

import pytest

from gulagreader.core.citations.reference import Locator, csl_item, locate, person
from gulagreader.core.citations.render import STYLES, check_style, cite, cite_passage
from gulagreader.core.errors import UserError
from gulagreader.core.library import Library
from gulagreader.core.model import Source
from gulagreader.core.store import Store

CSL = Path(__file__).parent.parent.parent / "src" / "gulagreader" / "core" / "citations" / "csl"


def test_chicago_note_has_the_structured_container_and_a_paragraph_locator(store: Store) -> None:
    library = Library(store)
    citation = cite_passage(library, "lituanus-2005.p035")
    assert "<i>Lituanus</i> 51, no. 4 (2005): para. " in citation.html
    assert "Volume 51" not in citation.text and "passage" not in citation.text  # no raw publication line, no id
    assert citation.locator.passage_id == "lituanus-2005.p035"  # the id travels beside, never printed
    # the journal names no author: our attribution stands in brackets
    start = "[L. Latkovskis]. “Baltic Prisoners of the Gulag Revolts of 1953”. Lituanus 51"
    assert citation.bibliography.startswith(start)


def test_the_locator_follows_the_passage_not_the_page_range(store: Store) -> None:
    library = Library(store)
    first, later = (cite_passage(library, p) for p in ("isr-1963.p005", "isr-1963.p020"))
    assert "94–97" not in first.text and first.text != later.text
    assert first.locator.paragraph < later.locator.paragraph
    passages = library.passages_of("isr-1963")
    counted = [p for p in passages if p.kind != "heading"]
    assert locate(library.source("isr-1963"), passages, counted[9].id).paragraph == 10
    assert "94–97" in first.bibliography  # the whole article's pages belong to the bibliography


def test_every_style_cites_every_source(store: Store) -> None:
    library = Library(store)
    for source in library.sources():
        passage = next(p for p in library.passages_of(source.id) if p.kind == "paragraph")
        for style in STYLES:
            citation = cite_passage(library, passage.id, style)
            assert citation.text and citation.bibliography, (style, source.id)
            assert "edition" not in citation.text.lower(), citation.text  # no empty labels


def test_styles_print_authors_dates_and_seasons_as_given(store: Store) -> None:
    library = Library(store)
    goble = cite_passage(library, "goble-2018.p003")
    assert goble.text.startswith("Paul Goble, ") and "February 26, 2018" in goble.text
    assert cite_passage(library, "goble-2018.p003", "apa").text == "(Goble, 2018, para. 3)"
    mla = cite_passage(library, "lituanus-2005.p035", "mla")
    assert "Winter 2005" in mla.bibliography
    anonymous = cite_passage(library, "isr-1963.p012", "chicago").bibliography
    assert anonymous.count("Trotskyists at Vorkuta") == 1  # the title stands in for the author once


def test_names_and_attributions() -> None:
    assert person("Paul Goble") == {"family": "Goble", "given": "Paul"}
    assert person("[L. Latkovskis]") == {"literal": "[L. Latkovskis]"}
    assert person("M.B.") == {"literal": "M.B."}
    source = Source(id="x", title="T", original="", authors=("[L. Latkovskis]",), container_title="J", issued="1999-07")
    item = csl_item(source)
    assert item["issued"] == {"date-parts": [[1999, 7]]} and item["type"] == "article-journal"
    assert "[L. Latkovskis]" in cite(source, Locator(3, "x.p003")).text


def test_a_user_csl_file(tmp_path: Path) -> None:
    mine = tmp_path / "mine.csl"
    mine.write_text((CSL / "apa.csl").read_text(encoding="utf-8"), encoding="utf-8")
    source = Source(id="x", title="A Title", original="", authors=("Ann Author",), issued="2001")
    assert cite(source, Locator(4, "x.p4"), str(mine)).text == "(Author, 2001, para. 4)"
    assert check_style(str(mine)) == str(mine)
    for bad in ("harvard", str(tmp_path / "missing.csl")):
        with pytest.raises(UserError, match="No citation style"):
            check_style(bad)
    broken = tmp_path / "broken.csl"
    broken.write_text("<style>not CSL", encoding="utf-8")
    with pytest.raises(UserError, match="not a CSL style"):
        check_style(str(broken))
