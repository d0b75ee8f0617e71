"""Shared fixtures: every file under tmp_path, and one real store built from the real corpus."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from gulagreader.core import paths
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store, build_store, open_store_at

# Tests never need a screen: without this, a bare `pytest` on a desktop-less machine aborts in Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


def scale_corpus_module() -> ModuleType:
    """`benchmarks/scale_corpus.py`, the generator of synthetic archives, loaded as a module."""
    spec = importlib.util.spec_from_file_location("scale_corpus", REPO / "benchmarks" / "scale_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["scale_corpus"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test touches a real home: every platformdirs location goes under tmp_path."""
    monkeypatch.setenv("GULAGREADER_BASEDIR", str(tmp_path / "base"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    paths.set_basedir(None)
    yield
    paths.set_basedir(None)


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real corpus, built once per session."""
    folder = tmp_path_factory.mktemp("store") / "store"
    build_store(CORPUS, folder)
    return folder


@pytest.fixture(scope="session")
def store(built_store: Path) -> Store:
    return open_store_at(built_store)


@pytest.fixture(scope="session")
def search(store: Store) -> SearchService:
    return SearchService(store)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the real corpus, for tests that break it."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
