"""The store is built atomically, verified on open, and rebuilt when damaged."""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from gulagreader.core import paths
from gulagreader.core.errors import CorpusError, StoreError
from gulagreader.core.search import SearchService
from gulagreader.core.store import build_store, corpus_key, open_store, open_store_at


def _works(store_dir: Path) -> None:
    store = open_store_at(store_dir)
    assert SearchService(store).search("Vorkuta").total > 0


def test_default_store_is_built_in_the_cache_by_corpus_hash(corpus_copy: Path) -> None:
    store = open_store(corpus_copy)
    assert store.folder == paths.cache_dir() / f"store-{corpus_key(corpus_copy)}"
    assert not store.notices
    # an edit changes the key, so the next open builds a fresh store
    source = corpus_copy / "sources" / "goble-2018.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Staunton", "Staunton,"), encoding="utf-8")
    assert open_store(corpus_copy).folder != store.folder


def _index_file(store_dir: Path, suffix: str) -> Path:
    return next((store_dir / "index").glob(f"*{suffix}"))


@pytest.mark.parametrize(
    "damage",
    ["missing meta.json", "garbled meta.json", "deleted .idx", "truncated .term", "flipped .store",
     "corrupt corpus.db", "missing manifest", "deleted store folder"],
)  # fmt: skip
def test_damaged_store_is_rebuilt_and_the_user_told(corpus_copy: Path, damage: str) -> None:
    first = open_store(corpus_copy)
    folder = first.folder
    first.db.close()
    del first
    gc.collect()  # the index's files are mapped into memory until it is freed: truncating one then is SIGBUS
    if damage == "missing meta.json":
        (folder / "index" / "meta.json").unlink()
    elif damage == "garbled meta.json":
        (folder / "index" / "meta.json").write_text("{ not json")
    elif damage == "deleted .idx":
        _index_file(folder, ".idx").unlink()
    elif damage == "truncated .term":
        term = _index_file(folder, ".term")
        term.write_bytes(term.read_bytes()[:100])
    elif damage == "flipped .store":
        store_file = _index_file(folder, ".store")
        data = bytearray(store_file.read_bytes())
        for i in range(16, len(data) - 16, 7):
            data[i] ^= 0xFF
        with store_file.open("r+b") as f:  # in place, never truncated (see above)
            f.write(bytes(data))
    elif damage == "corrupt corpus.db":
        db = folder / "corpus.db"
        data = bytearray(db.read_bytes())
        data[0:16] = b"garbage garbage!"
        with db.open("r+b") as f:
            f.write(bytes(data))
    elif damage == "missing manifest":
        (folder / "manifest.json").unlink()
    elif damage == "deleted store folder":
        shutil.rmtree(folder)
    store = open_store(corpus_copy)
    assert store.folder == folder
    assert SearchService(store).search("Vorkuta").total > 0
    if damage != "deleted store folder":
        assert store.notices and "rebuilt" in store.notices[0]
        assert list(folder.parent.glob(f"{folder.name}.damaged-*")), "the damaged store is kept aside"


def test_a_corpus_with_errors_never_replaces_the_working_store(corpus_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "store"
    build_store(corpus_copy, out)
    (corpus_copy / "events.toml").write_text("[[event]\nid = broken", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        build_store(corpus_copy, out)
    assert "events.toml:1" in str(caught.value)
    _works(out)
    assert not list(tmp_path.glob(".building-*"))


_KILL_MIDWAY = """
import sys, time
from pathlib import Path
import gulagreader.core.index as index
real = index.write_index
def slow(folder, docs, threads=1):
    def trickle():
        for i, d in enumerate(docs):
            if i == 50:
                print("midway", flush=True)
                time.sleep(60)
            yield d
    return real(folder, trickle(), threads)
index.write_index = slow
import gulagreader.core.store as store
store.write_index = slow
store.build_store(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_a_build_killed_midway_leaves_the_old_store_usable(corpus_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "store"
    build_store(corpus_copy, out)
    before = json.loads((out / "manifest.json").read_text())
    with subprocess.Popen(
        [sys.executable, "-c", _KILL_MIDWAY, str(corpus_copy), str(out)], stdout=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "midway"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    assert json.loads((out / "manifest.json").read_text()) == before
    _works(out)


def test_store_open_refuses_another_format(tmp_path: Path, built_store: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(built_store, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    (copy / "manifest.json").write_text(json.dumps({**manifest, "format": 999}))
    with pytest.raises(StoreError, match="another version"):
        open_store_at(copy)


def _python_for_anyone() -> str | None:
    """An interpreter of this Python version that an unprivileged user can run, if any."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (os.path.realpath(sys.executable), shutil.which(version, path="/usr/bin:/usr/local/bin")):
        if candidate and all(
            os.stat(p).st_mode & stat.S_IXOTH for p in [candidate, *map(str, Path(candidate).parents)]
        ):
            return candidate
    return None


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to switch user")
def test_a_read_only_prebuilt_store_is_used_without_rebuilding(built_store: Path) -> None:
    """A packaged install's store in a read-only folder: the index is copied to the cache."""
    python = _python_for_anyone()
    if python is None:
        pytest.skip("no Python interpreter that an unprivileged user may run")
    base = Path(tempfile.mkdtemp(prefix="gulagreader-ro-"))
    base.chmod(0o755)
    shipped = base / "install" / "store"
    shutil.copytree(built_store, shipped, ignore=shutil.ignore_patterns(".tantivy-*.lock"))
    (base / "install").chmod(0o755)
    for path in shipped.rglob("*"):
        path.chmod(0o555 if path.is_dir() else 0o444)
    shipped.chmod(0o555)
    home = base / "home"
    home.mkdir()
    os.chown(home, 65534, 65534)
    script = (
        "import sys; from pathlib import Path;"
        "from gulagreader.core.store import open_store_at; from gulagreader.core.search import SearchService;"
        "s = open_store_at(Path(sys.argv[1]));"
        "print(SearchService(s).search('Vorkuta').total)"
    )
    env = {**os.environ, "GULAGREADER_BASEDIR": str(home), "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [python, "-c", script, str(shipped)],
        env=env,
        capture_output=True,
        text=True,
        user=65534,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) > 0
    assert list((home / "cache").glob("index-copy-*/meta.json"))
    assert not list(shipped.rglob(".tantivy-*.lock"))
    shutil.rmtree(base)
