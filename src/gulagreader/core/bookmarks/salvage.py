"""Read the rows of a damaged SQLite file page by page, the way SQLite's `.recover` does.

A garbled header, a file cut short or a smashed page make SQLite refuse the whole file, but the pages
that are left still hold their rows. This reads every page (of the file and of its `-wal`), takes each
table-leaf page apart (cells, overflow chains, records) and hands back the records, whatever table they
were in; the caller keeps those of the right shape. Nothing here writes: the damaged file is only read.

The file format: https://www.sqlite.org/fileformat2.html (b-tree pages, records, the WAL).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

from gulagreader.core.bounded_input import read_bytes

Value = int | float | str | bytes | None

_HEADER = b"SQLite format 3\x00"
_WAL_MAGIC = (0x377F0682, 0x377F0683)
_PAGE_SIZES = tuple(1 << n for n in range(9, 17))  # 512 .. 65536
_TABLE_LEAF = 0x0D
MAX_FILE = 1 << 30  # a bookmarks file is a few MB; read no more than this of anything


def records(path: Path) -> Iterator[tuple[int, list[Value]]]:
    """Every record that can be read from `path` and its `-wal`: (order, values), oldest first.

    `order` grows with how recent the page is (the file's pages, then the WAL's frames in order), so a
    caller can prefer the later copy of a row. With a garbled header every page size is tried and the
    one that reads most records wins.
    """
    data = _read(path)
    wal = _read(Path(f"{path}-wal"))
    declared = _declared(data, wal)
    if declared:
        found = list(_records_of(data, wal, declared))
        if found:  # the header's own page size reads: trust it
            yield from found
            return
    best: list[tuple[int, list[Value]]] = []
    for size in _PAGE_SIZES:
        found = list(_records_of(data, wal, size))
        if len(found) > len(best):
            best = found
    yield from best


def _read(path: Path) -> bytes:
    try:
        return read_bytes(path, MAX_FILE)  # a regular file only: a FIFO in its place would never end
    except OSError:
        return b""


def _declared(data: bytes, wal: bytes) -> int | None:
    if data.startswith(_HEADER) and len(data) >= 100:
        size: int = struct.unpack(">H", data[16:18])[0]
        size = 65536 if size == 1 else size
        if size in _PAGE_SIZES:
            return size
    if len(wal) >= 32 and struct.unpack(">I", wal[:4])[0] in _WAL_MAGIC:
        size = int(struct.unpack(">I", wal[8:12])[0])
        if size in _PAGE_SIZES:
            return size
    return None


def _reserved(data: bytes) -> int:
    return data[20] if data.startswith(_HEADER) and len(data) > 20 and data[20] < 64 else 0


def _records_of(data: bytes, wal: bytes, size: int) -> Iterator[tuple[int, list[Value]]]:
    pages: dict[int, bytes] = {}
    for n in range(len(data) // size):
        pages[n + 1] = data[n * size : (n + 1) * size]
    if len(data) % size:  # a file cut short inside a page: keep what is there (a cell cut off is dropped)
        n = len(data) // size
        pages[n + 1] = data[n * size :]
    order: list[tuple[int, bytes]] = [(n, p) for n, p in pages.items()]
    if len(wal) >= 32:
        frame = 24 + size
        for at in range(32, len(wal) - frame + 1, frame):
            number = struct.unpack(">I", wal[at : at + 4])[0]
            page = wal[at + 24 : at + frame]
            if number:
                pages[number] = page  # the latest frame of a page wins when following overflow chains
                order.append((number, page))
    usable = size - _reserved(data)
    for rank, (number, page) in enumerate(order):
        for values in _leaf_records(page, number, usable, pages):
            yield rank, values


def _leaf_records(page: bytes, number: int, usable: int, pages: dict[int, bytes]) -> Iterator[list[Value]]:
    start = 100 if number == 1 else 0
    if len(page) < start + 8 or page[start] != _TABLE_LEAF:
        return
    cells = struct.unpack(">H", page[start + 3 : start + 5])[0]
    for i in range(cells):
        at = start + 8 + 2 * i
        if at + 2 > len(page):
            return
        offset = struct.unpack(">H", page[at : at + 2])[0]
        try:
            payload = _cell_payload(page, offset, usable, pages)
            values = _record(payload) if payload is not None else None
        except (IndexError, ValueError, struct.error, UnicodeDecodeError):
            continue
        if values is not None:
            yield values


def _cell_payload(page: bytes, offset: int, usable: int, pages: dict[int, bytes]) -> bytes | None:
    if not 8 <= offset < len(page):
        return None
    size, pos = _varint(page, offset)
    _, pos = _varint(page, pos)  # the rowid
    if size > MAX_FILE:
        return None
    most = usable - 35
    if size <= most:
        return page[pos : pos + size] if pos + size <= len(page) else None
    least = (usable - 12) * 32 // 255 - 23
    local = least + (size - least) % (usable - 4)
    if local > most:
        local = least
    out = bytearray(page[pos : pos + local])
    following = struct.unpack(">I", page[pos + local : pos + local + 4])[0]
    seen: set[int] = set()
    while len(out) < size and following and following not in seen:
        seen.add(following)
        overflow = pages.get(following)
        if overflow is None:
            return None
        out += overflow[4:usable]
        following = struct.unpack(">I", overflow[:4])[0]
    return bytes(out[:size]) if len(out) >= size else None


def _record(payload: bytes) -> list[Value] | None:
    header_size, pos = _varint(payload, 0)
    if not 1 <= header_size <= len(payload):
        return None
    types: list[int] = []
    while pos < header_size:
        kind, pos = _varint(payload, pos)
        types.append(kind)
    body = header_size
    values: list[Value] = []
    for kind in types:
        value, body = _value(payload, body, kind)
        values.append(value)
    return values if body == len(payload) else None


_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _value(payload: bytes, at: int, kind: int) -> tuple[Value, int]:
    if kind == 0:
        return None, at
    if kind in _INT_SIZES:
        n = _INT_SIZES[kind]
        if at + n > len(payload):
            raise ValueError("short integer")
        return int.from_bytes(payload[at : at + n], "big", signed=True), at + n
    if kind == 7:
        return struct.unpack(">d", payload[at : at + 8])[0], at + 8
    if kind in (8, 9):
        return kind - 8, at
    if kind < 12:
        raise ValueError("reserved serial type")
    n = (kind - 12) // 2
    if at + n > len(payload):
        raise ValueError("short field")
    raw = payload[at : at + n]
    return (raw if kind % 2 == 0 else raw.decode("utf-8")), at + n


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[at + i]
        if i == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    raise ValueError("varint")  # pragma: no cover - the loop always returns
