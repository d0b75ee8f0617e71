"""`gulagreader names` and `gulagreader name ID`: the index of names on the command line."""

from __future__ import annotations

import json
import re

import pytest

from gulagreader.cli import main
from tests.conftest import REPO


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_names_json_lists_every_name_with_its_cyrillic_and_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "names", "--json")
    assert code == 0
    names = json.loads(out)
    assert len(names) > 400
    assert set(names[0]) == {"id", "canonical", "kind", "cyrillic", "passages", "occurrences"}
    vorkuta = next(n for n in names if n["id"] == "vorkuta")
    assert vorkuta["cyrillic"] == ["Воркута"] and vorkuta["passages"] > 50
    assert vorkuta["occurrences"] >= vorkuta["passages"]
    code, out, _ = run(capsys, "names", "--kind", "camp", "--json")
    assert code == 0 and {n["kind"] for n in json.loads(out)} == {"camp"}


def test_names_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "names", "--kind", "person")
    assert code == 0
    assert re.search(r"^derevianko\s+person\s+\d+ passages\s+Kuzma Derevyanko\s+\[Кузьма Деревянко\]$", out, re.M)


def test_name_entry_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "name", "izhma", "--json")
    assert code == 0
    entry = json.loads(out)
    assert entry["cyrillic"] == [["ru", "Ижма"]]
    (ijme,) = entry["spellings"]
    assert ijme["spelling"] == "Ijme" and ijme["count"] == 1 and ijme["passages"] == entry["passages"]
    assert "French" in ijme["derivation"] and "Ижме" in ijme["derivation"]  # the prepositional case
    assert {"Ischma", "Iżma", "Ijma"} <= {form for form, _ in entry["derived"]}
    assert entry["events"] and entry["note"]


def test_name_entry_text_and_an_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "name", "hrytsiak-yevhen")
    assert code == 0
    assert "Євген Грицяк" in out and "Hrytsiak ×" in out and "Norilsk revolt" in out
    code, out, err = run(capsys, "name", "no-such-name")
    assert code == 1 and err.count("\n") == 1 and "gulagreader names" in err and "Traceback" not in err


def test_the_names_commands_are_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "gulagreader names" in readme and "gulagreader name ID" in readme and "--exact" in readme
