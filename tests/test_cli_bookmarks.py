"""`gulagreader bookmarks`: list, add, delete, restore, export, import; exit codes and the README."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gulagreader.cli import main
from tests.conftest import REPO


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_delete_restore(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "bookmarks", "add", "isr-1963.p012", "--note", "Who was M.B.?", "--tag", "sources")
    assert code == 0
    first = out.strip()
    tags = ("--tag", "a;b", "--tag", "Vorkuta, 1936")
    code, out, _ = run(capsys, "bookmarks", "add", "lituanus-2005.p021", "--start", "0", "--end", "12", *tags)
    second = out.strip()
    code, out, _ = run(capsys, "bookmarks", "list")
    assert code == 0
    assert "[isr-1963.p012] Trotskyists at Vorkuta: An Eyewitness Report" in out
    assert "Note: Who was M.B.?" in out and f"id {first}" in out
    assert "Tags: a; b; Vorkuta, 1936" in out  # a comma stays in its tag
    assert (tmp_path / "base" / "data" / "bookmarks.db").exists()

    code, out, _ = run(capsys, "bookmarks", "list", "--json", "--tag", "b")
    [row] = json.loads(out)
    assert set(row) == {
        "id", "passage_id", "source_id", "source_title", "status", "whole_passage", "quote", "position",
        "note", "tags", "events", "content_note", "created", "updated",
    }  # fmt: skip
    assert (row["id"], row["quote"]["exact"], row["position"]) == (second, "In spite of", {"start": 0, "end": 11})
    assert row["events"] == ["norilsk-1953"] and row["content_note"].startswith("Our note:")

    code, out, _ = run(capsys, "bookmarks", "delete", first)
    assert code == 0 and f"restore {first}" in out
    _, out, _ = run(capsys, "bookmarks", "list", "--json")
    assert [r["id"] for r in json.loads(out)] == [second]
    code, _, _ = run(capsys, "bookmarks", "restore", first)
    _, out, _ = run(capsys, "bookmarks", "list", "--json", "--sort", "source")
    assert [r["id"] for r in json.loads(out)] == [first, second]
    _, out, _ = run(capsys, "bookmarks", "list", "--text", "nothing like this")
    assert out.strip() == "No bookmark matches."


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["bookmarks", "add", "isr-1963.p999"], 1, "No passage"),
        (["bookmarks", "add", "isr-1963.p012", "--start", "3"], 2, "--start and --end"),
        (["bookmarks", "add", "isr-1963.p012", "--start", "9", "--end", "3"], 1, "not inside the passage"),
        (["bookmarks", "delete", "no-such-id"], 1, "No bookmark"),
        (["bookmarks", "export", "--format", "docx"], 2, "invalid choice"),
        (["bookmarks"], 2, "required"),
        (["bookmarks", "import", "/no/such/file.json"], 1, "cannot be read"),
    ],
)
def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], args: list[str], code: int, message: str) -> None:
    try:
        got = main(args)
    except SystemExit as exc:
        got = int(exc.code or 0)
    _, err = capsys.readouterr()
    assert got == code
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_export_every_format_and_import_elsewhere(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "bookmarks", "add", "isr-1963.p012", "--note", "one", "--tag", "x")
    run(capsys, "bookmarks", "add", "goble-2018.p003", "--note", "two")
    for fmt, suffix in (("md", "md"), ("csv", "csv"), ("bibtex", "bib"), ("ris", "ris"), ("csl-json", "json")):
        out_file = tmp_path / f"export.{suffix}"
        code, _, err = run(capsys, "bookmarks", "export", "--format", fmt, "--out", str(out_file))
        assert code == 0 and "Exported 2 bookmark(s)" in err
        assert "isr-1963.p012" in out_file.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "bookmarks", "export", "--format", "jsonld", "--tag", "x")
    assert code == 0 and json.loads(out)["total"] == 1
    _, listed, _ = run(capsys, "bookmarks", "list", "--json")
    [goble] = [r["id"] for r in json.loads(listed) if r["passage_id"] == "goble-2018.p003"]
    _, out, _ = run(capsys, "bookmarks", "export", "--format", "csv", "--id", goble)
    assert out.count("goble-2018.p003") >= 1 and "isr-1963.p012" not in out

    elsewhere = str(tmp_path / "elsewhere")
    for name in ("export.csv", "export.json"):
        code, out, _ = run(capsys, "--basedir", elsewhere, "bookmarks", "import", str(tmp_path / name))
        assert code == 0
    assert "0 new, 0 updated, 2 already here" in out
    _, theirs, _ = run(capsys, "--basedir", elsewhere, "bookmarks", "list", "--json")
    assert sorted(json.loads(theirs), key=lambda r: r["id"]) == sorted(json.loads(listed), key=lambda r: r["id"])

    (tmp_path / "junk.txt").write_text("not an export", encoding="utf-8")
    code, _, err = run(capsys, "bookmarks", "import", str(tmp_path / "junk.txt"))
    assert code == 1 and "none of the formats GulagReader imports" in err


def test_damaged_bookmarks_file_is_reported_and_work_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "base" / "data"
    data.mkdir(parents=True)
    (data / "bookmarks.db").write_bytes(b"\x00garbage" * 512)
    code, out, err = run(capsys, "bookmarks", "add", "isr-1963.p012")
    assert code == 0 and out.strip()
    assert re.search(
        r"gulagreader: Your bookmarks file was damaged \(.*\); the original is kept as .*bookmarks-damaged-", err
    )
    code, _, err = run(capsys, "bookmarks", "list")  # told again at every start, until dismissed
    assert code == 0 and "bookmarks-damaged-" in err
    run(capsys, "bookmarks", "dismiss")
    code, _, err = run(capsys, "bookmarks", "list")
    assert code == 0 and err == ""


def test_corpus_change_is_reported(capsys: pytest.CaptureFixture[str], corpus_copy: Path) -> None:
    run(capsys, "bookmarks", "add", "isr-1963.p015", "--note", "about the Fifteenth Congress")
    source = corpus_copy / "sources" / "isr-1963.md"
    text = source.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.endswith("{#isr-1963.p015}"))
    source.write_text(text.replace(line + "\n\n", ""), encoding="utf-8")
    code, out, err = run(capsys, "--corpus", str(corpus_copy), "bookmarks", "list")
    assert code == 0 and "(orphaned)" in out and "about the Fifteenth Congress" in out
    assert "1 no longer found (kept as orphaned)" in err


def test_bookmarks_are_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for action in ("list", "add", "delete", "restore", "export", "import", "dismiss"):
        assert re.search(rf"gulagreader bookmarks {action}\b", readme), action
    for fmt in ("md", "csv", "bibtex", "ris", "csl-json", "jsonld"):
        assert fmt in readme, fmt
    assert "bookmarks.db" in readme


def test_adding_again_with_another_note_says_what_the_old_note_was(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bookmarks", "add", "isr-1963.p012", "--note", "first line\nsecond line")
    first = out.strip()
    code, out, err = run(capsys, "bookmarks", "add", "isr-1963.p012", "--note", "replacement")
    assert code == 0 and out.strip() == first
    assert err == "gulagreader: updated the existing bookmark; the old note was: first line / second line\n"
    code, out, err = run(capsys, "bookmarks", "add", "isr-1963.p012", "--note", "replacement")
    assert "already bookmarked" in err and "old note" not in err


def test_a_repair_notice_is_told_by_every_command_until_dismissed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "base" / "data"
    data.mkdir(parents=True)
    (data / "bookmarks.db").write_bytes(b"garbage " * 500)
    for command in (["bookmarks", "list"], ["search", "Vorkuta"], ["sources"]):
        code, _, err = run(capsys, *command)
        assert code == 0 and "was damaged" in err and "bookmarks-damaged-" in err
        assert "gulagreader bookmarks dismiss" in err
    code, out, _ = run(capsys, "bookmarks", "dismiss")
    assert code == 0 and "still kept as" in out
    assert run(capsys, "search", "Vorkuta")[2] == ""
    assert "no notice" in run(capsys, "bookmarks", "dismiss")[1]
