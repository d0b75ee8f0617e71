"""Search history and saved searches, kept in the user's bookmarks database.

A saved search is a query with its filters (`SearchFilters`, kept in their record form); running it
again gives the same search as when it was saved. Both lists can be cleared.
"""

from __future__ import annotations

from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.bookmarks.model import PastSearch, SavedSearch, new_id, now
from gulagreader.core.errors import UserError
from gulagreader.core.search_filters import NO_FILTERS, SearchFilters


class SearchHistory:
    """What the reader searched for, and the searches they kept."""

    def __init__(self, db: BookmarksDB) -> None:
        self._db = db

    def record(self, query: str, filters: SearchFilters = NO_FILTERS) -> None:
        """Add a search to the history (empty queries are not kept)."""
        if query.strip():
            self._db.add_past_search(PastSearch(query.strip(), filters.record(), now()))

    def recent(self, limit: int = 50) -> list[PastSearch]:
        """The latest searches, newest first."""
        return self._db.past_searches(limit)

    def clear(self) -> None:
        self._db.clear_past_searches()

    def save(self, name: str, query: str, filters: SearchFilters = NO_FILTERS) -> SavedSearch:
        """Keep a search under `name` (saving under an existing name replaces it)."""
        name = " ".join(name.split()) or query.strip()
        if not query.strip():
            raise UserError("An empty search cannot be saved; type a query first.")
        existing = next((s for s in self.saved() if s.name.casefold() == name.casefold()), None)
        saved = SavedSearch(
            id=existing.id if existing else new_id(),
            name=name,
            query=query.strip(),
            filters=filters.record(),
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
