"""Store faults beyond test_store.py: damage found only in use, the user told once, two builders at once.

test_store.py covers every damage kind of FIELD-NOTES found on opening; here the damage a check on
opening cannot see (a page of the corpus DB or a block of the index's doc store read only later),
what the user is told and how often, and two processes building one store.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gulagreader.cli import main
from gulagreader.core import paths
from gulagreader.core.config import Settings
from gulagreader.core.errors import NotFound, StoreError
from gulagreader.core.library import Library
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store, open_store

AN_HOUR_AGO = time.time_ns() - 3600 * 10**9


def _settled(folder: Path) -> None:
    """Date the store's files an hour back, so their checks are remembered (as on any later start)."""
    for path in folder.rglob("*"):
        os.utime(path, ns=(AN_HOUR_AGO, AN_HOUR_AGO))


def _smash_last_passages_page(db: Path) -> None:
    """Overwrite the last page of the passages table in place, keeping the file's size and time."""
    raw = sqlite3.connect(db)
    page_size = raw.execute("PRAGMA page_size").fetchone()[0]
    [last] = raw.execute("SELECT max(pageno) FROM dbstat WHERE name='passages' AND pagetype='leaf'").fetchone()
    raw.close()
    st = db.stat()
    with db.open("r+b") as handle:
        handle.seek((last - 1) * page_size)
        handle.write(b"\xff" * page_size)
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))


def _flip_doc_store_block(index: Path) -> None:
    store_file = next(index.glob("*.store"))
    st = store_file.stat()
    data = bytearray(store_file.read_bytes())
    at = int(len(data) * 0.9)  # a block of the last source's passages, not the footer
    for i in range(at, at + 64):
        data[i] ^= 0xFF
    store_file.write_bytes(bytes(data))
    os.utime(store_file, ns=(st.st_atime_ns, st.st_mtime_ns))


def _read_every_passage(corpus: Path) -> None:
    store = open_store(corpus)
    library = Library(store)
    for source in library.sources():
        library.passages_of(source.id)
    SearchService(store).search("the", limit=1000)


@pytest.mark.parametrize("damage", ["corpus DB page", "doc store block"])
def test_damage_found_in_use_is_rebuilt_at_the_next_start_and_told_once(corpus_copy: Path, damage: str) -> None:
    first = open_store(corpus_copy)
    folder = first.folder
    first.db.close()
    _settled(folder)
    open_store(corpus_copy).db.close()  # the checks on opening pass and are remembered
    if damage == "corpus DB page":
        _smash_last_passages_page(folder / "corpus.db")
    else:
        _flip_doc_store_block(folder / "index")
    damaged = open_store(corpus_copy)
    assert not damaged.notices, "not visible on opening"
    with pytest.raises(StoreError, match=r"damaged .*; it will be rebuilt at the next start") as caught:
        _read_every_passage(corpus_copy)
    assert "\n" not in str(caught.value)
    repaired = open_store(corpus_copy)
    [notice] = repaired.notices
    assert "found damaged while in use" in notice and "rebuilt" in notice
    assert list(folder.parent.glob(f"{folder.name}.damaged-*")), "the damaged store is kept aside"
    _read_every_passage(corpus_copy)
    assert open_store(corpus_copy).notices == [], "told once"


@pytest.mark.parametrize("damage", ["garbled meta.json", "corrupt corpus.db"])
def test_damage_found_on_opening_is_told_once(corpus_copy: Path, damage: str) -> None:
    folder = open_store(corpus_copy).folder
    if damage == "garbled meta.json":
        (folder / "index" / "meta.json").write_text("{ not json")
    else:
        (folder / "corpus.db").write_bytes(b"garbage garbage!" * 4096)
    assert len(open_store(corpus_copy).notices) == 1
    assert open_store(corpus_copy).notices == []
    assert open_store(corpus_copy).notices == []


