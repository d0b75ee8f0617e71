"""The settings' `store`: a store built once by the administrator, used by every user while it matches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from gulagreader.core import paths
from gulagreader.core.config import Settings
from gulagreader.core.store import open_store
from tests.conftest import CORPUS


def test_a_matching_store_is_used_read_only(tmp_path: Path, built_store: Path) -> None:
    shared = tmp_path / "srv" / "store"
    shutil.copytree(built_store, shared)
    for path in [*shared.rglob("*"), shared]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        store = open_store(CORPUS, settings=Settings(store=shared))
        assert store.folder == shared
        assert store.notices == []
        assert not list(paths.cache_dir().glob("store-*"))
    finally:
        for path in [shared, *shared.rglob("*")]:
            path.chmod(0o755)


def test_a_stale_or_missing_store_falls_back_with_a_notice(tmp_path: Path, built_store: Path) -> None:
    stale = tmp_path / "stale"
    shutil.copytree(built_store, stale)
    manifest = json.loads((stale / "manifest.json").read_text(encoding="utf-8"))
    (stale / "manifest.json").write_text(json.dumps({**manifest, "corpus_key": "older"}), encoding="utf-8")
    for folder in (stale, tmp_path / "missing"):
        store = open_store(CORPUS, settings=Settings(store=folder))
        assert store.folder.parent == paths.cache_dir()
        (notice,) = store.notices
        assert str(folder) in notice and "per-user store is used instead" in notice
