"""The administrator's passphrase for leaving kiosk mode: a salted scrypt hash, and a gate that slows guessing.

The hash is kept as the `kiosk_passphrase` key of the site settings file; this module is the only
one that writes that file, changing just that one line and leaving the administrator's comments
and other keys as they were.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from gulagreader.core.errors import UserError

KEY = "kiosk_passphrase"
MIN_LENGTH = 8
_N, _R, _P = 2**14, 8, 1  # scrypt cost: about 50 ms and 16 MB per check
_MAX_N = 2**20  # a hash asking for more is refused rather than computed
FIRST_WAIT, MAX_WAIT = 2.0, 300.0  # seconds after a wrong passphrase, doubling each time
_LINE = re.compile(rf"^\s*{KEY}\s*=")
_TABLE = re.compile(r"^\s*\[")


def hash_passphrase(passphrase: str) -> str:
    """`passphrase` as 'scrypt$N$r$p$salt$hash' (base64), with a new random salt."""
    if len(passphrase) < MIN_LENGTH:
        raise UserError(f"The passphrase must have at least {MIN_LENGTH} characters.")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "$".join(("scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)))


def check_passphrase(passphrase: str, stored: str) -> bool:
    """True when `passphrase` is the one `stored` was made from; a malformed hash matches nothing."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt" or not all(p.isdigit() for p in parts[1:4]):
        return False
    n, r, p = (int(v) for v in parts[1:4])
    if not (1 < n <= _MAX_N and n & (n - 1) == 0 and 0 < r <= 32 and 0 < p <= 16):
        return False
    try:
        salt, digest = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
        given = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(digest), maxmem=2**30)
    except ValueError:
        return False
    return hmac.compare_digest(given, digest)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class PassphraseGate:
    """Checks passphrases, refusing to check at all for a while after each wrong one.

    The wait starts at `FIRST_WAIT` seconds and doubles with every wrong passphrase in a row, up
    to `MAX_WAIT`; the right passphrase ends it. `clock` is injectable for tests.
    """

    def __init__(self, stored: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._stored = stored
        self._clock = clock
        self._failures = 0
        self._until = 0.0

    @property
    def is_set(self) -> bool:
        return bool(self._stored)

    @property
    def failures(self) -> int:
        """Wrong passphrases in a row."""
        return self._failures

    def wait(self) -> float:
        """Seconds until the next passphrase will be checked (0 when it would be now)."""
        return max(0.0, self._until - self._clock())

    def attempt(self, passphrase: str) -> bool:
        """True for the right passphrase; False for a wrong one, or for any while the gate is waiting."""
        if self.wait() > 0 or not self._stored:
            return False
        if check_passphrase(passphrase, self._stored):
            self._failures, self._until = 0, 0.0
            return True
        self._failures += 1
        self._until = self._clock() + min(MAX_WAIT, FIRST_WAIT * 2 ** (self._failures - 1))
        return False


def store_passphrase(site_file: Path, hashed: str) -> None:
    """Write `hashed` as the `kiosk_passphrase` key of `site_file`, creating the file if needed.

    Only that key's line changes (or is added before the first table); the file is replaced in
    one step, so a reader never sees it half written. Raises UserError when it cannot be written.
    """
    from gulagreader.core.bounded_input import read_text, toml_loads
    from gulagreader.core.config import MAX_SETTINGS_BYTES

    try:
        text = read_text(site_file, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"The settings file {site_file} cannot be read ({_reason(exc)}).") from exc
    line = f'{KEY} = "{hashed}"  # written by gulagreader kiosk --set-passphrase'
    lines = text.splitlines()
    at = next((i for i, old in enumerate(lines) if _LINE.match(old)), None)
    if at is not None:
        lines[at] = line
    else:
        first_table = next((i for i, old in enumerate(lines) if _TABLE.match(old)), len(lines))
        lines.insert(first_table, line)
    new_text = "\n".join(lines) + "\n"
    try:
        if toml_loads(new_text).get(KEY) != hashed:
            raise ValueError("the key did not read back")
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise UserError(f"The settings file {site_file} is not valid TOML; fix it first ({exc}).") from exc
    _replace(site_file, new_text)


def _replace(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        fd, temp = tempfile.mkstemp(prefix=".settings-", suffix=".toml", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, mode)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UserError(
            f"The settings file {path} cannot be written ({_reason(exc)}); run this as the administrator."
        ) from exc


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
