"""Search history and saved searches, kept in the user's bookmarks database.

A saved search is a query with its filters (source, event, genre, years, sort); running it again
gives the same search as when it was saved. Both lists can be cleared.
"""

from __future__ import annotations

from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.bookmarks.model import PastSearch, SavedSearch, new_id, now
from gulagreader.core.errors import UserError


def _filters(
    source: str | None,
    event: str | None,
    sort: str | None,
    genre: str | None = None,
    years: tuple[int, int] | None = None,
) -> dict[str, str]:
    given = {
        "source": source,
        "event": event,
        "genre": genre,
        "years": f"{years[0]}..{years[1]}" if years else None,
        "sort": sort if sort and sort != "relevance" else None,
    }
    return {k: v.strip() for k, v in given.items() if v and v.strip()}


def years_of(filters: dict[str, str]) -> tuple[int, int] | None:
    """The span of years a saved or past search was narrowed to ('1936..1938'), or None."""
    first, _, last = filters.get("years", "").partition("..")
    if first.isdigit() and last.isdigit():
        return int(first), int(last)
    return None


class SearchHistory:
    """What the reader searched for, and the searches they kept."""

    def __init__(self, db: BookmarksDB) -> None:
        self._db = db

    def record(
        self,
        query: str,
        source: str | None = None,
        event: str | None = None,
        sort: str | None = None,
        genre: str | None = None,
        years: tuple[int, int] | None = None,
    ) -> None:
        """Add a search to the history (empty queries are not kept)."""
        if query.strip():
            self._db.add_past_search(PastSearch(query.strip(), _filters(source, event, sort, genre, years), now()))

    def recent(self, limit: int = 50) -> list[PastSearch]:
        """The latest searches, newest first."""
        return self._db.past_searches(limit)

    def clear(self) -> None:
        self._db.clear_past_searches()

    def save(
        self,
        name: str,
        query: str,
        source: str | None = None,
        event: str | None = None,
        sort: str | None = None,
        genre: str | None = None,
        years: tuple[int, int] | None = None,
    ) -> SavedSearch:
        """Keep a search under `name` (saving under an existing name replaces it)."""
        name = " ".join(name.split()) or query.strip()
        if not query.strip():
            raise UserError("An empty search cannot be saved; type a query first.")
        existing = next((s for s in self.saved() if s.name.casefold() == name.casefold()), None)
        saved = SavedSearch(
            id=existing.id if existing else new_id(),
            name=name,
            query=query.strip(),
            filters=_filters(source, event, sort, genre, years),
            created=now(),
        )
        self._db.save_search(saved)
        return saved

    def saved(self) -> list[SavedSearch]:
        """The saved searches, by name."""
        return self._db.saved_searches()

    def remove(self, saved_id: str) -> None:
        self._db.delete_saved_searches([saved_id])

    def clear_saved(self) -> None:
        self._db.delete_saved_searches(None)
