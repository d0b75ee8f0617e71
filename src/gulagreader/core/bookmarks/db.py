"""The one module that talks to the user's bookmarks database (bookmarks, search history, saved searches).

The file lives in the user data folder and must never lose what the reader committed:

- WAL with `synchronous=FULL`; every write is one `BEGIN IMMEDIATE` transaction, and a busy
  timeout lets two running copies of GulagReader take turns.
- The schema is versioned with sqlite-utils `Migrations` (recorded in `_sqlite_migrations`).
- A damaged, empty, unreadable, locked or newer-version file is repaired crash-safely: it is kept under a
  second name with a timestamp (a hard link, with its -wal), every row that can still be read is
  salvaged page by page (`sqlite_salvage`) into a new file, and the new file is switched in with one
  atomic rename. `bookmarks_repair` records each step first, so a start after a kill finishes the
  repair; `notices` says on every start where the old file is, until the user dismisses it.
- A new file is made under a temporary name and linked into place, so a `bookmarks.db` of 0 bytes is
  never ours: it is treated as damage, not as an empty start.
- A read-only folder or a full disk raises `UserError`; what was committed before stays.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from gulagreader.core import paths
from gulagreader.core.bookmarks import repair as bookmarks_repair
from gulagreader.core.bookmarks import salvage as sqlite_salvage
from gulagreader.core.bookmarks.model import (
    RECORD_FIELDS,
    Bookmark,
    PastSearch,
    SavedSearch,
    TextPositionSelector,
    TextQuoteSelector,
)
from gulagreader.core.errors import UserError

FILE_NAME = "bookmarks.db"
HISTORY_LIMIT = 200
MIGRATIONS = Migrations("gulagreader-bookmarks")
SCHEMA = ("0001_bookmarks_and_searches",)  # every migration this version knows, oldest first
_COLUMN_OF = {"start": "start_offset", "end": "end_offset"}  # a record's field -> its column, where they differ
# What `set_anchors` writes: where a bookmark points, not what the reader wrote or when.
_ANCHOR_COLUMNS = frozenset(
    _COLUMN_OF.get(f, f) for f in RECORD_FIELDS if f not in ("note", "tags", "created", "updated")
)

# SQLite primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB, _PERM = 5, 6, 8, 10, 11, 13, 14, 26, 3


@MIGRATIONS(name=SCHEMA[0])
def _first_schema(db: Any) -> None:
    db["bookmarks"].create(
        {
            "id": str,
            "passage_id": str,
            "source_id": str,
            "exact": str,
            "prefix": str,
            "suffix": str,
            "start_offset": int,
            "end_offset": int,
            "whole_passage": int,
            "note": str,
            "tags": str,
            "status": str,
            "created": str,
            "updated": str,
            "deleted": str,
        },
        pk="id",
        not_null={"passage_id", "source_id", "exact", "created", "updated"},
    )
    db["bookmarks"].create_index(["passage_id"])
    db["search_history"].create({"id": int, "query": str, "filters": str, "at": str}, pk="id")
    db["saved_searches"].create({"id": str, "name": str, "query": str, "filters": str, "created": str}, pk="id")


class _Unusable(Exception):
    """The file cannot be used as it is and must be moved aside (`kind`: damaged, locked, newer)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class BookmarksDB:
    """The user's bookmarks database, opened (and repaired if need be) at `path`.

    Args:
        path: the database file; default `bookmarks.db` in the user data folder.
        busy_timeout: seconds to wait for another running copy of GulagReader to finish a write.
    """

    def __init__(self, path: Path | None = None, busy_timeout: float = 10.0) -> None:
        self.path = path if path is not None else paths.data_dir() / FILE_NAME
        self.notices: list[str] = []
        self._timeout_ms = int(busy_timeout * 1000)
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(
                f"The folder for your bookmarks, {self.path.parent}, cannot be created ({exc.strerror})."
            ) from exc
        with self._repair_lock():
            self._finish_repairs()  # a repair interrupted by a kill is finished, never started over empty
            try:
                self._conn, self._db = self._connect()
            except _Unusable as problem:
                self._repair(problem.kind)
                self._conn, self._db = self._connect()
        self.notices.extend(bookmarks_repair.pending_notices(self.path))

    # --- opening ---

    def _connect(self) -> tuple[sqlite3.Connection, Any]:
        if os.path.lexists(self.path) and (not self.path.is_file() or not os.access(self.path, os.R_OK)):
            raise _Unusable("unreadable")
        if not self.path.exists():
            self._place(self._new_file([]))
        elif self.path.stat().st_size == 0:  # never ours (see `_place`): the file was cut to nothing
            raise _Unusable("damaged" if _size(Path(f"{self.path}-wal")) else "empty")
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=0)
        except sqlite3.Error as exc:
            raise self._user_error(exc) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout={self._timeout_ms}")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise _Unusable("damaged")
            db = sqlite_utils.Database(conn)
            if any(m.name not in SCHEMA for m in MIGRATIONS.applied(db)):
                raise _Unusable("newer")
            if MIGRATIONS.pending(db):
                conn.execute("BEGIN IMMEDIATE")
                try:
                    MIGRATIONS.apply(db)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
        except sqlite3.Error as exc:
            conn.close()
            code = _code(exc)
            if code in (_CORRUPT, _NOTADB):
                raise _Unusable("damaged") from exc
            if code in (_BUSY, _LOCKED):
                raise _Unusable("locked") from exc
            raise self._user_error(exc) from exc
        except _Unusable:
            conn.close()
            raise
        return conn, db

    def _new_file(self, rows: list[dict[str, Any]]) -> Path:
        """A complete bookmarks file holding `rows`, under a temporary name beside the real one."""
        temporary = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex[:12]}.new")
        try:
            conn = sqlite3.connect(temporary, isolation_level=None)
            try:
                db = sqlite_utils.Database(conn)
                conn.execute("BEGIN IMMEDIATE")
                MIGRATIONS.apply(db)
                if rows:
                    db.table("bookmarks").upsert_all(rows, pk="id")
                conn.execute("COMMIT")
                conn.execute("PRAGMA journal_mode=WAL")  # recorded in the file's header
            finally:
                conn.close()
            with temporary.open("rb+") as f:
                os.fsync(f.fileno())
        except (sqlite3.Error, OSError) as exc:
            for leftover in (temporary, Path(f"{temporary}-journal"), Path(f"{temporary}-wal")):
                with suppress(OSError):
                    leftover.unlink()
            if isinstance(exc, sqlite3.Error):
                raise self._user_error(exc, writing=True) from exc
            raise UserError(
                f"A new bookmarks file could not be written in {self.path.parent} ({exc.strerror})."
            ) from exc
        return temporary

    def _place(self, made: Path) -> None:
        """Link a new file into place unless another running copy was quicker."""
        try:
            os.link(made, self.path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not self.path.exists():
                os.replace(made, self.path)
        finally:
            with suppress(OSError):
                made.unlink()
        bookmarks_repair.sync_folder(self.path.parent)

    # --- repairing (every step recorded first, so a kill at any moment is finished at the next start) ---

    @contextmanager
    def _repair_lock(self) -> Iterator[None]:
        """Let one running copy at a time repair (or create) the file; nothing to lock on Windows."""
        try:
            import fcntl
        except ImportError:
            yield
            return
        try:
            handle = self.path.with_name(f".{self.path.name}.lock").open("a+b")
        except OSError:
            yield
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    def _finish_repairs(self) -> None:
        for repair in bookmarks_repair.load(self.path):
            if repair.state != bookmarks_repair.DONE:
                self._resume(repair)

    def _repair(self, kind: str) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        stem = self.path.stem
        aside = self.path.with_name(f"{stem}-{kind}-{stamp}.db")
        n = 1
        while os.path.lexists(aside):
            n += 1
            aside = self.path.with_name(f"{stem}-{kind}-{stamp}-{n}.db")
        repair = bookmarks_repair.Repair(kind, str(aside), time.strftime("%Y-%m-%d %H:%M"))
        try:
            repair = bookmarks_repair.update(self.path, repair)
        except OSError as exc:
            raise UserError(
                f"Your bookmarks file {self.path} is {kind} and cannot be repaired: its folder cannot be "
                f"written ({exc.strerror})."
            ) from exc
        self._resume(repair)

    def _resume(self, repair: bookmarks_repair.Repair) -> None:
        """Take `repair` from the step it reached to the end: keep, salvage, switch."""
        aside = Path(repair.aside)
        made = self.path.with_name(f".{self.path.name}.repaired")
        try:
            if repair.state == bookmarks_repair.SALVAGING:
                _keep(self.path, aside)
                _keep(Path(f"{self.path}-wal"), Path(f"{aside}-wal"))
                rows = _salvage(aside)
                for leftover in (made, Path(f"{made}-wal"), Path(f"{made}-shm")):
                    with suppress(FileNotFoundError):
                        leftover.unlink()
                os.replace(self._new_file(rows), made)
                repair = bookmarks_repair.update(
                    self.path, repair, state=bookmarks_repair.SWITCHING, recovered=len(rows)
                )
            if repair.state == bookmarks_repair.SWITCHING:
                if made.exists():
                    for suffix in ("-wal", "-shm"):  # the -wal is kept beside the set-aside file
                        with suppress(FileNotFoundError):
                            Path(f"{self.path}{suffix}").unlink()
                    os.replace(made, self.path)
                    bookmarks_repair.sync_folder(self.path.parent)
                bookmarks_repair.update(self.path, repair, state=bookmarks_repair.DONE)
        except OSError as exc:
            raise UserError(
                f"Your bookmarks file {self.path} is {repair.kind} and could not be repaired ({exc.strerror}); "
                "nothing was deleted."
            ) from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # --- writing ---

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One `BEGIN IMMEDIATE` transaction; storage failures become a `UserError`."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._user_error(exc, writing=True) from exc
            try:
                yield
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    with suppress(sqlite3.Error):
                        self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._user_error(exc, writing=True) from exc
                raise

    def _read(self, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                cursor = self._conn.execute(sql, list(args))
                cursor.row_factory = sqlite3.Row
                return cursor.fetchall()
            except sqlite3.Error as exc:
                raise self._user_error(exc) from exc

    def _user_error(self, exc: sqlite3.Error, writing: bool = False) -> UserError:
        folder = self.path.parent
        code = _code(exc)
        if code == _FULL:
            return UserError(f"The disk holding {folder} is full, so the change to your bookmarks was not saved.")
        if code == _IOERR and writing:  # e.g. a file size limit (EFBIG), which SQLite does not call 'full'
            return UserError(
                f"The disk holding {folder} refused to write ({exc}), so the change to your bookmarks was not saved."
            )
        if code in (_READONLY, _PERM, _CANTOPEN):
            return UserError(f"The bookmarks file in {folder} cannot be written (the folder or file is read-only).")
        if code in (_BUSY, _LOCKED):
            return UserError("Your bookmarks are busy in another GulagReader window; try again in a moment.")
        if code in (_CORRUPT, _NOTADB):
            return UserError(f"Your bookmarks file {self.path} is damaged; restart GulagReader to set it aside.")
        return UserError(f"Your bookmarks file {self.path} could not be used ({exc}).")

    # --- bookmarks ---

    def save(self, bookmarks: Iterable[Bookmark]) -> None:
        """Insert or replace `bookmarks` by id (undeleting them), in one transaction."""
        rows = [{**_bookmark_row(b), "deleted": None} for b in bookmarks]
        with self._write():
            self._db["bookmarks"].upsert_all(rows, pk="id")

    def set_anchors(self, bookmarks: Iterable[Bookmark]) -> None:
        """Store where `bookmarks` now point, leaving notes, tags and deletion as they are."""
        rows = [{k: v for k, v in _bookmark_row(b).items() if k in _ANCHOR_COLUMNS} for b in bookmarks]
        with self._write():
            for row in rows:
                sets = ", ".join(f"{k}=:{k}" for k in row if k != "id")
                self._conn.execute(f"UPDATE bookmarks SET {sets} WHERE id=:id", row)

    def edit(self, bookmark_id: str, note: str | None, tags: tuple[str, ...] | None, updated: str) -> None:
        """Change only the note and/or tags, so an edit in another window is not overwritten."""
        changes: dict[str, Any] = {"updated": updated}
        if note is not None:
            changes["note"] = note
        if tags is not None:
            changes["tags"] = json.dumps(list(tags), ensure_ascii=False)
        with self._write():
            self._db["bookmarks"].update(bookmark_id, changes)

    def set_deleted(self, bookmark_ids: Iterable[str], when: str | None) -> None:
        """Mark bookmarks deleted at `when` (kept for undo), or undelete them when `when` is None."""
        ids = list(bookmark_ids)
        with self._write():
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                self._conn.execute(f"UPDATE bookmarks SET deleted=? WHERE id IN ({marks})", [when, *chunk])

    def bookmarks(self) -> list[Bookmark]:
        """Every bookmark that is not deleted, oldest first."""
        return [
            _bookmark(r) for r in self._read("SELECT * FROM bookmarks WHERE deleted IS NULL ORDER BY created, rowid")
        ]

    def bookmark(self, bookmark_id: str) -> tuple[Bookmark, bool] | None:
        """The bookmark with this id and whether it is deleted, or None."""
        rows = self._read("SELECT * FROM bookmarks WHERE id=?", [bookmark_id])
        return (_bookmark(rows[0]), rows[0]["deleted"] is not None) if rows else None

    # --- searches ---

    def add_past_search(self, search: PastSearch) -> None:
        """Record a search; repeating one made before only moves it to now. Keeps the newest entries.

        The same query with the same filters is one search, whatever its case and spacing.
        """
        filters = json.dumps(search.filters, sort_keys=True)
        with self._write():
            earlier = self._conn.execute("SELECT id, query FROM search_history WHERE filters=?", [filters]).fetchall()
            same = [[row[0]] for row in earlier if same_query(row[1], search.query)]
            self._conn.executemany("DELETE FROM search_history WHERE id=?", same)
            self._db["search_history"].insert({"query": search.query, "filters": filters, "at": search.at})
            self._conn.execute(
                "DELETE FROM search_history WHERE id NOT IN (SELECT id FROM search_history ORDER BY id DESC LIMIT ?)",
                [HISTORY_LIMIT],
            )

    def past_searches(self, limit: int) -> list[PastSearch]:
        """The latest searches, newest first, each once (a history kept before it was so may repeat one)."""
        rows = self._read("SELECT * FROM search_history ORDER BY id DESC", [])
        found: list[PastSearch] = []
        for r in rows:
            past = PastSearch(r["query"], json.loads(r["filters"] or "{}"), r["at"])
            if not any(p.filters == past.filters and same_query(p.query, past.query) for p in found):
                found.append(past)
                if len(found) == limit:
                    break
        return found

    def clear_past_searches(self) -> None:
        with self._write():
            self._conn.execute("DELETE FROM search_history")

    def save_search(self, search: SavedSearch) -> None:
        row = {**asdict(search), "filters": json.dumps(search.filters, sort_keys=True)}
        with self._write():
            self._db["saved_searches"].upsert(row, pk="id")

    def saved_searches(self) -> list[SavedSearch]:
        rows = self._read("SELECT * FROM saved_searches ORDER BY name COLLATE NOCASE, created")
        return [
            SavedSearch(r["id"], r["name"], r["query"], json.loads(r["filters"] or "{}"), r["created"]) for r in rows
        ]

    def delete_saved_searches(self, ids: Iterable[str] | None = None) -> None:
        """Delete these saved searches, or all of them when `ids` is None."""
        with self._write():
            if ids is None:
                self._conn.execute("DELETE FROM saved_searches")
            else:
                self._conn.executemany("DELETE FROM saved_searches WHERE id=?", [[i] for i in ids])

    def integrity(self) -> str:
        """The result of `PRAGMA integrity_check` ('ok' when sound)."""
        return str(self._read("PRAGMA integrity_check")[0][0])


def _code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _bookmark_row(b: Bookmark) -> dict[str, Any]:
    """The bookmark's record as a row: the offsets under their column names, the flag a number, the tags JSON."""
    row = {_COLUMN_OF.get(field, field): value for field, value in b.record().items()}
    row["whole_passage"] = int(b.whole_passage)
    row["tags"] = json.dumps(list(b.tags), ensure_ascii=False)
    return row


def _bookmark(r: sqlite3.Row | dict[str, Any]) -> Bookmark:
    return Bookmark(
        id=r["id"],
        passage_id=r["passage_id"],
        source_id=r["source_id"],
        quote=TextQuoteSelector(r["exact"], r["prefix"] or "", r["suffix"] or ""),
        position=TextPositionSelector(int(r["start_offset"] or 0), int(r["end_offset"] or 0)),
        whole_passage=bool(r["whole_passage"]),
        note=r["note"] or "",
        tags=tuple(json.loads(r["tags"] or "[]")),
        status=r["status"] or "anchored",
        created=r["created"],
        updated=r["updated"],
    )


def _readable(row: dict[str, Any]) -> bool:
    try:
        _bookmark(row)
    except (KeyError, TypeError, ValueError):
        return False
    return bool(row.get("id") and row.get("exact"))


def same_query(a: str, b: str) -> bool:
    """Whether two queries are the same search: case and spacing never change what a query finds."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _keep(original: Path, kept: Path) -> None:
    """Give `original` a second name `kept` (a hard link, else a synced copy); a folder or a file that
    cannot be read is renamed. Nothing happens if `kept` exists already (a repair being finished)."""
    if os.path.lexists(kept) or not os.path.lexists(original):
        return
    if original.is_file():
        try:
            os.link(original, kept)
            return
        except OSError:
            pass
        copy = kept.with_name(kept.name + ".copying")
        try:
            shutil.copyfile(original, copy)
            with copy.open("rb+") as f:
                os.fsync(f.fileno())
            os.replace(copy, kept)
            return
        except OSError:
            with suppress(OSError):
                copy.unlink()
    os.rename(original, kept)
    bookmarks_repair.sync_folder(kept.parent)


_FIELDS = (
    "id",
    "passage_id",
    "source_id",
    "exact",
    "prefix",
    "suffix",
    "start_offset",
    "end_offset",
    "whole_passage",
    "note",
    "tags",
    "status",
    "created",
    "updated",
    "deleted",
)


def _salvage(aside: Path) -> list[dict[str, Any]]:
    """Every bookmark that can still be read from the file set aside.

    First through SQLite (everything, if the damage is elsewhere), then page by page from the raw
    file and its -wal for the rows SQLite could not reach; of two copies of a row the later edit wins.
    """
    rows: dict[str, dict[str, Any]] = {}
    if aside.is_file():
        with suppress(sqlite3.Error):  # keep whatever was read before the damage
            old = sqlite3.connect(b"file:" + os.fsencode(aside) + b"?mode=ro", uri=True, timeout=0.2)
            try:
                cursor = old.execute("SELECT * FROM bookmarks")
                cursor.row_factory = sqlite3.Row
                while (row := cursor.fetchone()) is not None:
                    found = dict(row)
                    if _readable(found):
                        rows[found["id"]] = found
            finally:
                old.close()
        trusted = set(rows)
        for _, values in sqlite_salvage.records(aside):
            if len(values) < len(_FIELDS):
                continue
            found = dict(zip(_FIELDS, values, strict=False))
            if found["id"] in trusted or not _readable(found):
                continue
            earlier = rows.get(found["id"])
            if earlier is None or str(found["updated"]) >= str(earlier["updated"]):
                rows[found["id"]] = found
    return list(rows.values())
