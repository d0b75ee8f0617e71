"""The corpus key and the database check are remembered by file size and time, the content stays the truth."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from gulagreader.core import fingerprint, paths
from gulagreader.core.errors import StoreError
from gulagreader.core.store import STORE_FORMAT, build_store, corpus_key, open_store_at

HOUR_NS = 3600 * 10**9


def _age(folder: Path) -> None:
    """Date every file an hour back: older than the two seconds in which a memo is not trusted."""
    for path in folder.rglob("*"):
        if path.is_file():
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - HOUR_NS))


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Change the text without changing the file's size or modification time."""
    assert len(old.encode()) == len(new.encode())
    st = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_key_is_the_content_hash(corpus_copy: Path) -> None:
    files = sorted(f"sources/{p.name}" for p in (corpus_copy / "sources").glob("*.md"))
    files += ["names.toml", "events.toml", "not-names.txt", "glossary.toml", "places.toml"]
    key = corpus_key(corpus_copy)
    assert key == fingerprint.content_hash(corpus_copy, files, f"store-format-{STORE_FORMAT}")
    assert corpus_key(corpus_copy) == key  # remembered or not, the same


def test_key_is_remembered_while_the_files_are_unchanged(corpus_copy: Path) -> None:
    _age(corpus_copy)
    key = corpus_key(corpus_copy)
    assert (paths.cache_dir() / "fingerprints.json").exists()
    # An edit that keeps size and time is invisible to the memo: proof that the files were not read.
    _same_size_edit(corpus_copy / "sources" / "goble-2018.md", "Staunton", "Stauntom")
    assert corpus_key(corpus_copy) == key
    # Any change of size or time (every real save) reads the contents again.
    source = corpus_copy / "sources" / "goble-2018.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = corpus_key(corpus_copy)
    assert changed != key
    assert changed == _fresh_key(corpus_copy)


def test_a_file_changed_just_before_hashing_is_hashed_again(corpus_copy: Path) -> None:
    # The files are new (modified within the last two seconds): a same-size edit in the same
    # clock tick could go unseen, so the memo is not trusted and the contents are read again.
    for path in corpus_copy.rglob("*"):
        os.utime(path, None)  # just saved (copytree keeps the original times)
    key = corpus_key(corpus_copy)
    _same_size_edit(corpus_copy / "sources" / "goble-2018.md", "Staunton", "Stauntom")
    assert corpus_key(corpus_copy) != key


def test_a_broken_memo_only_costs_a_hash(corpus_copy: Path) -> None:
    key = corpus_key(corpus_copy)
    (paths.cache_dir() / "fingerprints.json").write_text("{ not json", encoding="utf-8")
    assert corpus_key(corpus_copy) == key
    assert json.loads((paths.cache_dir() / "fingerprints.json").read_text(encoding="utf-8"))


def _fresh_key(folder: Path) -> str:
    memo = paths.cache_dir() / "fingerprints.json"
    memo.unlink(missing_ok=True)
    return corpus_key(folder)


def test_database_check_is_remembered_and_redone_after_a_change(corpus_copy: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build_store(corpus_copy, store)
    _age(store)
    open_store_at(store).db.close()  # checks every page once, and remembers it
    db = store / "corpus.db"
    st = db.stat()
    data = bytearray(db.read_bytes())
    middle = len(data) // 2 // 4096 * 4096  # a page in the middle: the header stays valid
    data[middle : middle + 4096] = b"\xff" * 4096
    db.write_bytes(bytes(data))
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))
    open_store_at(store).db.close()  # same size and time: the remembered check stands
    os.utime(db, None)  # a new time (as any write gives it): checked again, and the damage found
    with pytest.raises(StoreError):
        open_store_at(store)


def test_stores_of_a_moved_corpus_are_keyed_by_content(corpus_copy: Path, tmp_path: Path) -> None:
    moved = tmp_path / "moved"
    shutil.copytree(corpus_copy, moved)
    assert corpus_key(moved) == corpus_key(corpus_copy)
