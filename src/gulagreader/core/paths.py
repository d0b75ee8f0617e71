"""Where GulagReader keeps its files: platformdirs locations, or all under one --basedir."""

from __future__ import annotations

import os
import sys
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


SETTINGS_FILE = "settings.toml"


def site_settings_file() -> Path:
    """The administrator's settings for every user of this machine (see docs/configuration.md).

    `GULAGREADER_SITE_CONFIG` names another file; under a --basedir it is `BASEDIR/site-config/settings.toml`.
    """
    env = os.environ.get("GULAGREADER_SITE_CONFIG")
    if env:
        return Path(env)
    base = _base()
    if base is not None:
        return base / "site-config" / SETTINGS_FILE
    import platformdirs

    return Path(platformdirs.site_config_dir(APP, appauthor=False)) / SETTINGS_FILE


def user_settings_file() -> Path:
    """The user's own settings, laid over the site's."""
    return config_dir() / SETTINGS_FILE


def _package_dir() -> Path:
    """The folder of the `gulagreader` package; in a PyInstaller bundle, its place among the bundle's data."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "gulagreader"
    return Path(__file__).resolve().parent.parent


def bundled_corpus() -> Path:
    """Our edition shipped with the program: inside the package when installed, else the checkout's."""
    installed = _package_dir() / "corpus"
    if (installed / "sources").is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "corpus"


def editorial_principles() -> Path:
    """docs/editorial-principles.md: inside the package when installed, else the checkout's."""
    installed = _package_dir() / "docs" / "editorial-principles.md"
    if installed.is_file():
        return installed
    return Path(__file__).resolve().parents[3] / "docs" / "editorial-principles.md"


def basemap_file() -> Path:
    """The bundled base map (Natural Earth countries, see resources/basemap/README.md)."""
    installed = _package_dir() / "basemap" / "countries.json"
    if installed.is_file():
        return installed
    return Path(__file__).resolve().parents[3] / "resources" / "basemap" / "countries.json"


def prebuilt_store() -> Path:
    """Where a packaged install keeps its store built at packaging time (may be read-only)."""
    return _package_dir() / "store"
