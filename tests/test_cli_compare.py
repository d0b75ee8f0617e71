"""`gulagreader compare`: the aligned table as text and JSON, choices of accounts, and errors."""

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


def test_compare_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "--json", "vorkuta-1953")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"event", "columns", "hidden", "rows", "figures", "discrepancies", "names"}
    assert data["event"]["id"] == "vorkuta-1953"
    columns = data["columns"]
    assert [c["source_id"] for c in columns] == ["lituanus-2005", "newsletters-2003"]
    reprint = columns[1]["reprints"][0]
    assert (reprint["source_id"], reprint["title"]) == ("russia-pictures", "Communist Russia in pictures")
    assert "anonymous compilation" in reprint["provenance_warning"]
    assert {"title", "authors", "date", "genre", "publication_chain", "provenance_warning"} <= set(columns[0])
    commission = next(r for r in data["rows"] if r["episode_id"] == "commission")
    assert all(commission["cells"]) and len(commission["cells"]) == 2
    reading = commission["cells"][0][0]
    assert set(reading) == {"passage_id", "source_id", "kind", "text", "reprint"}
    assert data["rows"][-1]["episode_id"] is None
    readings = [r for row in data["rows"] for r in row["cells"][1]]
    note = next(r for r in readings if r["passage_id"] == "newsletters-2003.p004")
    assert note["reprint"]["passage_id"] == "russia-pictures.p088" and not note["reprint"]["identical"]
    assert {"kind": "changed", "original": "--the", "reprint": "–the"}.items() <= next(
        c for c in note["reprint"]["changes"] if c["original"] == "--the"
    ).items()
    killed = next(f for f in data["figures"] if f["subject"] == "Camp No. 29 shooting" and f["what"] == "killed")
    assert killed["disagrees"] and {"value", "given_by", "passage_id", "source_id", "note"} == set(
        killed["cells"][0][0]
    )
    assert "understated" in killed["discrepancy"]
    commission = next(d for d in data["discrepancies"] if "commission" in d["subject"])
    assert len(commission["sides"]) == 2 and all(s["passage_ids"] and s["says"] for s in commission["sides"])
    derevianko = next(n for n in data["names"] if n["id"] == "derevianko")
    assert all(cell.get("Derevianko") for cell in derevianko["cells"])


def test_compare_text_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "vorkuta-1953")
    assert code == 0
    assert "[A] Baltic Prisoners of the Gulag Revolts of 1953 (lituanus-2005)" in out
    assert "Reprinted in Communist Russia in pictures (russia-pictures)" in out
    assert "Warning (russia-pictures): Our warning: this is an anonymous compilation" in " ".join(out.split())
    commission = out.split("The commission from Moscow\n", 1)[1].split("\n\n", 1)[0]
    assert "[A] lituanus-2005.p032" in commission and "[B] newsletters-2003.p014" in commission
    assert "[B] — (silent on this episode)" in out
    assert re.search(r"≠ reprint russia-pictures\.p088: \d+ change\(s\):.*--the → –the", out.replace("\n", " "))
    assert "! Camp No. 29 shooting — killed" in out and "at least 400 — Buca" in out
    assert "Kuzma Derevyanko (person): [A] Derevianko" in out
    # Passages are cut to a few lines unless --full.
    assert "…" in out
    _, full, _ = run(capsys, "compare", "--full", "vorkuta-1953")
    assert len(full) > len(out) and "the figure of 66" in " ".join(full.split())


def test_compare_chosen_sources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "compare", "--json", "--source", "russia-pictures", "--source", "lituanus-2005", "vorkuta-1953"
    )
    assert code == 0
    assert [c["source_id"] for c in json.loads(out)["columns"]] == ["russia-pictures", "lituanus-2005"]


def test_compare_single_account_event(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "ivanov-trial-1936")
    assert code == 0 and "[A] isr-1963.h005" in out and "Other passages" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "no-such-event"], "gulagreader events"),
        (["compare", "--source", "isr-1963", "vorkuta-1953"], "no account from 'isr-1963'"),
    ],
)
def test_compare_errors_exit_1_with_one_line(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert err.startswith("gulagreader:") and message in err and err.count("\n") == 1


def test_compare_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(r"gulagreader compare EVENT_ID", readme)
    section = readme.split("`compare --json`", 1)[1].split("\n\n", 1)[0]
    for key in ("event", "columns", "hidden", "rows", "episode_id", "reprint", "changes", "figures", "disagrees"):
        assert f'"{key}"' in section, key
