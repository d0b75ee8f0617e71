"""The one table of bookmark file formats says truly which of them an import reads back."""

from __future__ import annotations

from pathlib import Path

import pytest

from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.bookmarks.exports import FILE_FORMATS, export, import_suffixes
from gulagreader.core.bookmarks.imports import import_file
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
