"""Repairing a damaged bookmarks file: page-by-page salvage, crash-safe at every step, told until dismissed."""

from __future__ import annotations

import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gulagreader.core.bookmarks import repair as bookmarks_repair
from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.bookmarks.model import Bookmark, TextPositionSelector, TextQuoteSelector, new_id, now

# Opens the file once its imports are done (and says so), so that a kill lands inside the repair.
OPEN = """
import sys
from pathlib import Path
from gulagreader.core.bookmarks.db import BookmarksDB
print("opening", flush=True)
BookmarksDB(Path(sys.argv[1]))
"""


def bookmark(n: int, note: str = "") -> Bookmark:
    stamp = now()
    return Bookmark(
        new_id(), f"isr-1963.p{n % 90:03}", "isr-1963", TextQuoteSelector(f"quote {n} " + "w" * (n % 50)),
        TextPositionSelector(0, 9), note=note or f"note {n}", tags=(f"t{n % 7}",), created=stamp, updated=stamp,
    )  # fmt: skip


def filled(path: Path, count: int, note: str = "") -> dict[str, Bookmark]:
    db = BookmarksDB(path)
    made = [bookmark(n, note) for n in range(count)]
    db.save(made)
    db.close()  # the last connection folds the WAL into the file
    return {b.id: b for b in made}


def garble_header(path: Path) -> None:
    with path.open("r+b") as f:
        f.write(b"\xa5" * 100)


def test_a_garbled_header_loses_no_bookmark(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.db"
    made = filled(path, 3)
    garble_header(path)
    db = BookmarksDB(path)
    assert {b.id: b for b in db.bookmarks()} == made
    [notice] = db.notices
    aside = next(tmp_path.glob("bookmarks-damaged-*.db"))
    assert "3 bookmark(s) were copied" in notice and str(aside) in notice
    assert aside.read_bytes()[:100] == b"\xa5" * 100  # the original is kept as it was
    assert db.integrity() == "ok"


@pytest.mark.parametrize("fraction", [0.5, 0.8])
def test_a_file_cut_short_gives_back_every_row_on_the_pages_left(tmp_path: Path, fraction: float) -> None:
    path = tmp_path / "bookmarks.db"
    made = filled(path, 600)
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.truncate(int(size * fraction))
    db = BookmarksDB(path)
    got = {b.id: b for b in db.bookmarks()}
    assert got and all(made[i] == b for i, b in got.items())  # nothing invented or garbled
    assert len(got) >= 600 * fraction * 0.6  # the table's leaf pages come first; most rows survive
    assert f"{len(got)} bookmark(s) were copied" in db.notices[0]


def test_a_note_longer_than_a_page_is_salvaged_whole(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.db"
    note = "".join(random.Random(3).choice("абв xyz\n") for _ in range(300_000))
    made = filled(path, 4, note=note)
    garble_header(path)
    db = BookmarksDB(path)
    assert {b.id: b for b in db.bookmarks()} == made


def test_rows_still_in_the_wal_are_salvaged(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.db"
    db = BookmarksDB(path)
    db.save([bookmark(n) for n in range(5)])
    holder = BookmarksDB(path)  # a second connection keeps the WAL from being folded in
    later = [bookmark(n) for n in range(5, 9)]
    db.save(later)
    snapshot = path.read_bytes(), Path(f"{path}-wal").read_bytes()
    db.close()
    holder.close()
    path.write_bytes(b"\xa5" * 100 + snapshot[0][100:])
    Path(f"{path}-wal").write_bytes(snapshot[1])
    reopened = BookmarksDB(path)
    assert {b.id for b in later} <= {b.id for b in reopened.bookmarks()}


def test_an_empty_file_is_told_not_taken_for_a_fresh_start(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.db"
    filled(path, 2)
    path.write_bytes(b"")
    db = BookmarksDB(path)
    [notice] = db.notices
    assert "empty (0 bytes)" in notice and "bookmarks-empty-" in notice
    assert BookmarksDB(tmp_path / "fresh.db").notices == []  # a first start says nothing


def test_the_notice_is_given_every_start_until_dismissed(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.db"
    filled(path, 2)
    garble_header(path)
    first = BookmarksDB(path).notices
    assert first and BookmarksDB(path).notices == first
    assert bookmarks_repair.pending_notices(path) == first
    assert bookmarks_repair.dismiss(path) == 1
    assert BookmarksDB(path).notices == []
    assert list(tmp_path.glob("bookmarks-damaged-*.db"))  # dismissing deletes nothing


def _repair_time(folder: Path, count: int) -> float:
    """How long a child takes to repair a damaged file of `count` bookmarks, once its imports are done."""
    folder.mkdir()
    path = folder / "bookmarks.db"
    filled(path, count)
    garble_header(path)
    child = subprocess.Popen([sys.executable, "-c", OPEN, str(path)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline() == "opening\n"
    started = time.perf_counter()
    child.wait()
    child.stdout.close()
    return time.perf_counter() - started


def kill_rounds(tmp_path: Path, rounds: int, count: int) -> tuple[int, int, float]:
    """Damage a file of `count` bookmarks, kill its repair at a random moment, then start again.

    Returns (rounds killed before the repair finished, bookmarks lost, the slowest next start in s).
    Each round checks that the next start shows every bookmark and names the kept original.
    """
    rng = random.Random(23)
    killed_early = lost = 0
    slowest = 0.0
    span = _repair_time(tmp_path / "calibration", count)  # kills land within a repair on this machine, now
    for r in range(rounds):
        folder = tmp_path / f"round{r}"
        folder.mkdir()
        path = folder / "bookmarks.db"
        made = filled(path, count)
        garble_header(path)
        child = subprocess.Popen([sys.executable, "-c", OPEN, str(path)], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline() == "opening\n"
        time.sleep(rng.uniform(0.0, span * 0.9))
        if child.poll() is None:
            killed_early += 1
            child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        started = time.perf_counter()
        db = BookmarksDB(path)
        slowest = max(slowest, time.perf_counter() - started)
        lost += len(set(made) - {b.id for b in db.bookmarks()})
        [notice] = db.notices
        aside = Path(notice.split("kept as ")[1].split(" and ")[0])
        assert aside.exists() and aside.read_bytes()[:100] == b"\xa5" * 100
        db.close()
    return killed_early, lost, slowest


def test_a_repair_killed_at_any_moment_is_finished_at_the_next_start(tmp_path: Path) -> None:
    killed, lost, _ = kill_rounds(tmp_path, rounds=6, count=3000)
    assert lost == 0 and killed >= 2


@pytest.mark.campaign
def test_campaign_repairs_killed_at_any_moment(tmp_path: Path) -> None:
    killed, lost, slowest = kill_rounds(tmp_path, rounds=40, count=5000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(
        f"\nrepair kill rounds: 40 (5,000 bookmarks, header garbled), killed before finishing: {killed}, "
        f"bookmarks lost: {lost}; slowest next start {slowest:.2f} s, peak memory {peak} MB"
    )
    assert lost == 0
