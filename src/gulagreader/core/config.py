"""Settings for a whole site (a library's machines) with each user's own laid on top.

Two TOML files with the same keys (see docs/configuration.md): the administrator's, in the
platformdirs site config folder, and the user's, in the per-user config folder. A key in the
user's file wins, unless the site file names it in `locked`. A file that cannot be read or is not
valid TOML is ignored with a one-line notice; so is a key of the wrong type.
"""

# No postponed annotations here: a search process defines this module's named tuples (CONTRIBUTING.md, Start-up).

import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from gulagreader.core import paths

FONT_SCALE_RANGE = (0.5, 3.0)
KIOSK_PREFIX = "kiosk_"


class Settings(NamedTuple):
    """What the site and the user chose; the defaults are a plain desktop install.

    `kiosk` and `font_scale` are for the reader; `store` and `hidden_sources` apply everywhere.
    `notices` says, in one line each, what was wrong with the files and so ignored. (A named tuple:
    every command reads the settings, and defining a frozen dataclass costs four times as much.)
    """

    kiosk: bool = False
    store: Path | None = None
    font_scale: float = 1.0
    hidden_sources: tuple[str, ...] = ()
    citation_style: str = "chicago"  # a bundled style (chicago, apa, mla) or the path of a .csl file
    locked: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    files: tuple[Path, ...] = ()  # the files that were read


def _bool(value: Any, _: Path) -> bool | None:
    return value if isinstance(value, bool) else None


def _path(value: Any, folder: Path) -> Path | None:
    if not isinstance(value, str) or not value.strip():
        return None
    path = Path(value.strip()).expanduser()
    return path if path.is_absolute() else folder / path  # relative to the settings file


def _scale(value: Any, _: Path) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    low, high = FONT_SCALE_RANGE
    return float(value) if low <= value <= high else None


def _ids(value: Any, _: Path) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return tuple(dict.fromkeys(v.strip().lower() for v in value if v.strip()))


def _style(value: Any, folder: Path) -> str | None:
    """A bundled style's name, or a .csl file that exists (relative to the settings file)."""
    if not isinstance(value, str) or not value.strip():
        return None
    if value.strip().lower() in ("chicago", "apa", "mla"):
        return value.strip().lower()
    path = _path(value, folder)
    return str(path) if path is not None and path.suffix.lower() == ".csl" and path.is_file() else None


_KEYS: dict[str, tuple[Callable[[Any, Path], Any], str]] = {
    "kiosk": (_bool, "true or false"),
    "store": (_path, 'a folder, e.g. store = "/var/lib/gulagreader/store"'),
    "font_scale": (_scale, f"a number from {FONT_SCALE_RANGE[0]} to {FONT_SCALE_RANGE[1]}"),
    "hidden_sources": (_ids, 'a list of source ids, e.g. ["russia-pictures"]'),
    "citation_style": (_style, 'chicago, apa, mla or the path of a .csl file that exists, e.g. "~/styles/my.csl"'),
}


def load_settings() -> Settings:
    """The site's settings with the user's laid on top, from the files `gulagreader.core.paths` names."""
    return read_settings(paths.site_settings_file(), paths.user_settings_file())


def read_settings(site_file: Path, user_file: Path | None = None) -> Settings:
    """`site_file`'s settings, then `user_file`'s except the keys the site locked; missing files are fine."""
    settings = Settings()
    notices: list[str] = []
    site = _read(site_file, notices)
    if site is not None:
        settings = _apply(settings, site, site_file, notices, site=True)
    if user_file is not None:
        user = _read(user_file, notices)
        if user is not None:
            settings = _apply(settings, user, user_file, notices, site=False)
    return settings._replace(notices=tuple(notices))


MAX_SETTINGS_BYTES = 1 << 20  # a settings file is a few hundred bytes


def _read(path: Path, notices: list[str]) -> dict[str, Any] | None:
    try:
        os.stat(path)
    except FileNotFoundError:  # most starts have no settings file: the reader's loads no more for them
        return None
    except OSError:
        pass  # (read_text says why)
    from gulagreader.core.bounded_input import RefusedInput, read_text, toml_loads

    try:
        text = read_text(path, MAX_SETTINGS_BYTES)  # bounded: a FIFO or /dev/zero reports no size
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        notices.append(f"The settings file {path} cannot be read ({reason}); its settings were ignored.")
        return None
    import tomllib  # only when there is a settings file: most starts have none

    try:
        return toml_loads(text)
    except (tomllib.TOMLDecodeError, RefusedInput) as exc:
        notices.append(f"The settings file {path} is not valid TOML ({exc}); its settings were ignored.")
        return None


def _apply(settings: Settings, table: dict[str, Any], path: Path, notices: list[str], site: bool) -> Settings:
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if key == "locked" and site:
            locked = _ids(value, path)
            if locked is None:
                notices.append(f"In {path}: 'locked' must be a list of setting names; it was ignored.")
            else:
                changes["locked"] = tuple(k for k in locked if k in _KEYS)
            continue
        if key.startswith(KIOSK_PREFIX):  # kiosk mode's own keys: core/kiosk/config.py reads them, site file only
            if not site:
                notices.append(f"In {path}: {key!r} can only be set in the site file; it was ignored.")
            continue
        if key not in _KEYS:
            notices.append(f"In {path}: unknown setting {key!r} was ignored (see docs/configuration.md).")
            continue
        if not site and key in (changes.get("locked") or settings.locked):
            notices.append(f"In {path}: {key!r} is set for the whole site and cannot be changed here.")
            continue
        check, wanted = _KEYS[key]
        checked = check(value, path.parent)
        if checked is None:
            notices.append(f"In {path}: {key!r} must be {wanted}; it was ignored.")
            continue
        changes[key] = checked
    return settings._replace(files=(*settings.files, path), **changes)
