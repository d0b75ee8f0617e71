"""Bookmarks: keep a passage or a selection in it, with a note and tags; find, edit, delete, undo.

`BookmarkService` works over the corpus store (for passage text, sources and events) and the
user's `BookmarksDB`. It never drops a bookmark: deleting only marks it (undo restores it), and a
bookmark whose text left the corpus is kept as 'orphaned' with its quote.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from gulagreader.core.bookmarks.anchoring import reanchor
from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.bookmarks.model import Bookmark, clean_tags, new_id, now, selectors
from gulagreader.core.citations.reference import Locator, locate
from gulagreader.core.errors import NotFound, UserError
from gulagreader.core.library import Library
from gulagreader.core.model import Passage, Source
from gulagreader.core.store import Store
from gulagreader.core.text import fold

__all__ = ["BOOKMARK_ORDERS", "AnchorReport", "Bookmark", "BookmarkService", "ImportReport"]

# How the bookmarks can be ordered: key -> words (the panel's Order box; `bookmarks list --sort`)
BOOKMARK_ORDERS = {"created": "Newest first", "updated": "Recently edited", "source": "In source order"}


@dataclass(frozen=True)
class AnchorReport:
    """What re-anchoring changed: ids of bookmarks that moved, were orphaned, or were found again."""

    checked: int
    moved: tuple[str, ...] = ()
    orphaned: tuple[str, ...] = ()
    found_again: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportReport:
    """What an import did, matching bookmarks by id."""

    added: int
    updated: int
    unchanged: int


class BookmarkService:
    """The reader's bookmarks over one corpus store."""

    def __init__(self, store: Store, db: BookmarksDB | None = None, library: Library | None = None) -> None:
        self._store = store
        self._db = db if db is not None else BookmarksDB()
        self._library = library if library is not None else Library(store)
        self.notices = self._db.notices

    @property
    def db(self) -> BookmarksDB:
        return self._db

    # --- actions ---

    def add(
        self,
        passage_id: str,
        start: int | None = None,
        end: int | None = None,
        note: str = "",
        tags: Iterable[str] = (),
    ) -> Bookmark:
        """Bookmark a passage, or `text[start:end]` of it. The same selection twice gives one bookmark
        (a new note replaces its note: see `same_selection` to tell the reader what it was)."""
        passage = self._library.passage(passage_id)
        quote, position, whole = selectors(passage.text, start, end)
        tags = clean_tags(tags)
        existing = self.same_selection(passage_id, start, end)
        if existing is not None:
            merged = clean_tags((*existing.tags, *tags))
            if (note and note != existing.note) or merged != existing.tags:
                return self.update(existing.id, note=note or None, tags=merged)
            return existing
        stamp = now()
        bookmark = Bookmark(
            id=new_id(),
            passage_id=passage.id,
            source_id=passage.source_id,
            quote=quote,
            position=position,
            whole_passage=whole,
            note=note.strip(),
            tags=tags,
            created=stamp,
            updated=stamp,
        )
        self._db.save([bookmark])
        return bookmark

    def same_selection(self, passage_id: str, start: int | None = None, end: int | None = None) -> Bookmark | None:
        """The bookmark `add` would update for this selection, if there is one."""
        passage = self._library.passage(passage_id)
        quote, position, _ = selectors(passage.text, start, end)
        for existing in self._db.bookmarks():
            if existing.passage_id == passage.id and existing.position == position and existing.quote == quote:
                return existing
        return None

    def update(self, bookmark_id: str, note: str | None = None, tags: Iterable[str] | None = None) -> Bookmark:
        """Change a bookmark's note and/or tags (None leaves that part as it is)."""
        self.get(bookmark_id)
        self._db.edit(
            bookmark_id, None if note is None else note.strip(), None if tags is None else clean_tags(tags), now()
        )
        return self.get(bookmark_id)

    def delete(self, bookmark_ids: str | Iterable[str]) -> list[Bookmark]:
        """Delete bookmarks; return them so `restore` can undo the deletion."""
        ids = [bookmark_ids] if isinstance(bookmark_ids, str) else list(bookmark_ids)
        deleted = [self.get(i) for i in ids]
        self._db.set_deleted(ids, now())
        return deleted

    def restore(self, bookmark_ids: str | Iterable[str]) -> None:
        """Undo a deletion."""
        ids = [bookmark_ids] if isinstance(bookmark_ids, str) else list(bookmark_ids)
        for i in ids:
            if self._db.bookmark(i) is None:
                raise NotFound("bookmark", i)
        self._db.set_deleted(ids, None)

    def get(self, bookmark_id: str) -> Bookmark:
        found = self._db.bookmark(bookmark_id)
        if found is None or found[1]:
            raise NotFound(
                "bookmark", bookmark_id, f"No bookmark with id {bookmark_id!r} (see 'gulagreader bookmarks list')."
            )
        return found[0]

    # --- finding ---

    def find(
        self,
        text: str = "",
        tag: str | None = None,
        source: str | None = None,
        event: str | None = None,
        sort: str = "created",
        ids: Sequence[str] | None = None,
    ) -> list[Bookmark]:
        """Bookmarks matching every filter given; sorted newest first ('created', 'updated') or by 'source'."""
        if sort not in BOOKMARK_ORDERS:
            raise UserError(f"Unknown sort {sort!r}; use one of {', '.join(BOOKMARK_ORDERS)}.")
        found = self._db.bookmarks()
        if ids is not None:
            wanted = set(ids)
            found = [b for b in found if b.id in wanted]
        if source:
            found = [b for b in found if b.source_id == source]
        if tag:
            key = tag.strip().casefold()
            found = [b for b in found if any(t.casefold() == key for t in b.tags)]
        passages = self.passages(found)
        if event:
            found = [b for b in found if b.passage_id in passages and event in passages[b.passage_id].events]
        if text.strip():
            needles = fold(text).split()
            found = [b for b in found if all(n in self._haystack(b) for n in needles)]
        if sort == "source":
            order = {source_id: i for i, source_id in enumerate(self._library.titles())}
            missing = len(order)
            found.sort(
                key=lambda b: (
                    order.get(b.source_id, missing),
                    passages[b.passage_id].seq if b.passage_id in passages else 1 << 30,
                    b.position.start,
                )
            )
        else:
            arrival = {b.id: i for i, b in enumerate(found)}  # the database's order breaks ties
            found.sort(key=lambda b: (b.created if sort == "created" else b.updated, arrival[b.id]), reverse=True)
        return found

    def _haystack(self, b: Bookmark) -> str:
        return fold(" ".join((b.quote.exact, b.note, " ".join(b.tags), self.source_of(b).title, b.passage_id)))

    def tags(self) -> list[str]:
        """Every tag in use, for a filter list."""
        return sorted({t for b in self._db.bookmarks() for t in b.tags}, key=str.casefold)

    def passages(self, bookmarks: Iterable[Bookmark]) -> dict[str, Passage]:
        """The current passages of these bookmarks, by id (orphaned ones may have none)."""
        return self._store.db.passages(sorted({b.passage_id for b in bookmarks}))

    def source_of(self, bookmark: Bookmark) -> Source:
        """The bookmark's source; a stand-in with the id as title if the corpus no longer has it."""
        if self._library.has_source(bookmark.source_id):
            return self._library.source(bookmark.source_id)
        return Source(id=bookmark.source_id, title=bookmark.source_id, original="")

    def locator(self, bookmark: Bookmark) -> Locator:
        """Where the bookmark's passage is in its source (¶ number; page where known)."""
        if not self._library.has_source(bookmark.source_id):
            return Locator(0, bookmark.passage_id)
        source = self._library.source(bookmark.source_id)
        return locate(source, self._library.passages_of(source.id), bookmark.passage_id)

    # --- keeping bookmarks anchored ---

    def reanchor(self) -> AnchorReport:
        """Find every bookmark's text in the current corpus; store what changed."""
        bookmarks = self._db.bookmarks()
        placed = self._placed(bookmarks)
        changed = [new for old, new in zip(bookmarks, placed, strict=True) if new != old]
        if changed:
            self._db.set_anchors(changed)
        before = {b.id: b.status for b in bookmarks}
        return AnchorReport(
            checked=len(bookmarks),
            moved=tuple(b.id for b in changed if b.status == "moved" and before[b.id] != "moved"),
            orphaned=tuple(b.id for b in changed if b.status == "orphaned"),
            found_again=tuple(b.id for b in changed if before[b.id] == "orphaned" and b.status != "orphaned"),
        )

    def place(self, bookmarks: Sequence[Bookmark]) -> list[Bookmark]:
        """`bookmarks` found in the current corpus by passage and quote (nothing is stored)."""
        return self._placed(bookmarks)

    def _placed(self, bookmarks: Sequence[Bookmark]) -> list[Bookmark]:
        passages = self.passages(bookmarks)
        everything: list[Passage] = []

        def containing(exact: str) -> Iterator[Passage]:
            if not everything:
                everything.extend(p for s in self._library.sources() for p in self._library.passages_of(s.id))
            return (p for p in everything if exact in p.text)

        return [reanchor(b, passages.get(b.passage_id), containing) for b in bookmarks]

    def import_bookmarks(self, bookmarks: Iterable[Bookmark]) -> ImportReport:
        """Take in bookmarks from one of our exports: matched by id, so importing twice adds nothing.

        A bookmark already here keeps whichever note and tags were edited last; a deleted one comes back.
        """
        incoming = {b.id: b for b in bookmarks}
        placed = self._placed(list(incoming.values()))
        added = updated = unchanged = 0
        to_save: list[Bookmark] = []
        for new in placed:
            old = self._db.bookmark(new.id)
            if old is None:
                added += 1
                to_save.append(new if new.updated else replace(new, updated=new.created))
                continue
            current, deleted = old
            keep = new if new.updated > current.updated else current
            merged = replace(current, note=keep.note, tags=keep.tags, updated=keep.updated)
            if merged == current and not deleted:
                unchanged += 1
                continue
            updated += 1
            to_save.append(merged)
        if to_save:
            self._db.save(to_save)
        return ImportReport(added=added, updated=updated, unchanged=unchanged)


def stable_id(passage_id: str, exact: str, note: str) -> str:
    """An id for a bookmark that arrives without one, the same on every import of the same file."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"gulagreader:{passage_id}\0{exact}\0{note}"))
