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


def basedir() -> Path | None:
    """The folder every file is kept under (--basedir or GULAGREADER_BASEDIR), or None."""
    return _base()


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

    The first of `site_settings_candidates()` that exists (the XDG rule: the first folder of
    `$XDG_CONFIG_DIRS` that has the file wins), or the first candidate when none does.
    """
    candidates = site_settings_candidates()
    return next((path for path in candidates if path.exists()), candidates[0])


def site_settings_candidates() -> list[Path]:
    """Where a site settings file is looked for, the most important first.

    `GULAGREADER_SITE_CONFIG` names one file; under a --basedir it is `BASEDIR/site-config/settings.toml`;
    otherwise `gulagreader/settings.toml` in each of platformdirs' site config folders (on Linux every
    absolute folder of `$XDG_CONFIG_DIRS`, e.g. `/etc/xdg/xdg-ubuntu` then `/etc/xdg` on Ubuntu).
    """
    env = os.environ.get("GULAGREADER_SITE_CONFIG")
    if env:
        return [Path(env)]
    base = _base()
    if base is not None:
        return [base / "site-config" / SETTINGS_FILE]
    import platformdirs

    joined = platformdirs.site_config_dir(APP, appauthor=False, multipath=True)
    # The XDG spec: a relative folder in $XDG_CONFIG_DIRS is invalid and ignored.
    folders = [Path(f) for f in dict.fromkeys(joined.split(os.pathsep)) if f and os.path.isabs(f)]
    if not folders:  # every folder was relative: the spec's default
        folders = [Path("/etc/xdg") / APP]
    return [folder / SETTINGS_FILE for folder in folders]


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


def app_icons() -> Path:
    """The app icon's `hicolor` theme folder: inside the package when installed, else the checkout's resources."""
    installed = _package_dir() / "icons" / "hicolor"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "resources" / "icons" / "hicolor"


def prebuilt_store() -> Path:
    """Where a packaged install keeps its store built at packaging time (may be read-only)."""
    return _package_dir() / "store"
