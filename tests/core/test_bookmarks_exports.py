"""Exports: Markdown and CSV, every format's common content, and round trips of the importable ones.

The reference managers' formats are checked with independent parsers in test_library_exports.py."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.bookmarks.exports import FILE_FORMATS, export
from gulagreader.core.bookmarks.imports import read_bookmarks
from gulagreader.core.bookmarks.service import BookmarkService
from gulagreader.core.errors import UserError
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
    for fmt in FILE_FORMATS:
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
    assert "## Trotskyists at Vorkuta: An Eyewitness Report [¶ 12]\n\n> Ciliga’s reports\n" in text
    assert "- Tags: sources, 1930s" in text
    assert "- Cite: [M.B.], “Trotskyists at Vorkuta: An Eyewitness Report”, *International Socialist Review* 24" in text
    assert "- Passage: isr-1963.p012" in text
    assert "- Content note (our edition): Our note: the quotation opened here" in text


def test_csv_is_safe_in_spreadsheets_and_marked_utf8(service: BookmarkService) -> None:
    text = export(service, service.find(), "csv")
    assert text.startswith("\ufeffid,")  # the byte-order mark spreadsheet programs need to read UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == 5
    by_passage = {r["passage_id"]: r for r in rows}
    assert by_passage["lituanus-2005.p021"]["note"].startswith("'=SUM(A1)")
    assert by_passage["goble-2018.p003"]["note"].startswith("'- starts")
    assert by_passage["isr-1963.p012"]["tags"] == "sources; 1930s"
    assert by_passage["isr-1963.p012"]["citation"].endswith("no. 3 (1963): para. 12.")


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
    rows = list(csv.DictReader(io.StringIO(export(service, service.find(), "csv").removeprefix("\ufeff"))))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["passage_id", "exact", "note"])
    writer.writeheader()
    writer.writerows({"passage_id": r["passage_id"], "exact": r["exact"], "note": "from a spreadsheet"} for r in rows)
    first = service.import_bookmarks(read_bookmarks(buffer.getvalue())[0])
    second = service.import_bookmarks(read_bookmarks(buffer.getvalue())[0])
    assert (first.added, second.added, second.unchanged) == (5, 0, 5)
