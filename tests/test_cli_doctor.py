"""`gulagreader doctor`: the settings files looked for and read, the folders, the versions, the checks."""

from __future__ import annotations

import json
import sqlite3
from importlib import metadata
from pathlib import Path

import pytest

from gulagreader.cli import main


def _doctor(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["doctor", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_doctor_says_which_site_file_was_read_from_which_xdg_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GULAGREADER_BASEDIR")
    first, second, third = (tmp_path / name for name in ("desktop", "etc-xdg", "more"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{first}:{second}:{third}")
    (second / "gulagreader").mkdir(parents=True)
    (second / "gulagreader" / "settings.toml").write_text('font_scale = 1.25\nhidden_sources = ["goble-2018"]\n')
    (third / "gulagreader").mkdir(parents=True)
    (third / "gulagreader" / "settings.toml").write_text("kiosk = true\n")
    user = tmp_path / "xdg-config" / "gulagreader" / "settings.toml"  # XDG_CONFIG_HOME (conftest)
    user.parent.mkdir(parents=True)
    user.write_text("font_scale = [\n")

    code, out, _ = _doctor(capsys, "--no-checks", "--json")
    assert code == 0
    report = json.loads(out)
    states = [(f["role"], Path(f["path"]), f["state"]) for f in report["settings_files"]]
    assert states == [
        ("site", first / "gulagreader" / "settings.toml", "not present"),
        ("site", second / "gulagreader" / "settings.toml", "read"),
        (
            "site",
            third / "gulagreader" / "settings.toml",
            f"not read: {second / 'gulagreader' / 'settings.toml'} comes first",
        ),
        ("user", user, "ignored"),
    ]
    assert any("not valid TOML" in n and str(user) in n for n in report["settings_notices"])
    assert report["settings"]["font_scale"] == 1.25 and report["settings"]["kiosk"] is False
    assert report["settings"]["hidden_sources"] == ["goble-2018"]
    assert report["folders"]["cache"] == str(tmp_path / "xdg-cache" / "gulagreader")
    assert report["folders"]["data"] == str(tmp_path / "xdg-data" / "gulagreader")
    assert report["folders"]["basedir"] is None
    assert "checks" not in report

    from PySide6 import QtCore

    versions = report["versions"]
    assert versions["qt"] == QtCore.qVersion() and versions["sqlite"] == sqlite3.sqlite_version
    assert versions["tantivy"] == metadata.version("tantivy")

    code, text, _ = _doctor(capsys, "--no-checks")
    assert code == 0
    assert f"{second / 'gulagreader' / 'settings.toml'}  [read]" in text
    assert QtCore.qVersion() in text and sqlite3.sqlite_version in text
    assert "in effect: font_scale = 1.25, hidden_sources = ['goble-2018']" in text


def test_doctor_runs_the_self_test_checks_network_included(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _doctor(capsys, "--json")
    report = json.loads(out)
    assert report["folders"]["basedir"] == str(tmp_path / "base")  # GULAGREADER_BASEDIR (conftest)
    assert report["settings_files"][0]["path"] == str(tmp_path / "base" / "site-config" / "settings.toml")
    checks = {c["name"]: c for c in report["checks"]}
    assert set(checks) >= {"store", "search", "reader", "network"}, checks
    assert code == (1 if any(c["status"] == "FAIL" for c in checks.values()) else 0)
    assert checks["store"]["status"] == "ok" and str(tmp_path / "base" / "cache") in checks["store"]["detail"]
    assert checks["network"]["status"] in ("ok", "not checked")
