"""The one table of bookmark file formats, and the one record of a bookmark that every file writes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.bookmarks.exports import FILE_FORMATS, export, import_suffixes
from gulagreader.core.bookmarks.imports import import_file, read_bookmarks
from gulagreader.core.bookmarks.model import RECORD_FIELDS
from gulagreader.core.bookmarks.service import BookmarkService
from gulagreader.core.errors import UserError
from gulagreader.core.store import Store


@pytest.mark.parametrize("fmt", list(FILE_FORMATS))
def test_the_formats_that_import_back_do_and_the_others_are_refused(store: Store, tmp_path: Path, fmt: str) -> None:
    mine = BookmarkService(store, BookmarksDB(tmp_path / "mine.db"))
    mine.add("isr-1963.p012", note="Who was Ciliga?", tags=["sources"])
    mine.add("lituanus-2005.p021")
    kind = FILE_FORMATS[fmt]
    path = tmp_path / f"export{kind.suffix}"
    path.write_text(export(mine, mine.find(), fmt), encoding="utf-8")
    theirs = BookmarkService(store, BookmarksDB(tmp_path / "theirs.db"))
    if kind.imports_back:
        report, _ = import_file(theirs, path)
        assert report.added == 2 and {b.note for b in theirs.find()} == {"Who was Ciliga?", ""}
        assert kind.suffix in import_suffixes()
    else:
        with pytest.raises(UserError):
            import_file(theirs, path)
        assert kind.suffix not in import_suffixes()


def test_every_written_form_of_a_bookmark_carries_its_record(store: Store, tmp_path: Path) -> None:
    service = BookmarkService(store, BookmarksDB(tmp_path / "mine.db"))
    kept = service.add("isr-1963.p012", 10, 50, note="=a note\nover two lines", tags=["Vorkuta, 1936", "sources"])
    record = kept.record()
    assert list(record) == list(RECORD_FIELDS)
    assert read_bookmarks(json.dumps([{"custom": {"gulagreader": record}}])) == ([kept], 0)  # what an import reads
    (item,) = json.loads(export(service, [kept], "csl-json"))
    assert list(item["custom"]["gulagreader"]["bookmarks"][0].items())[: len(record)] == list(record.items())
    (row,) = csv.DictReader(io.StringIO(export(service, [kept], "csv").removeprefix("\ufeff")))
    assert {k: row[k] for k in ("id", "start", "end", "whole_passage", "tags", "note")} == {
        "id": kept.id,
        "start": str(record["start"]),
        "end": str(record["end"]),
        "whole_passage": "no",
        "tags": "Vorkuta, 1936; sources",
        "note": "'=a note\nover two lines",
    }
    assert BookmarksDB(tmp_path / "mine.db").bookmarks() == [kept]
