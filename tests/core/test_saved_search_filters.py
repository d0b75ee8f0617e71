"""Saved searches keep every filter the reader offers (genre and years too); exports are written whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.bookmarks.exports import write_export
from gulagreader.core.errors import UserError
from gulagreader.core.search_filters import SearchFilters
from gulagreader.core.search_history import SearchHistory


@pytest.fixture
def history(tmp_path: Path) -> SearchHistory:
    return SearchHistory(BookmarksDB(tmp_path / "bookmarks.db"))


def test_genre_and_years_are_kept(history: SearchHistory) -> None:
    saved = history.save(
        "Strikes of 1953 in scholarship", "strike", SearchFilters(genre="scholarly article", years=(1953, 1953))
    )
    assert saved.filters == {"genre": "scholarly article", "years": "1953..1953"}
    assert SearchFilters.from_record(saved.filters).years == (1953, 1953)
    assert history.saved()[0].filters == saved.filters
    history.record("Kengir", SearchFilters(years=(1954, 1956)))
    assert history.recent()[0].filters == {"years": "1954..1956"}


def test_years_kept_are_read_only_when_they_can_be() -> None:
    assert SearchFilters.from_record({}).years is None
    assert SearchFilters.from_record({"years": "1953"}).years is None
    assert SearchFilters.from_record({"years": "x..1953"}).years is None


def test_an_export_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_export(target, "# bookmarks\n")
    assert target.read_text(encoding="utf-8") == "# bookmarks\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
    with pytest.raises(UserError, match="could not be written"):
        write_export(tmp_path / "missing-folder" / "out.md", "x")
