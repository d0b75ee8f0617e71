"""Importing malformed or hostile files: one sentence or the readable entries, never a traceback.

Also: every note the app accepts survives our own CSV (and the other importable formats) and back,
including notes longer than Python's default CSV field limit of 128 KiB.
"""

from __future__ import annotations

import json
import os
import random
import resource
import time
from pathlib import Path

import pytest

from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.bookmarks.exports import export
from gulagreader.core.bookmarks.imports import import_file
from gulagreader.core.bookmarks.service import BookmarkService
from gulagreader.core.errors import UserError
from gulagreader.core.store import Store


@pytest.fixture
def service(store: Store, tmp_path: Path) -> BookmarkService:
    return BookmarkService(store, BookmarksDB(tmp_path / "mine.db"))


def one_csl(**changes: object) -> str:
    ours: dict[str, object] = {"id": "b1", "passage_id": "isr-1963.p012", "exact": "The fate", "note": "n"}
    ours.update(changes)
    return json.dumps([{"id": "x", "type": "article", "custom": {"gulagreader": ours}}])


def annotation(**target: object) -> str:
    return json.dumps(
        {
            "type": "Annotation",
            "id": "urn:uuid:1",
            "target": {"source": "https://gulagreader.invalid/passage/isr-1963.p012", **target},
        }
    )


