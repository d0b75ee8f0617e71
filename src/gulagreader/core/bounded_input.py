"""Reading what a user, a librarian or a disk hands us, within limits decided before any work is done.

- `read_bytes`/`read_text` open without blocking and refuse anything but a regular file (a FIFO would
  wait forever for a writer, `/dev/zero` never ends), then read at most `limit` bytes: the size seen by
  `stat` is not trusted, the read itself is bounded.
- `json_loads`/`toml_loads` measure how deeply brackets nest before parsing (both parsers recurse, and
  100,000 brackets raise `RecursionError`), and JSON's `Infinity`/`NaN` are refused.
- `text_field`/`int_field` check one field of an imported record: the right type, a sane range, no
  lone surrogates. New import formats use them too.

Every refusal is a `RefusedInput` (a `ValueError`) or an `UnreadableFile` (an `OSError` whose
`strerror` is the reason), so callers that already catch those say one sentence, not a traceback.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

MAX_DEPTH = 64  # our files nest 3 or 4 deep; JSON-LD exports 5


class RefusedInput(ValueError):
    """Text that is refused before parsing (nested too deep, a number that is not a number)."""


class UnreadableFile(OSError):
    """A path that is not a regular file, or larger than the limit; `strerror` says which."""

    def __init__(self, path: Path, reason: str, code: int = errno.EINVAL) -> None:
        super().__init__(code, reason, str(path))


def read_bytes(path: Path, limit: int) -> bytes:
    """The contents of the regular file `path`, refused if longer than `limit` bytes."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) else "not a file"
            raise UnreadableFile(path, f"it is {kind}, not a regular file")
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise UnreadableFile(path, f"it is larger than {_size(limit)}", errno.EFBIG)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: Path, limit: int, errors: str = "strict") -> str:
    """`read_bytes` decoded as UTF-8 (`UnicodeDecodeError` if it is not, unless `errors` says otherwise)."""
    return read_bytes(path, limit).decode("utf-8", errors)


def _size(n: int) -> str:
    return f"{n / 2**20:g} MB" if n >= 2**20 else f"{n:,} bytes"


# Strings and comments, whose brackets do not nest anything.
_JSON_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_TOML_STRINGS = re.compile(r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*', re.S)
_BRACKETS = re.compile(r"[\[\]{}]")


def nesting(text: str, strings: re.Pattern[str] = _JSON_STRINGS) -> int:
    """How deeply brackets nest in `text`, strings (and TOML comments) left out; linear time."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(strings.sub("", text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    return deepest


def json_loads(text: str, max_depth: int = MAX_DEPTH) -> Any:
    """`json.loads`, refusing text nested deeper than `max_depth` and the constants Infinity and NaN."""
    if nesting(text) > max_depth:
        raise RefusedInput(f"it is nested more than {max_depth} levels deep")
    return json.loads(text, parse_constant=_no_constant)


def _no_constant(name: str) -> Any:
    raise RefusedInput(f"it holds {name}, which is not a number")


def toml_loads(text: str, max_depth: int = MAX_DEPTH) -> dict[str, Any]:
    """`tomllib.loads`, refusing text nested deeper than `max_depth` (a RefusedInput, a ValueError)."""
    import tomllib

    if nesting(text, _TOML_STRINGS) > max_depth:
        raise RefusedInput(f"it is nested more than {max_depth} levels deep")
    return tomllib.loads(text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def text_field(value: Any) -> str | None:
    """A text field: a string (lone surrogates become U+FFFD), '' for missing, None for any other type."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return None
    return _LONE_SURROGATE.sub("\ufffd", value)


def int_field(value: Any, low: int = 0, high: int = 1 << 31) -> int | None:
    """A whole number within [low, high] (also written as text, or as a float with no fraction); else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None
        value = int(value)
    elif isinstance(value, str):
        value = value.strip()
        if not re.fullmatch(r"[+-]?\d{1,12}", value):
            return None
        value = int(value)
    if not isinstance(value, int) or not low <= value <= high:
        return None
    return value
