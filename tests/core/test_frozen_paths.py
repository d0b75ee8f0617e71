"""In a PyInstaller bundle the corpus and the prebuilt store are found among the bundle's data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from gulagreader.core import paths
from gulagreader.core.store import open_store
from tests.conftest import CORPUS
from tests.core.test_store import _python_for_anyone


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built_store: Path) -> Iterator[Path]:
    """A read-only bundle laid out as packaging/gulagreader.spec lays it out, as a frozen app sees it."""
    root = tmp_path / "bundle" / "_internal"
    shutil.copytree(CORPUS, root / "gulagreader" / "corpus")
    shutil.copytree(built_store, root / "gulagreader" / "store")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    folders = [p for p in root.rglob("*") if p.is_dir()]
    for path in root.rglob("*"):
        path.chmod(0o555 if path.is_dir() else 0o444)
    yield root
    for folder in [root, *folders]:
        folder.chmod(0o755)


def test_the_bundle_holds_the_corpus_and_the_store(bundle: Path) -> None:
    assert paths.bundled_corpus() == bundle / "gulagreader" / "corpus"
    assert paths.prebuilt_store() == bundle / "gulagreader" / "store"


def test_the_prebuilt_store_opens_read_only_without_a_build(bundle: Path) -> None:
    store = open_store()
    assert store.folder == bundle / "gulagreader" / "store"
    assert store.notices == []
    assert not list(paths.cache_dir().glob("store-*"))  # nothing was built


def test_not_frozen_the_package_folder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", "/nowhere", raising=False)  # set, but not a frozen app
    assert paths.prebuilt_store() == Path(paths.__file__).resolve().parent.parent / "store"
    assert paths.bundled_corpus().name == "corpus"


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to switch user")
def test_a_user_with_no_writable_cache_still_searches(built_store: Path) -> None:
    """A kiosk or service account without a home: the read-only store's index is copied to a private temp folder."""
    python = _python_for_anyone()
    if python is None:
        pytest.skip("no Python interpreter that an unprivileged user may run")
    base = Path(tempfile.mkdtemp(prefix="gulagreader-nohome-"))
    try:
        base.chmod(0o755)
        shipped = base / "store"
        shutil.copytree(built_store, shipped, ignore=shutil.ignore_patterns(".tantivy-*.lock"))
        for path in [*shipped.rglob("*"), shipped]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        temp = base / "tmp"
        temp.mkdir()
        os.chown(temp, 65534, 65534)
        script = (
            "import sys; from pathlib import Path;"
            "from gulagreader.core.store import open_store_at; from gulagreader.core.search import SearchService;"
            "print(SearchService(open_store_at(Path(sys.argv[1]))).search('Vorkuta').total);"
            "print(*sorted(p.name[:18] for p in Path(sys.argv[2]).iterdir()))"
        )
        env = {
            "GULAGREADER_BASEDIR": "/nonexistent/gulagreader",  # nothing can be written there
            "PYTHONPATH": os.pathsep.join(sys.path),
            "TMPDIR": str(temp),
        }
        done = subprocess.run(
            [python, "-c", script, str(shipped), str(temp)],
            env=env,
            capture_output=True,
            text=True,
            user=65534,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        total, copies = done.stdout.splitlines()
        assert int(total) > 0
        assert copies == "gulagreader-index-"  # the index was copied to a private temporary folder
        assert not list(temp.iterdir())  # and removed at exit
    finally:
        for path in base.rglob("*"):
            path.chmod(0o755)
        shutil.rmtree(base)
