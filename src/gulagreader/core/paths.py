"""Where GulagReader keeps its files: platformdirs locations, or all under one --basedir."""

from __future__ import annotations

import os
from pathlib import Path

APP = "gulagreader"
_basedir: Path | None = None


def set_basedir(path: Path | None) -> None:
    """Keep every file under `path` (for tests, kiosks and portable installs)."""
    global _basedir
    _basedir = path


def _base() -> Path | None:
    if _basedir is not None:
        return _basedir
    env = os.environ.get("GULAGREADER_BASEDIR")
    return Path(env) if env else None


def cache_dir() -> Path:
    """Rebuildable files: the corpus store."""
    base = _base()
    if base is not None:
        return base / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def data_dir() -> Path:
    """The user's own data (bookmarks, notes)."""
    base = _base()
    if base is not None:
        return base / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    """The user's settings."""
    base = _base()
    if base is not None:
        return base / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def bundled_corpus() -> Path:
    """Our edition shipped with the program: inside the package when installed, else the checkout's."""
    installed = Path(__file__).resolve().parent.parent / "corpus"
    if (installed / "sources").is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "corpus"


def prebuilt_store() -> Path:
    """Where a packaged install keeps its store built at packaging time (may be read-only)."""
    return Path(__file__).resolve().parent.parent / "store"
