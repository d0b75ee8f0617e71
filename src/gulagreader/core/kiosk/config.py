"""What an administrator chose for kiosk mode: the `kiosk_*` keys of the site settings file.

They are read from the site file only (a visitor who could write the user's file must not be
able to change them); `kiosk = true`, `font_scale` and `hidden_sources` stay in `core/config.py`.
A key of the wrong type is ignored with a one-line notice, as there.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gulagreader.core import paths
from gulagreader.core.config import KIOSK_PREFIX

START_SCREENS = ("home", "library")  # or "event:ID" (its accounts side by side) or "passage:ID"
KEYBOARDS = ("auto", "always", "never")
DEFAULT_SUGGESTIONS = ("Vorkuta strike", "hunger strike", "Norilsk", "Kengir", "Derevyanko", "Lesoreid")
IDLE_RANGE = (0.005, 240.0)  # minutes; the small end is for trying a setup out (and for tests)
COUNTDOWN_RANGE = (0.0, 300.0)  # seconds
MAX_SUGGESTIONS = 12
ATTRACT_RANGE = (3.0, 600.0)  # seconds each quotation of the attract screen stays


@dataclass(frozen=True)
class KioskSettings:
    """Kiosk mode as the site chose it; the defaults suit a museum machine with a touch screen.

    `passphrase` is the administrator's passphrase as a salted scrypt hash ('' when none is set).
    """

    idle_minutes: float = 3.0
    countdown_seconds: float = 30.0
    suggested_searches: tuple[str, ...] = DEFAULT_SUGGESTIONS
    start_screen: str = "home"
    keyboard: str = "auto"
    qr_code: bool = True
    public_url: str = ""
    attract_screen: bool = True
    attract_seconds: float = 12.0
    passphrase: str = ""
    notices: tuple[str, ...] = ()
    file: Path | None = None


def _number(low: float, high: float) -> Callable[[Any], float | None]:
    def check(value: Any) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return None
        return float(value) if low <= value <= high else None

    return check


def _searches(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return tuple(dict.fromkeys(" ".join(v.split()) for v in value if v.strip()))[:MAX_SUGGESTIONS]


def _start(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    screen = str(value).strip()
    kind, _, rest = screen.partition(":")
    if screen in START_SCREENS or (kind in ("event", "passage") and rest.strip()):
        return screen
    return None


def _choice(value: Any) -> str | None:
    return str(value) if isinstance(value, str) and value in KEYBOARDS else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _public_url(value: Any) -> str | None:
    """An institution's public web address (http or https, no spaces); '' turns it off."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url:
        return ""
    scheme, sep, rest = url.partition("://")
    return url if sep and scheme.lower() in ("http", "https") and rest and not any(c.isspace() for c in url) else None


def _hash(value: Any) -> str | None:
    return value if isinstance(value, str) and value.startswith("scrypt$") else None


_KEYS: dict[str, tuple[str, Callable[[Any], Any], str]] = {
    "kiosk_idle_minutes": ("idle_minutes", _number(*IDLE_RANGE), f"a number of minutes up to {IDLE_RANGE[1]:g}"),
    "kiosk_countdown_seconds": ("countdown_seconds", _number(*COUNTDOWN_RANGE), "a number of seconds from 0 to 300"),
    "kiosk_suggested_searches": ("suggested_searches", _searches, 'a list of queries, e.g. ["Vorkuta strike"]'),
    "kiosk_start_screen": ("start_screen", _start, '"home", "library", "event:EVENT_ID" or "passage:PASSAGE_ID"'),
    "kiosk_keyboard": ("keyboard", _choice, '"auto", "always" or "never"'),
    "kiosk_qr_code": ("qr_code", _flag, "true or false"),
    "kiosk_public_url": (
        "public_url",
        _public_url,
        'an http(s) address, e.g. "https://museum.example/reader/{passage}" ({passage}: the passage\'s citation id)',
    ),
    "kiosk_attract_screen": ("attract_screen", _flag, "true or false"),
    "kiosk_attract_seconds": ("attract_seconds", _number(*ATTRACT_RANGE), "a number of seconds from 3 to 600"),
    "kiosk_passphrase": ("passphrase", _hash, "a hash written by 'gulagreader kiosk --set-passphrase'"),
}


def load_kiosk_settings(site_file: Path | None = None) -> KioskSettings:
    """The `kiosk_*` keys of `site_file` (default: the site settings file); a missing file gives the defaults."""
    site_file = site_file or paths.site_settings_file()
    settings = KioskSettings(file=site_file)
    from gulagreader.core.bounded_input import read_text, toml_loads
    from gulagreader.core.config import MAX_SETTINGS_BYTES

    try:
        table = toml_loads(read_text(site_file, MAX_SETTINGS_BYTES))
    except FileNotFoundError:
        return settings
    except (OSError, ValueError):  # UnicodeDecodeError, TOMLDecodeError, RefusedInput
        return settings  # core/config.py already says what is wrong with the file
    notices: list[str] = []
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if not key.startswith(KIOSK_PREFIX):
            continue
        if key not in _KEYS:
            notices.append(f"In {site_file}: unknown kiosk setting {key!r} was ignored (see docs/kiosk.md).")
            continue
        field, check, wanted = _KEYS[key]
        checked = check(value)
        if checked is None:
            notices.append(f"In {site_file}: {key!r} must be {wanted}; it was ignored.")
            continue
        changes[field] = checked
    return replace(settings, notices=tuple(notices), **changes)
