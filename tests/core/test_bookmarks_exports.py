"""Exports in six formats (checked with real parsers where they exist) and round trips of the importable ones."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bibtexparser
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from gulagreader.core.bookmarks import BookmarkService
from gulagreader.core.bookmarks_db import BookmarksDB
from gulagreader.core.errors import UserError
from gulagreader.core.exports import FORMATS, export
from gulagreader.core.imports import read_bookmarks
from gulagreader.core.library import Library
from gulagreader.core.store import Store

CONTENT_NOTE_WORDS = "the quotation opened here"  # from our content note on lituanus-2005.p021
TRICKY_NOTE = "=SUM(A1) {braces} 100% & $5 #1 under_score ~ ^ \\ back\nsecond line “quoted”"


@pytest.fixture
def service(store: Store, tmp_path: Path) -> BookmarkService:
    service = BookmarkService(store, BookmarksDB(tmp_path / "mine.db"))
    text = Library(store).passage("isr-1963.p012").text
    start = text.index("Ciliga")
    service.add("isr-1963.p012", start, start + 16, note="Who was Ciliga?", tags=["sources", "1930s"])
    service.add("lituanus-2005.p021", note=TRICKY_NOTE, tags=["Norilsk"])
    service.add("newsletters-2003.p004")
    service.add("goble-2018.p003", 0, 10, note="- starts like a formula")
    service.add("russia-pictures.p042", tags=["pictures"])
    return service


def other(store: Store, tmp_path: Path, name: str = "theirs.db") -> BookmarkService:
    return BookmarkService(store, BookmarksDB(tmp_path / name))


def test_every_format_carries_quote_note_and_content_note(service: BookmarkService) -> None:
    bookmarks = service.find()
    for fmt in FORMATS:
        text = export(service, bookmarks, fmt)
        assert "Ciliga’s reports" in text, fmt
        assert "Who was Ciliga?" in text, fmt
        assert CONTENT_NOTE_WORDS in text, fmt
        assert "isr-1963.p012" in text, fmt
    with pytest.raises(UserError, match="Unknown export format"):
        export(service, bookmarks, "docx")


def test_markdown(service: BookmarkService) -> None:
    text = export(service, service.find(sort="source"), "md")
    assert text.startswith("# GulagReader bookmarks\n\n5 bookmark(s)")
    assert "## Trotskyists at Vorkuta: An Eyewitness Report [isr-1963.p012]\n\n> Ciliga’s reports\n" in text
    assert "- Tags: sources, 1930s" in text
    assert "- Cite: [M.B.], “Trotskyists at Vorkuta: An Eyewitness Report,” *International Socialist Review*" in text
    assert "- Content note (our edition): Our note: the quotation opened here" in text


def test_csv_is_safe_in_spreadsheets(service: BookmarkService) -> None:
    rows = list(csv.DictReader(io.StringIO(export(service, service.find(), "csv"))))
    assert len(rows) == 5
    by_passage = {r["passage_id"]: r for r in rows}
    assert by_passage["lituanus-2005.p021"]["note"].startswith("'=SUM(A1)")
    assert by_passage["goble-2018.p003"]["note"].startswith("'- starts")
    assert by_passage["isr-1963.p012"]["tags"] == "sources; 1930s"
    assert by_passage["isr-1963.p012"]["citation"].endswith("pp. 94–97. Passage isr-1963.p012.")


def test_bibtex_parses_with_bibtexparser(service: BookmarkService) -> None:
    library = bibtexparser.parse_string(export(service, service.find(), "bibtex"))
    assert library.failed_blocks == []
    assert len(library.entries) == 5
    entries = {e["note"]: e for e in library.entries}
    isr = entries["Passage isr-1963.p012"]
    assert isr.entry_type == "article"
    assert isr["journal"] == "International Socialist Review"
    assert (isr["volume"], isr["number"], isr["year"], isr["pages"]) == ("24", "3", "1963", "94--97")
    assert "Quote: “Ciliga’s reports”" in isr["annote"] and "Note: Who was Ciliga?" in isr["annote"]
    assert isr["keywords"] == "sources, 1930s"
    tricky = entries["Passage lituanus-2005.p021"]["annote"]
    assert r"\{braces\} 100\% \& \$5 \#1 under\_score" in tricky and CONTENT_NOTE_WORDS in tricky
    assert entries["Passage newsletters-2003.p004"]["author"] == "Dunayevskaya, Raya"
    assert entries["Passage russia-pictures.p042"].entry_type == "misc"
    assert len({e.key for e in library.entries}) == 5


# citeproc-py predates the "custom" field of CSL-JSON 1.0.2 (where we keep the bookmark itself).
@pytest.mark.filterwarnings("ignore:The following arguments for Reference are unsupported. custom$:UserWarning")
def test_csl_json_renders_with_citeproc(service: BookmarkService) -> None:
    data = json.loads(export(service, service.find(), "csl-json"))
    assert len(data) == 5
    source = CiteProcJSON(data)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in data:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == 5
    assert any("Dunayevskaya" in r and "2003" in r for r in rendered)
    assert any("International Socialist Review" in r and "94–97" in r for r in rendered)
    isr = next(item for item in data if item["title"].startswith("Trotskyists"))
    assert isr["type"] == "article-journal" and (isr["volume"], isr["issue"]) == ("24", "3")
    assert "Quote: “Ciliga’s reports”" in isr["note"] and isr["keyword"] == "sources, 1930s"


def test_ris_records(service: BookmarkService) -> None:
    text = export(service, service.find(), "ris")
    records = [r for r in text.split("ER  - ") if r.strip()]
    assert len(records) == 5
    for record in records:
        lines = [line for line in record.split("\r\n") if line]
        assert lines[0].startswith("TY  - ")
        assert all(len(line) >= 6 and line[2:6] == "  - " for line in lines)
    assert "AU  - Dunayevskaya, Raya" in text and "SP  - 94\r\nEP  - 97" in text
    assert "N1  - Quote: “Ciliga’s reports”" in text and "KW  - Norilsk" in text


def test_jsonld_is_a_web_annotation_collection(service: BookmarkService) -> None:
    data = json.loads(export(service, service.find(), "jsonld"))
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 5
    items = data["first"]["items"]
    isr = next(a for a in items if a["target"]["source"].endswith("isr-1963.p012"))
    assert isr["type"] == "Annotation" and isr["motivation"] == "commenting"
    quote, position = isr["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "Ciliga’s reports"
    assert position == {"type": "TextPositionSelector", "start": position["start"], "end": position["start"] + 16}
    assert {b["purpose"] for b in isr["body"]} == {"commenting", "tagging"}
    lituanus = next(a for a in items if a["target"]["source"].endswith("lituanus-2005.p021"))
    described = [b for b in lituanus["body"] if b["purpose"] == "describing"]
    assert CONTENT_NOTE_WORDS in described[0]["value"] and described[0]["creator"]["name"] == "GulagReader edition"


@pytest.mark.parametrize("fmt", ["csv", "csl-json", "jsonld"])
def test_round_trip(service: BookmarkService, store: Store, tmp_path: Path, fmt: str) -> None:
    mine = service.find()
    text = export(service, mine, fmt)
    theirs = other(store, tmp_path)
    bookmarks, skipped = read_bookmarks(text)
    assert skipped == 0
    report = theirs.import_bookmarks(bookmarks)
    assert (report.added, report.updated, report.unchanged) == (5, 0, 0)
    assert sorted(theirs.find(), key=lambda b: b.id) == sorted(mine, key=lambda b: b.id)
    again = theirs.import_bookmarks(read_bookmarks(text)[0])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)  # no duplicates
    assert len(theirs.find()) == 5
    back_home = service.import_bookmarks(read_bookmarks(text)[0])
    assert back_home.unchanged == 5 and len(service.find()) == 5


def test_import_keeps_the_later_edit_and_brings_back_deleted(
    service: BookmarkService, store: Store, tmp_path: Path
) -> None:
    text = export(service, service.find(), "jsonld")
    [first, second, *_] = service.find(sort="source")
    service.update(first.id, note="edited after the export")
    service.delete(second.id)
    report = service.import_bookmarks(read_bookmarks(text)[0])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 4)
    assert service.get(first.id).note == "edited after the export"
    assert service.get(second.id) == second


def test_partial_and_foreign_files(service: BookmarkService) -> None:
    data = json.loads(export(service, service.find(), "csl-json"))
    data.append({"id": "zotero-item", "type": "book", "title": "Not ours"})
    bookmarks, skipped = read_bookmarks(json.dumps(data))
    assert (len(bookmarks), skipped) == (5, 1)
    for text in ("", "just some words", "{not json", "[1, 2", "id,title\n1,x\n"):
        with pytest.raises(UserError):
            read_bookmarks(text)


def test_rows_without_ids_import_once(service: BookmarkService) -> None:
    rows = list(csv.DictReader(io.StringIO(export(service, service.find(), "csv"))))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["passage_id", "exact", "note"])
    writer.writeheader()
    writer.writerows({"passage_id": r["passage_id"], "exact": r["exact"], "note": "from a spreadsheet"} for r in rows)
    first = service.import_bookmarks(read_bookmarks(buffer.getvalue())[0])
    second = service.import_bookmarks(read_bookmarks(buffer.getvalue())[0])
    assert (first.added, second.added, second.unchanged) == (5, 0, 5)
