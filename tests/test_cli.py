"""The command line contract: commands, JSON shapes, exit codes, and the README documenting them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gulagreader import cli
from gulagreader.cli import main
from gulagreader.core.query import FIELDS
from tests.conftest import REPO


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "--json", "--limit", "3", "Derevyanko")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"query", "total", "message", "suggestion", "hits"}
    assert data["query"] == "Derevyanko" and data["total"] > 0
    hit = data["hits"][0]
    assert set(hit) >= {"passage_id", "source_id", "source_title", "score", "text", "snippet", "highlights", "also_in"}
    start, end = hit["highlights"][0]
    assert hit["text"][start:end] == "Derevianko"
    assert len(data["hits"]) <= 3
    # each hit carries its source's date as the edition gives it ('' for an undated source)
    _, listed, _ = run(capsys, "sources", "--json")
    dates = {s["id"]: s["date"] for s in json.loads(listed)}
    assert [h["source_date"] for h in data["hits"]] == [dates[h["source_id"]] for h in data["hits"]]
    assert "Winter 2005" in {h["source_date"] for h in data["hits"]}


def test_search_text_output_and_no_hits(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "--exact", "Vorkutta")
    assert code == 0
    assert "0 passage(s)" in out and "Did you mean: Vorkuta" in out
    code, out, _ = run(capsys, "search", "Vorkutta")  # near spellings, unless --exact
    assert code == 0 and "near spellings" in out and "**Vorkuta**" in out and "Did you mean: Vorkuta" in out
    code, out, _ = run(capsys, "search", "--source", "isr-1963", "hunger", "strike")
    assert code == 0 and "**hunger**" in out and "[isr-1963." in out


def test_show_source_and_passage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "--json", "isr-1963")
    assert code == 0
    data = json.loads(out)
    assert data["source"]["id"] == "isr-1963"
    assert {"id", "kind", "text"} <= set(data["passages"][0])
    kinds = {p["kind"] for p in data["passages"]}
    assert {"heading", "paragraph", "verse", "list_item"} <= kinds
    code, out, _ = run(capsys, "show", "--json", data["passages"][5]["id"])
    assert json.loads(out)["passage"]["text"] == data["passages"][5]["text"]
    code, _, err = run(capsys, "show", "no-such-thing")
    assert code == 1 and "No passage or source" in err and "Traceback" not in err


def test_sources_and_events_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sources", "--json")
    assert code == 0 and len(json.loads(out)) == 5
    code, out, _ = run(capsys, "events", "--json")
    events = json.loads(out)
    assert code == 0 and events
    vorkuta = next(e for e in events if e["id"] == "vorkuta-1953")
    assert vorkuta["episodes"] and vorkuta["figures"]
    assert all({"source_id", "passage_ids"} <= set(a) for a in vorkuta["accounts"])


def test_build_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "build", "--corpus", str(REPO / "corpus"), "--out", str(tmp_path / "s"))
    assert code == 0 and "passages" in out
    assert (tmp_path / "s" / "manifest.json").exists()


def test_build_of_a_broken_corpus_exits_1_with_file_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "build", "--corpus", str(tmp_path), "--out", str(tmp_path / "s"))
    assert code == 1 and "not a corpus folder" in err


@pytest.mark.parametrize(
    "args",
    [["search"], ["frobnicate"], ["search", "--limit", "many", "x"], ["show"], ["--no-such-option"]],
)
def test_usage_errors_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("gulagreader:") and "\n" not in err


def test_python_dash_m_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gulagreader", "--version"], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.startswith("gulagreader ")


def test_every_command_and_operator_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    help_text = subprocess.run(
        [sys.executable, "-m", "gulagreader", "search", "--help"], capture_output=True, text=True, timeout=60
    ).stdout
    for command in ("search", "show", "sources", "events", "build"):
        assert re.search(rf"gulagreader {command}\b", readme), command
    for operator in ('"', " OR ", "NOT ", "-", "*", "~", "(", *(f"{f}:" for f in FIELDS)):
        assert operator in readme, operator
        assert operator.strip() in help_text, operator


def test_no_arguments_are_read_as_the_parser_would_read_them() -> None:
    # `gulagreader` alone skips building the parser; what it stands for must not drift from it
    assert vars(cli._NO_ARGUMENTS) == vars(cli._parser().parse_args([]))


def test_an_unknown_command_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["frobnicate"])
    assert exited.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "'frobnicate'" in err
    parser_commands = set(cli._parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert len(parser_commands) >= 9
    assert all(re.search(rf"\b{c}\b", err) for c in parser_commands), err


@pytest.mark.parametrize(
    "args",
    [
        ["search", "--source", "no-such-source", "Vorkuta"],
        ["search", "--event", "no-such-event", "Vorkuta"],
        ["bookmarks", "export", "--format", "ris", "--id", "no-such-id"],
        ["bookmarks", "delete", "no-such-id"],
        ["compare", "no-such-event"],
        ["show", "no-such-id"],
    ],
)
def test_unknown_ids_are_refused_in_one_line(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = run(capsys, *args)
    assert code == 1 and not out
    assert err.startswith("gulagreader: No ") and err.count("\n") == 1 and "no-such" in err


@pytest.mark.parametrize("where", ["basedir", "home"])
def test_a_basedir_or_home_that_is_a_file_gives_notices_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "GULAGREADER_"))}
    args = [sys.executable, "-m", "gulagreader", "sources"]
    if where == "basedir":
        args[3:3] = ["--basedir", str(a_file / "x")]
    else:
        env["HOME"] = str(a_file)
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "isr-1963" in done.stdout
    assert all(line.startswith("gulagreader: ") for line in done.stderr.splitlines()), done.stderr


def test_an_export_into_a_file_that_is_not_a_folder_fails_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    code, _, err = run(capsys, "bookmarks", "export", "--format", "ris", "--out", str(a_file / "out.ris"))
    assert code == 1 and err.startswith("gulagreader: The export could not be written") and err.count("\n") == 1
