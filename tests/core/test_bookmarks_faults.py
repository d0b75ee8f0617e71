"""A disk that fills up under a real process (RLIMIT_FSIZE): no committed bookmark is lost, and it says so.

test_bookmarks_db.py covers damage, newer versions, locks, read-only folders, SQLite's own page
limit, two writers and SIGKILL rounds; here the operating system itself refuses to let the files grow.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gulagreader.core.bookmarks.db import BookmarksDB

# Saves bookmarks, then lowers its own file size limit and saves until refused, then lifts it again.
_FILLER = """
import json, resource, sys
from pathlib import Path
from gulagreader.core.bookmarks.model import Bookmark, TextPositionSelector, TextQuoteSelector, new_id, now
from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.errors import UserError

path = Path(sys.argv[1])
db = BookmarksDB(path)
acked, refused = [], []

def save(note):
    stamp = now()
    b = Bookmark(new_id(), "isr-1963.p012", "isr-1963", TextQuoteSelector("The fate"), TextPositionSelector(0, 8),
                 note=note, created=stamp, updated=stamp)
    db.save([b])
    acked.append(b.id)

for i in range(20):
    save(f"before {i}")
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
biggest = max(p.stat().st_size for p in path.parent.glob(path.name + "*"))
resource.setrlimit(resource.RLIMIT_FSIZE, (biggest + int(sys.argv[2]), hard))  # Python ignores SIGXFSZ: EFBIG
for i in range(200):
    try:
        save("x" * 5000 + str(i))
    except UserError as exc:
        refused.append(str(exc))
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
save("after the disk was freed")
print(json.dumps({"acked": acked, "refused": refused, "count": len(db.bookmarks()), "check": db.integrity()}))
"""


def _fill(path: Path, room: int) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _FILLER, str(path), str(room)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert isinstance(result, dict)
    return result


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE semantics checked on Linux")
@pytest.mark.parametrize("room", [0, 4096, 100_000])
def test_a_file_size_limit_refuses_saves_in_one_sentence_and_loses_nothing(tmp_path: Path, room: int) -> None:
    path = tmp_path / "bookmarks.db"
    result = _fill(path, room)
    refused = result["refused"]
    assert isinstance(refused, list) and refused, "the limit was never reached"
    assert all("\n" not in r and r.endswith(".") and "not saved" in r for r in refused), refused[:3]
    assert result["check"] == "ok" and result["count"] == len(result["acked"])  # type: ignore[arg-type]
    db = BookmarksDB(path)
    assert db.notices == [] and db.integrity() == "ok"
    present = {b.id for b in db.bookmarks()}
    assert set(result["acked"]) == present  # type: ignore[arg-type]
    assert "after the disk was freed" in {b.note for b in db.bookmarks()}
    assert not list(tmp_path.glob("bookmarks-*")), "a full disk is not mistaken for damage"
