"""The bookmarks file never loses committed work: crashes, two windows, damage, newer versions, full disks."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gulagreader.core.bookmarks.db import SCHEMA, BookmarksDB
from gulagreader.core.bookmarks.model import Bookmark, TextPositionSelector, TextQuoteSelector, new_id, now
from gulagreader.core.errors import UserError

# A child process that commits bookmarks in a loop and prints each id once its commit returned.
WRITER = """
import sys
from pathlib import Path
from gulagreader.core.bookmarks.model import Bookmark, TextPositionSelector, TextQuoteSelector, new_id, now
from gulagreader.core.bookmarks.db import BookmarksDB

db = BookmarksDB(Path(sys.argv[1]))
count = int(sys.argv[2])
n = 0
while count < 0 or n < count:
    n += 1
    stamp = now()
    b = Bookmark(new_id(), "isr-1963.p012", "isr-1963", TextQuoteSelector(f"quote {n}"), TextPositionSelector(0, 9),
                 note="x" * (n % 300), created=stamp, updated=stamp)
    db.save([b])
    sys.stdout.write(b.id + "\\n")
    sys.stdout.flush()
"""


def bookmark(note: str = "") -> Bookmark:
    stamp = now()
    return Bookmark(
        new_id(), "isr-1963.p012", "isr-1963", TextQuoteSelector("The fate", "", " of the"), TextPositionSelector(0, 8),
        whole_passage=False, note=note, created=stamp, updated=stamp,
    )  # fmt: skip


def writer(path: Path, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(count)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_wal_full_sync_and_recorded_migrations(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.db"
    db = BookmarksDB(path)
    saved = bookmark("kept")
    db.save([saved])
    assert db.notices == []
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = [
        r[0] for r in raw.execute("SELECT name FROM _sqlite_migrations WHERE migration_set='gulagreader-bookmarks'")
    ]
    assert names == list(SCHEMA)
    raw.close()
    assert db._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    db.close()
    again = BookmarksDB(path)
    assert again.bookmarks() == [saved] and again.notices == []
    assert again.integrity() == "ok"


def test_writes_are_begin_immediate(tmp_path: Path) -> None:
    """A write waits for another window's write instead of failing half-way: it takes the lock first."""
    path = tmp_path / "bookmarks.db"
    db = BookmarksDB(path, busy_timeout=0.2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(UserError, match="busy in another GulagReader window"):
        db.save([bookmark()])
    other.execute("ROLLBACK")
    db.save([bookmark()])
    assert len(db.bookmarks()) == 1


def test_two_instances_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.db"
    BookmarksDB(path).close()
    children = [writer(path, 150) for _ in range(3)]
    acked: set[str] = set()
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        acked |= set(out.split())
    assert len(acked) == 450
    db = BookmarksDB(path)
    assert {b.id for b in db.bookmarks()} == acked
    assert db.integrity() == "ok" and db.notices == []


def test_sigkill_never_loses_an_acknowledged_bookmark(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.db"
    acked: list[str] = []
    for round_ in range(50):
        child = writer(path, -1)
        assert child.stdout is not None
        # Kill after a varying number of acknowledged commits; the child is mid-write by then.
        for _ in range(1 + round_ % 9):
            line = child.stdout.readline()
            assert line.endswith("\n"), child.stderr.read() if child.stderr else ""
            acked.append(line.strip())
        os.kill(child.pid, signal.SIGKILL)
        rest = child.stdout.read()
        acked += [line for line in rest.split("\n")[:-1] if line]  # only complete lines were acknowledged
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        child.stdout.close()
        if child.stderr:
            child.stderr.close()
    db = BookmarksDB(path)
    assert db.notices == []  # never mistaken for a damaged file
    assert db.integrity() == "ok"
    present = {b.id for b in db.bookmarks()}
    assert len(acked) >= sum(1 + r % 9 for r in range(50)) and set(acked) <= present


def test_garbage_file_is_kept_aside_and_a_new_one_started(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.db"
    garbage = b"this is not a database, it is a shopping list\n" * 200
    path.write_bytes(garbage)
    db = BookmarksDB(path)
    [notice] = db.notices
    aside = next(tmp_path.glob("bookmarks-damaged-*.db"))
    assert "damaged" in notice and str(aside) in notice and "new file" in notice
    assert aside.read_bytes() == garbage
    db.save([bookmark()])
    assert len(db.bookmarks()) == 1 and db.integrity() == "ok"


def test_damaged_file_gives_back_what_can_still_be_read(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.db"
    db = BookmarksDB(path)
    kept = [bookmark(f"note {i}") for i in range(40)]
    db.save(kept)
    db.close()  # the last connection folds the WAL into the file
    raw = sqlite3.connect(path)
    page_size = raw.execute("PRAGMA page_size").fetchone()[0]
    root = raw.execute(
        "SELECT rootpage FROM sqlite_master WHERE type='index' AND tbl_name='bookmarks' AND sql IS NOT NULL"
    )
    index_page = root.fetchone()[0]
    raw.close()
    with open(path, "r+b") as handle:  # smash the passage_id index; the table itself stays readable
        handle.seek((index_page - 1) * page_size)
        handle.write(b"\xff" * page_size)
    reopened = BookmarksDB(path)
    [notice] = reopened.notices
    assert "damaged" in notice and "40 bookmark(s) were copied" in notice
    assert sorted(reopened.bookmarks(), key=lambda b: b.id) == sorted(kept, key=lambda b: b.id)
    assert reopened.integrity() == "ok"
    assert list(tmp_path.glob("bookmarks-damaged-*.db"))


def test_newer_version_file_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.db"
    db = BookmarksDB(path)
    mine = bookmark("made before the upgrade")
    db.save([mine])
    db.close()
    raw = sqlite3.connect(path)
    with raw:
        raw.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            ["gulagreader-bookmarks", "9999_from_the_future", "2099-01-01"],
        )
    raw.close()
    reopened = BookmarksDB(path)
    [notice] = reopened.notices
    aside = next(tmp_path.glob("bookmarks-newer-*.db"))
    assert "newer version of GulagReader" in notice and str(aside) in notice
    assert reopened.bookmarks() == [mine]  # what this version can read comes along
    check = sqlite3.connect(aside)
    assert check.execute("SELECT count(*) FROM _sqlite_migrations WHERE name='9999_from_the_future'").fetchone()[0] == 1
    check.close()


def test_unreadable_file_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.db"
    path.mkdir()  # not a file at all: unreadable even for root
    (path / "inside.txt").write_text("mine", encoding="utf-8")
    db = BookmarksDB(path)
    [notice] = db.notices
    aside = next(tmp_path.glob("bookmarks-unreadable-*.db"))
    assert "could not be read" in notice and str(aside) in notice
    assert (aside / "inside.txt").read_text(encoding="utf-8") == "mine"
    db.save([bookmark()])
    assert path.is_file() and len(db.bookmarks()) == 1


def test_locked_file_is_kept_aside_and_the_reader_keeps_working(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.db"
    db = BookmarksDB(path)
    db.save([bookmark("locked away")])
    db.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the file and never lets go
    try:
        reopened = BookmarksDB(path, busy_timeout=0.2)
        [notice] = reopened.notices
        aside = next(tmp_path.glob("bookmarks-locked-*.db"))
        assert "locked by another program" in notice and str(aside) in notice
        reopened.save([bookmark("new")])
        # the locked file's pages are read directly, so its committed bookmark comes along
        assert [b.note for b in reopened.bookmarks()] == ["locked away", "new"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    check = sqlite3.connect(aside)
    assert check.execute("SELECT note FROM bookmarks").fetchall() == [("locked away",)]
    check.close()


def test_full_disk_is_a_user_error_and_loses_nothing(tmp_path: Path) -> None:
    db = BookmarksDB(tmp_path / "bookmarks.db")
    before = [bookmark("before")]
    db.save(before)
    pages = db._conn.execute("PRAGMA page_count").fetchone()[0]
    db._conn.execute(f"PRAGMA max_page_count={pages}")  # SQLite then reports SQLITE_FULL, as on a full disk
    with pytest.raises(UserError, match="is full") as caught:
        db.save([bookmark("x" * 20_000) for _ in range(5)])
    assert "\n" not in str(caught.value)
    assert db.bookmarks() == before
    db._conn.execute("PRAGMA max_page_count=1073741823")
    db.save([bookmark("after")])
    assert [b.note for b in db.bookmarks()] == ["before", "after"]


def _make_read_only(folder: Path) -> bool:
    """Make `folder` read-only for this process, even as root (immutable flag); False if not possible."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return True
    chattr = shutil.which("chattr")
    return bool(chattr) and subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode == 0


def _make_writable(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run([shutil.which("chattr") or "chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


def test_read_only_folder_is_a_user_error_and_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = BookmarksDB(folder / "bookmarks.db")
    db.save([bookmark("safe")])
    db.close()
    if not _make_read_only(folder):
        pytest.skip("cannot make a folder read-only here")
    try:
        with pytest.raises(UserError, match="read-only"):
            BookmarksDB(folder / "bookmarks.db")
        assert not list(folder.glob("bookmarks-*"))  # not mistaken for damage
    finally:
        _make_writable(folder)
    assert [b.note for b in BookmarksDB(folder / "bookmarks.db").bookmarks()] == ["safe"]


def test_unwritable_place_is_a_user_error() -> None:
    with pytest.raises(UserError):
        BookmarksDB(Path("/proc/gulagreader-test/bookmarks.db"))
    with pytest.raises(UserError, match="cannot be written"):
        BookmarksDB(Path("/proc/gulagreader-bookmarks.db"))
