"""`gulagreader kiosk`: its settings shown, the passphrase stored as a hash; `--kiosk` and the README."""

from __future__ import annotations

import io
import sys
import tomllib
from pathlib import Path

import pytest

from gulagreader.cli import main
from gulagreader.core import paths
from gulagreader.core.kiosk.passphrase import check_passphrase
from tests.conftest import REPO

PASSPHRASE = "front desk 2024"


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_set_passphrase_stores_a_salted_hash_and_no_plaintext(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, PASSPHRASE + "\n")
    assert main(["kiosk", "--set-passphrase", "--passphrase-stdin"]) == 0
    site = paths.site_settings_file()
    assert str(site) in capsys.readouterr().out
    raw = site.read_bytes()
    assert PASSPHRASE.encode() not in raw and b"front desk" not in raw
    stored = tomllib.loads(raw.decode())["kiosk_passphrase"]
    assert stored.startswith("scrypt$") and check_passphrase(PASSPHRASE, stored)


def test_status_says_what_the_kiosk_will_do(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kiosk"]) == 0
    out = capsys.readouterr().out
    assert "Kiosk mode:" in out and "off" in out and "NOT SET" in out and "after 3 minute(s)" in out
    site = paths.site_settings_file()
    site.parent.mkdir(parents=True)
    site.write_text('kiosk = true\nlocked = ["kiosk"]\nkiosk_idle_minutes = 5\nkiosk_keyboard = "x"\n')
    _stdin(monkeypatch, PASSPHRASE + "\n")
    assert main(["kiosk", "--set-passphrase", "--passphrase-stdin"]) == 0
    capsys.readouterr()
    assert main(["kiosk"]) == 0
    captured = capsys.readouterr()
    assert "on (locked for the whole site)" in captured.out and "Administrator passphrase: set" in captured.out
    assert "after 5 minute(s)" in captured.out
    assert "'kiosk_keyboard' must be" in captured.err


def test_mistakes_are_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, "short\n")
    assert main(["kiosk", "--set-passphrase", "--passphrase-stdin"]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["kiosk", "--passphrase-stdin"]) == 2
    _stdin(monkeypatch, PASSPHRASE + "\n")  # not a terminal, and no --passphrase-stdin
    assert main(["kiosk", "--set-passphrase"]) == 1
    err = capsys.readouterr().err
    assert "--passphrase-stdin" in err and not paths.site_settings_file().exists()


def test_kiosk_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for text in ("gulagreader --kiosk", "gulagreader kiosk --set-passphrase", "docs/kiosk.md"):
        assert text in readme, text
    guide = (REPO / "docs" / "kiosk.md").read_text(encoding="utf-8")
    for text in ("Ctrl+Alt+Del", "cage", "GNOME Kiosk", "Assigned Access", "Keyboard Filter", "kiosk_idle_minutes"):
        assert text in guide, text


def test_the_kiosk_flag_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--kiosk" in capsys.readouterr().out


def test_paths_are_under_the_test_folder(tmp_path: Path) -> None:
    assert paths.site_settings_file().is_relative_to(tmp_path)