def test_a_damaged_shipped_store_is_told_once(corpus_copy: Path, tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    shutil.copytree(open_store(corpus_copy).folder, shipped)
    shutil.rmtree(paths.cache_dir())
    (shipped / "corpus.db").write_bytes(b"garbage garbage!" * 4096)
    settings = Settings(store=shipped)
    [notice] = open_store(corpus_copy, settings=settings).notices
    assert "is damaged; a new one was built" in notice
    again = open_store(corpus_copy, settings=settings)
    assert again.notices == [] and SearchService(again).search("Vorkuta").total > 0


def test_the_command_line_says_so_in_one_line_then_repairs(
    corpus_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = open_store(corpus_copy).folder
    _settled(folder)
    open_store(corpus_copy).db.close()
    _smash_last_passages_page(folder / "corpus.db")
    args = ["--corpus", str(corpus_copy)]
    statuses = [main([*args, "show", source]) for source in ("goble-2018", "isr-1963", "russia-pictures")]
    err = capsys.readouterr().err
    assert statuses[-1] == 1 and err.count("\n") == 1 and "it will be rebuilt at the next start" in err
    assert main([*args, "show", "russia-pictures"]) == 0
    err = capsys.readouterr().err
    assert "was rebuilt" in err and err.count("\n") == 1
    assert main([*args, "show", "russia-pictures"]) == 0
    assert capsys.readouterr().err == ""


def _cli(basedir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "gulagreader", "--basedir", str(basedir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _two_at_once(basedir: Path) -> None:
    children = [_cli(basedir, "search", "--json", "Vorkuta") for _ in range(2)]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert '"total": 72' in out and err == ""
    cache = basedir / "cache"
    assert len(list(cache.glob("store-*"))) == 1, sorted(p.name for p in cache.iterdir())
    assert not list(cache.glob(".building-*")) and not list(cache.glob(".old-*"))


def test_two_instances_building_into_an_empty_cache_both_succeed(tmp_path: Path) -> None:
    for round_ in range(2):
        _two_at_once(tmp_path / f"base-{round_}")


@pytest.mark.campaign
def test_campaign_two_instances_many_rounds(tmp_path: Path) -> None:
    for round_ in range(25):
        _two_at_once(tmp_path / f"base-{round_}")


def _kill_rounds(tmp_path: Path, rounds: int) -> int:
    """Start the command line on an empty cache and SIGKILL it at a different moment each round."""
    basedir = tmp_path / "base"
    killed = 0
    for round_ in range(rounds):
        child = _cli(basedir, "search", "--json", "Vorkuta")
        time.sleep(0.05 + 0.04 * (round_ % 25))  # from 'starting' to 'built and searching'
        if child.poll() is None:
            child.kill()
            killed += 1
        child.communicate(timeout=60)
        if round_ % 5 == 4:  # now and then a clean start in between: it must work and say nothing
            clean = _cli(basedir, "search", "--json", "Vorkuta")
            out, err = clean.communicate(timeout=120)
            assert clean.returncode == 0 and err == "", err
            assert '"total": 72' in out
            shutil.rmtree(basedir / "cache")
    return killed


@pytest.mark.campaign
def test_campaign_builds_killed_at_any_moment_never_break_the_next_start(tmp_path: Path) -> None:
    assert _kill_rounds(tmp_path, 50) > 25


def _last_passage(db: Path) -> str:
    """The id of the passage stored last (on the passages table's last page)."""
    raw = sqlite3.connect(db)
    [passage_id] = raw.execute("SELECT id FROM passages ORDER BY rowid DESC LIMIT 1").fetchone()
    raw.close()
    return str(passage_id)


def damaged_while_reading(corpus: Path) -> tuple[Store, str]:
    """A store whose checks on opening pass, and one passage id whose page is damaged."""
    first = open_store(corpus)
    folder = first.folder
    first.db.close()
    _settled(folder)
    open_store(corpus).db.close()  # the checks on opening pass and are remembered
    passage_id = _last_passage(folder / "corpus.db")
    _smash_last_passages_page(folder / "corpus.db")
    return open_store(corpus), passage_id


def test_an_unknown_id_is_not_found_but_a_damaged_page_is_damage(corpus_copy: Path) -> None:
    store, passage_id = damaged_while_reading(corpus_copy)
    library = Library(store)
    with pytest.raises(NotFound) as missing:
        library.passage("isr-1963.p99999")
    assert (missing.value.kind, missing.value.key) == ("passage", "isr-1963.p99999")
    with pytest.raises(NotFound, match="gulagreader sources"):
        library.source("no-such-source")
    with pytest.raises(StoreError, match="damaged") as damaged:
        library.passage(passage_id)
    assert not isinstance(damaged.value, NotFound)
