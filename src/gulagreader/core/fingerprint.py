"""Content hashes (and checks) of files, remembered by the files' size and modification time.

Hashing a corpus of a million passages (about 600 MB) takes seconds; looking at the files' sizes
and times takes milliseconds. So a hash is computed from the contents once and kept in the cache
folder with each file's (size, mtime_ns, inode); while those are unchanged, the kept hash is used.
The contents stay the truth: any change of a file's size, time or inode hashes it again, and so does
a file modified within two seconds of the last hashing (an edit in the same clock tick, as git
guards its index against 'racy' files). Only computing a hash loads `hashlib` (OpenSSL's, 5-10 ms to
import): a start whose files are unchanged compares their sizes and times by a checksum.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from gulagreader.core import paths

_MEMO = "fingerprints.json"
_KEEP = 64  # entries remembered
_RACY_NS = 2_000_000_000


def content_hash(root: Path, names: Sequence[str], salt: str) -> str:
    """A hash of `salt` and the names and bytes of the files `names` under `root` (missing ones skipped)."""
    import hashlib

    digest = hashlib.sha256(salt.encode())
    for name in names:
        path = root / name
        if path.is_file():
            digest.update(name.encode() + b"\0")
            with path.open("rb") as handle:  # in chunks: a stray huge file must not fill memory
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
            digest.update(b"\0")
    return digest.hexdigest()[:20]


def remembered_hash(root: Path, names: Sequence[str], salt: str) -> str:
    """`content_hash(root, names, salt)`, from the cache folder when no file has changed since."""
    return remembered(root, names, salt, lambda: content_hash(root, names, salt))


def remembered(root: Path, names: Sequence[str], what: str, compute: Callable[[], str]) -> str:
    """What `compute()` said of the files `names` under `root` last time, if none has changed since;
    else compute it now. `what` names the computation (and its version); if `compute` raises,
    nothing is remembered.
    """
    stats, newest = _stats(root, names)
    key = f"{what}@{root.resolve()}"
    memo = _read_memo()
    entry = memo.get(key)
    if isinstance(entry, dict) and entry.get("stats") == stats and newest < int(entry.get("at_ns", 0)) - _RACY_NS:
        return str(entry["value"])
    started = time.time_ns()
    value = compute()
    memo.pop(key, None)
    memo[key] = {"stats": stats, "at_ns": started, "value": value}
    _write_memo(dict(list(memo.items())[-_KEEP:]))
    return value


def _stats(root: Path, names: Sequence[str]) -> tuple[str, int]:
    """A checksum of every file's name, size, time and inode; and the newest time.

    It only tells whether any of them changed since, not who changed them: CRC-32 and Adler-32 of the
    list and its length (a change that keeps all three is vanishingly unlikely), without `hashlib`.

    The names are looked up relative to an open handle on `root` where the platform allows (not on
    Windows): the system then walks one folder, not the whole path, for each of thousands of files.
    """
    lines = []
    newest = 0
    try:
        folder = os.open(root, os.O_RDONLY) if os.stat in os.supports_dir_fd else None
    except OSError:  # no such folder: then no file is found either way
        folder = None
    base = os.fspath(root)
    try:
        for name in names:
            try:
                st = os.stat(name, dir_fd=folder) if folder is not None else os.stat(os.path.join(base, name))
            except OSError:
                continue
            lines.append(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n")
            newest = max(newest, st.st_mtime_ns)
    finally:
        if folder is not None:
            os.close(folder)
    listed = "".join(lines).encode()
    return f"{zlib.crc32(listed):08x}{zlib.adler32(listed):08x}{len(listed):x}", newest


def _read_memo() -> dict[str, object]:
    try:
        data = json.loads((paths.cache_dir() / _MEMO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_memo(memo: dict[str, object]) -> None:
    """Write atomically; a cache that cannot be written only costs the next start a hash."""
    target = paths.cache_dir() / _MEMO
    temp = target.with_name(f".{_MEMO}-{os.getpid()}-{time.monotonic_ns()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp.write_text(json.dumps(memo), encoding="utf-8")
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):  # e.g. the cache "folder" is a file: there is no temp file either
            temp.unlink(missing_ok=True)
