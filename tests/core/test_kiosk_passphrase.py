"""The kiosk passphrase: a salted scrypt hash in the site file, never the passphrase; guessing is slowed."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from gulagreader.core.errors import UserError
from gulagreader.core.kiosk.passphrase import (
    FIRST_WAIT,
    MAX_WAIT,
    PassphraseGate,
    check_passphrase,
    hash_passphrase,
    store_passphrase,
)

PASSPHRASE = "reading-room 7"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_hash_is_salted_scrypt_and_checks() -> None:
    first, second = hash_passphrase(PASSPHRASE), hash_passphrase(PASSPHRASE)
    assert first.startswith("scrypt$16384$8$1$") and len(first.split("$")) == 6
    assert first != second  # a new salt each time
    assert PASSPHRASE not in first
    assert check_passphrase(PASSPHRASE, first) and check_passphrase(PASSPHRASE, second)
    assert not check_passphrase("reading-room 8", first)
    assert not check_passphrase(PASSPHRASE.upper(), first)


@pytest.mark.parametrize(
    "stored",
    ["", "scrypt", "md5$1$2$3$4$5", "scrypt$16384$8$1$!!$!!", "scrypt$1000$8$1$c2FsdA==$aGFzaA==", "scrypt$2$8$99$a$b"],
)
def test_a_malformed_hash_matches_nothing(stored: str) -> None:
    assert not check_passphrase(PASSPHRASE, stored)


def test_a_short_passphrase_is_refused() -> None:
    with pytest.raises(UserError, match="at least 8 characters"):
        hash_passphrase("short")


def test_wrong_passphrases_make_the_gate_wait_longer_each_time() -> None:
    clock = Clock()
    gate = PassphraseGate(hash_passphrase(PASSPHRASE), clock)
    assert gate.wait() == 0 and gate.is_set
    assert not gate.attempt("guess one")
    assert gate.wait() == FIRST_WAIT
    assert not gate.attempt(PASSPHRASE)  # even the right one is not checked while the gate waits
    clock.now += FIRST_WAIT
    assert not gate.attempt("guess two")
    assert gate.wait() == 2 * FIRST_WAIT
    clock.now += 2 * FIRST_WAIT
    assert not gate.attempt("guess three")
    assert gate.wait() == 4 * FIRST_WAIT and gate.failures == 3
    for _ in range(20):
        clock.now += gate.wait()
        gate.attempt("guess")
    assert gate.wait() == MAX_WAIT
    clock.now += MAX_WAIT
    assert gate.attempt(PASSPHRASE)
    assert gate.failures == 0 and gate.wait() == 0


def test_without_a_passphrase_nothing_opens_the_gate() -> None:
    gate = PassphraseGate("")
    assert not gate.is_set and not gate.attempt("") and not gate.attempt(PASSPHRASE)


def test_storing_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    site = tmp_path / "settings.toml"
    site.write_text(
        '# our reading room\nkiosk = true\nlocked = ["kiosk"]\nkiosk_passphrase = "scrypt$old"\n', encoding="utf-8"
    )
    hashed = hash_passphrase(PASSPHRASE)
    store_passphrase(site, hashed)
    text = site.read_text(encoding="utf-8")
    assert text.startswith('# our reading room\nkiosk = true\nlocked = ["kiosk"]\n')
    assert "scrypt$old" not in text and PASSPHRASE not in text
    assert text.count("kiosk_passphrase") == 1 and text.count("\n") == 4  # the one line replaced
    assert tomllib.loads(text)["kiosk_passphrase"] == hashed


def test_storing_creates_the_file_and_goes_before_any_table(tmp_path: Path) -> None:
    created = tmp_path / "new" / "settings.toml"
    store_passphrase(created, hash_passphrase(PASSPHRASE))
    assert check_passphrase(PASSPHRASE, tomllib.loads(created.read_text(encoding="utf-8"))["kiosk_passphrase"])
    with_table = tmp_path / "table.toml"
    with_table.write_text("kiosk = true\n[extra]\nname = 1\n", encoding="utf-8")
    store_passphrase(with_table, hash_passphrase(PASSPHRASE))
    table = tomllib.loads(with_table.read_text(encoding="utf-8"))
    assert "kiosk_passphrase" in table and "kiosk_passphrase" not in table["extra"]


def test_a_broken_file_is_not_touched(tmp_path: Path) -> None:
    site = tmp_path / "settings.toml"
    site.write_text("kiosk = tru\n", encoding="utf-8")
    with pytest.raises(UserError, match="not valid TOML"):
        store_passphrase(site, hash_passphrase(PASSPHRASE))
    assert site.read_text(encoding="utf-8") == "kiosk = tru\n"


def test_a_folder_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "etc"
    blocker.write_text("a file where the folder should be", encoding="utf-8")  # fails for root too
    with pytest.raises(UserError, match=r"settings file .* cannot be"):
        store_passphrase(blocker / "gulagreader" / "settings.toml", hash_passphrase(PASSPHRASE))
