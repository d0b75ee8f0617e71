"""The record of bookmark repairs: what was set aside, where, and whether the user has been told enough.

A repair of `bookmarks.db` goes step by step (keep the damaged file under a second name, salvage its
rows into a new file, switch the new file in atomically); this record, written atomically before each
step, lets a start after a kill at any moment finish the repair instead of starting on an empty file.
Once done, the record stays until the user dismisses it (`gulagreader bookmarks dismiss`, or the
reader's Dismiss button), so every start says where the old file is.

Qt-free; the file is small JSON beside the bookmarks file (`bookmarks-repairs.json`).
"""

# No postponed annotations here: a search process defines this module's named tuples (CONTRIBUTING.md, Start-up).

import json
import os
from pathlib import Path
from typing import NamedTuple

from gulagreader.core import paths

SALVAGING, SWITCHING, DONE = "salvaging", "switching", "done"
MAX_RECORD = 1 << 20  # the record is a few hundred bytes; read no more than this

_WHAT = {
    "damaged": "Your bookmarks file was damaged",
    "empty": "Your bookmarks file was found empty (0 bytes)",
    "locked": "Your bookmarks file was locked by another program",
    "newer": "Your bookmarks file was made by a newer version of GulagReader",
    "unreadable": "Your bookmarks file could not be read",
}


class Repair(NamedTuple):
    """One repair of the bookmarks file."""

    kind: str  # damaged, empty, locked, newer, unreadable
    aside: str  # where the original file was kept
    when: str
    state: str = SALVAGING
    recovered: int = 0

    def notice(self) -> str:
        """The sentence said at every start until dismissed."""
        what = _WHAT.get(self.kind, _WHAT["damaged"])
        kept = (
            f"{self.recovered} bookmark(s) were copied from it into a new file"
            if self.recovered
            else "no bookmark could be read from it, so a new file was started"
        )
        return f"{what} ({self.when}); the original is kept as {self.aside} and {kept}."


CLI_HINT = "Dismiss this notice with 'gulagreader bookmarks dismiss'."


def user_file() -> Path:
    """The user's bookmarks file (as `bookmarks_db.FILE_NAME`; named here so the reader and the command
    line can read the record without loading SQLite's helpers)."""
    return paths.data_dir() / "bookmarks.db"


def record_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}-repairs.json")


def load(db_path: Path) -> list[Repair]:
    """The repairs recorded beside `db_path` (none if the record is missing or unreadable)."""
    try:
        with record_path(db_path).open("rb") as f:
            raw = json.loads(f.read(MAX_RECORD))
    except (OSError, ValueError, RecursionError):
        return []
    entries = raw.get("repairs") if isinstance(raw, dict) else None
    repairs = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        try:
            repair = Repair(
                kind=str(entry["kind"]),
                aside=str(entry["aside"]),
                when=str(entry.get("when", "")),
                state=str(entry.get("state", SALVAGING)),
                recovered=int(entry.get("recovered", 0)),
            )
        except (KeyError, TypeError, ValueError, OverflowError):
            continue
        repairs.append(repair)
    return repairs


def save(db_path: Path, repairs: list[Repair]) -> None:
    """Write the record atomically (a temporary file, synced, renamed); remove it when empty."""
    target = record_path(db_path)
    if not repairs:
        if target.exists():
            target.unlink()
        return
    temporary = target.with_name(target.name + ".tmp")
    # ASCII escapes: a folder name that is not UTF-8 (kept by Python as surrogates) survives the round trip
    text = json.dumps({"repairs": [r._asdict() for r in repairs]}, ensure_ascii=True, indent=1)
    with temporary.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, target)
    sync_folder(target.parent)


def update(db_path: Path, repair: Repair, **changes: object) -> Repair:
    """Record `repair` with `changes` (matched by its `aside`), appending it if new."""
    changed = repair._replace(**changes)  # type: ignore[arg-type]
    repairs = [r for r in load(db_path) if r.aside != repair.aside]
    save(db_path, [*repairs, changed])
    return changed


def pending_notices(db_path: Path) -> list[str]:
    """The notices of finished repairs not yet dismissed (cheap: reads one small file)."""
    return [r.notice() for r in load(db_path) if r.state == DONE]


def dismiss(db_path: Path) -> int:
    """Forget the finished repairs (the kept files stay where they are); return how many."""
    repairs = load(db_path)
    done = [r for r in repairs if r.state == DONE]
    save(db_path, [r for r in repairs if r.state != DONE])
    return len(done)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
