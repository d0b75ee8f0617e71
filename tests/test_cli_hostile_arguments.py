"""Command lines that are not valid UTF-8, and lone surrogates: one sentence or an answer, never a traceback.

Python reads an argument that is not UTF-8 with surrogateescape (b'\\xff' becomes '\\udcff'); these
tests hand `main` exactly what Python would, and one runs the real program with raw bytes.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gulagreader.cli import main
from gulagreader.core.query import sound

BAD = [b"\xff", b"n\xff", b"event:\xff", b"\xc3", b"Vork\xe9uta", b"\xed\xa0\x80", b"\x80abc"]


def arg(raw: bytes) -> str:
    return os.fsdecode(raw)  # what Python makes of argv


def command_lines(rng: random.Random, count: int) -> list[list[str]]:
    """Command lines with a byte string that is not UTF-8 in a random text slot."""
    lines = []
    for _ in range(count):
        bad = arg(rng.choice(BAD) + bytes(rng.randrange(128, 256) for _ in range(rng.randint(0, 3))))
        lines.append(
            rng.choice(
                [
                    ["search", "--json", "--", bad],
                    ["search", "--json", "--source", bad, "vorkuta"],
                    ["search", "--json", "--event", bad, "strike"],
                    ["search", bad, "Vorkuta"],
                    ["show", bad],
                    ["show", "--json", bad],
                    ["bookmarks", "add", "isr-1963.p012", "--note", bad, "--tag", bad],
                    ["bookmarks", "add", bad],
                    ["bookmarks", "list", "--text", bad, "--tag", bad, "--source", bad],
                    ["bookmarks", "export", "--format", "csv", "--id", bad],
                    ["bookmarks", "delete", bad],
                    ["bookmarks", "import", bad],
                    ["compare", bad],
                    ["--corpus", bad, "search", "x"],
                ]
            )
        )
    return lines


def _run_all(capsys: pytest.CaptureFixture[str], lines: list[list[str]]) -> dict[int, int]:
    codes: dict[int, int] = {}
    slowest = 0.0
    for line in lines:
        started = time.perf_counter()
        code = main(line)  # an escaping exception fails the test
        slowest = max(slowest, time.perf_counter() - started)
        out, err = capsys.readouterr()
        assert code in (0, 1), (line, err)
        assert "Traceback" not in err and len(err.strip().splitlines()) <= 3, (line, err)
        if code == 0 and "--json" in line:
            json.loads(out)
        codes[code] = codes.get(code, 0) + 1
    codes[-1] = int(slowest * 1000)
    return codes


def test_text_arguments_that_are_not_utf8(capsys: pytest.CaptureFixture[str]) -> None:
    codes = _run_all(capsys, command_lines(random.Random(23), 40))
    # answered, or refused in a line (an unknown --source or --event is an error): never a traceback
    assert codes.get(0, 0) > 5 and codes.get(0, 0) + codes.get(1, 0) == 40


@pytest.mark.campaign
def test_campaign_text_arguments_that_are_not_utf8(capsys: pytest.CaptureFixture[str]) -> None:
    codes = _run_all(capsys, command_lines(random.Random(2323), 300))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    with capsys.disabled():
        print(
            f"\ncommand lines that are not UTF-8: 300, exit 0: {codes.get(0, 0)}, exit 1: {codes.get(1, 0)}, "
            f"tracebacks: 0; slowest {codes[-1]} ms (the first builds the store), peak memory {peak} MB"
        )


def test_a_note_that_is_not_utf8_is_kept_with_a_replacement_character(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bookmarks", "add", "isr-1963.p012", "--note", arg(b"caf\xe9 note")]) == 0
    capsys.readouterr()
    assert main(["bookmarks", "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["note"] == "caf\ufffd note"


def test_a_basedir_that_is_not_utf8_still_answers(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = Path(arg(bytes(tmp_path) + b"/base\xff"))
    assert main(["--basedir", str(base), "search", "--json", "Vorkuta"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["total"] > 0
    assert "not valid UTF-8" in err and "Traceback" not in err
    assert main(["--basedir", str(base), "bookmarks", "add", "isr-1963.p012", "--note", "kept"]) == 0
    capsys.readouterr()
    assert main(["--basedir", str(base), "bookmarks", "list", "--json"]) == 0
    assert [r["note"] for r in json.loads(capsys.readouterr().out)] == ["kept"]
    assert (base / "data" / "bookmarks.db").exists()  # the user's data goes where they said


def test_build_into_a_folder_that_is_not_utf8_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["build", "--out", arg(bytes(tmp_path) + b"/store\xff")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not valid UTF-8" in err


def test_lone_surrogates_through_the_api(search: object) -> None:
    from gulagreader.core.search import SearchService
    from gulagreader.core.search_filters import SearchFilters

    assert isinstance(search, SearchService)
    for query in ["event:\ud800", "\udcff", "Vork\ud800uta", "source:\udfff vorkuta", "year:\ud800"]:
        result = search.search(query, filters=SearchFilters(source="\ud800" if "source" in query else ""))
        json.dumps(result.query).encode("utf-8")
        assert result.total >= 0
    assert sound("a\ud800b") == "a\ufffdb"


def test_the_real_program_with_raw_bytes(tmp_path: Path) -> None:
    env = {**os.environ, "GULAGREADER_BASEDIR": str(tmp_path / "base"), "LC_ALL": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-m", "gulagreader", "search", "--json", "--", b"event:\xff Vorkuta"],
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["query"] == "event:\ufffd Vorkuta"