MALFORMED = {
    "deep JSON": "[" * 100_000 + "]" * 100_000,
    "deep JSON objects": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "offset 1e30": one_csl(start=1e30, end=2e30),
    "offset Infinity": one_csl(start=0).replace('"start": 0', '"start": Infinity'),
    "offset NaN": one_csl(start=0).replace('"start": 0', '"start": NaN'),
    "offset -5": one_csl(start=-5),
    "offset a string": one_csl(start="ten"),
    "offset a list": one_csl(start=[1]),
    "end before start": one_csl(start=10, end=2),
    "lone surrogate escape": one_csl(note="\\ud800").replace("\\\\ud800", "\\ud800"),
    "non-object custom": json.dumps([{"id": "x", "custom": 5}]),
    "custom a list": json.dumps([{"id": "x", "custom": [1, 2]}]),
    "gulagreader a string": json.dumps([{"custom": {"gulagreader": "no"}}]),
    "exact a number": one_csl(exact=5),
    "note an object": one_csl(note={"a": 1}),
    "tags an object": one_csl(tags={"a": 1}),
    "tags of numbers": one_csl(tags=[1, 2]),
    "id a list": one_csl(id=[1]),
    "created a number": one_csl(created=5),
    "null": "null",
    "a number": "5",
    "a string": '"text"',
    "annotation, target a list": json.dumps({"type": "Annotation", "target": [1]}),
    "annotation, selector junk": annotation(selector=[5, "x", {"type": "TextQuoteSelector", "exact": 7}]),
    "annotation, body junk": json.dumps({"type": "Collection", "first": {"items": [{"body": 5}, 7, None]}}),
    "annotation, huge position": annotation(
        selector=[{"type": "TextQuoteSelector", "exact": "a"}, {"type": "TextPositionSelector", "start": 10**40}]
    ),
    "CSV with NUL": 'id,passage_id,exact\r\n"a\x00b",isr-1963.p012,x\r\n',
    "CSV unterminated quote": 'id,passage_id,exact\r\n"a,isr-1963.p012,x\r\n',
    "CSV junk offsets": "id,passage_id,exact,start,end\r\na,isr-1963.p012,The fate,1e30,inf\r\n",
    "binary": "\x00\x01\x02" * 100,
    "empty": "",
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_a_malformed_file_is_refused_or_read_in_part(service: BookmarkService, tmp_path: Path, name: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(MALFORMED[name], encoding="utf-8", errors="surrogatepass")
    try:
        _, said = import_file(service, path)
    except UserError as exc:
        said = str(exc)
    assert said and "\n" not in said
    for b in service.find():  # whatever came in is a sound bookmark
        assert 0 <= b.position.start <= b.position.end < 2**32
        b.note.encode("utf-8")
        assert all(isinstance(t, str) for t in b.tags)


def test_special_files_are_refused_without_waiting(service: BookmarkService, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.csv"
    zero.symlink_to("/dev/zero")
    for path, why in ((fifo, "pipe"), (zero, "device"), (tmp_path, "not a file")):
        with pytest.raises(UserError, match=why):
            import_file(service, path)


@pytest.mark.parametrize("fmt", ["csv", "csl-json", "jsonld"])
@pytest.mark.parametrize("size", [131_073, 600_000])
def test_a_long_note_survives_an_export_and_import(
    service: BookmarkService, store: Store, tmp_path: Path, fmt: str, size: int
) -> None:
    rng = random.Random(size)
    note = "".join(rng.choice("ab \"',;\n\r\tж=+-@") for _ in range(size))
    kept = service.add("isr-1963.p012", note=note, tags=["long"]).note  # as the app keeps it (trimmed)
    assert len(kept) > 131_072 - 10
    path = tmp_path / f"out.{fmt}"
    path.write_text(export(service, service.find(), fmt), encoding="utf-8", newline="")
    theirs = BookmarkService(store, BookmarksDB(tmp_path / "theirs.db"))
    report, _ = import_file(theirs, path)
    assert report.added == 1
    [back] = theirs.find()
    assert back.note == kept


def mutations(rng: random.Random, text: str, count: int) -> list[str]:
    """Damaged copies of an export: bytes flipped, cut short, values swapped for other types."""
    out = []
    swaps = ["null", "1e400", "-1", "[]", "{}", '"\\ud800"', "true", "[[[[[[]]]]]]", '""', "Infinity"]
    for _ in range(count):
        kind = rng.randrange(4)
        chars = list(text)
        if kind == 0:
            for _ in range(rng.randint(1, 20)):
                chars[rng.randrange(len(chars))] = chr(rng.choice([0, 34, 44, 58, 91, 93, 123, 125, 0xD800, 0x10FFFF]))
            out.append("".join(chars))
        elif kind == 1:
            out.append(text[: rng.randrange(len(text))])
        elif kind == 2:
            parts = text.split(": ")
            for _ in range(rng.randint(1, 6)):
                i = rng.randrange(1, len(parts))
                parts[i] = rng.choice(swaps) + parts[i][parts[i].find(",") if "," in parts[i] else len(parts[i]) :]
            out.append(": ".join(parts))
        else:
            out.append(text.replace(",", rng.choice([",,", ";", "\n", '"']), rng.randint(1, 30)))
    return out


def _fuzz_imports(service: BookmarkService, tmp_path: Path, count: int) -> dict[str, int]:
    service.add("isr-1963.p012", note="a note", tags=["t"])
    service.add("lituanus-2005.p021", 0, 20)
    rng = random.Random(count)
    tally = {"read": 0, "refused": 0, "slowest ms": 0}
    for fmt in ("csv", "csl-json", "jsonld"):
        for text in mutations(rng, export(service, service.find(), fmt), count // 3):
            path = tmp_path / "fuzzed"
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
            started = time.perf_counter()
            try:
                import_file(service, path)
                tally["read"] += 1
            except UserError as exc:
                assert "\n" not in str(exc)
                tally["refused"] += 1
            tally["slowest ms"] = max(tally["slowest ms"], int((time.perf_counter() - started) * 1000))
    return tally


def test_damaged_exports_never_raise(service: BookmarkService, tmp_path: Path) -> None:
    tally = _fuzz_imports(service, tmp_path, 60)
    assert tally["read"] and tally["refused"]


@pytest.mark.campaign
def test_campaign_damaged_exports_never_raise(service: BookmarkService, tmp_path: Path) -> None:
    tally = _fuzz_imports(service, tmp_path, 900)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(
        f"\ndamaged imports: 900, read in part or whole: {tally['read']}, refused in one sentence: "
        f"{tally['refused']}, tracebacks: 0; slowest {tally['slowest ms']} ms, peak memory {peak} MB"
    )
