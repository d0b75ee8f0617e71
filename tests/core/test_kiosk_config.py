"""Kiosk mode's own settings: the `kiosk_*` keys, read from the site file only."""

from __future__ import annotations

from pathlib import Path

from gulagreader.core.config import read_settings
from gulagreader.core.kiosk.config import DEFAULT_SUGGESTIONS, KioskSettings, load_kiosk_settings


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    settings = load_kiosk_settings(tmp_path / "missing.toml")
    assert settings == KioskSettings(file=tmp_path / "missing.toml")
    assert settings.idle_minutes == 3.0 and settings.suggested_searches == DEFAULT_SUGGESTIONS
    assert settings.passphrase == ""


def test_the_site_file_sets_every_kiosk_key(tmp_path: Path) -> None:
    site = _write(
        tmp_path / "settings.toml",
        "kiosk = true\n"
        "kiosk_idle_minutes = 5\n"
        "kiosk_countdown_seconds = 20\n"
        'kiosk_suggested_searches = ["Norilsk", "  hunger   strike ", "Norilsk", ""]\n'
        'kiosk_start_screen = "event:vorkuta-1953"\n'
        'kiosk_keyboard = "never"\n'
        "kiosk_qr_code = false\n"
        'kiosk_passphrase = "scrypt$16384$8$1$c2FsdA==$aGFzaA=="\n',
    )
    settings = load_kiosk_settings(site)
    assert settings.idle_minutes == 5.0 and settings.countdown_seconds == 20.0
    assert settings.suggested_searches == ("Norilsk", "hunger strike")
    assert settings.start_screen == "event:vorkuta-1953"
    assert settings.keyboard == "never" and settings.qr_code is False
    assert settings.passphrase.startswith("scrypt$")
    assert settings.notices == ()


def test_wrong_values_are_ignored_one_line_each(tmp_path: Path) -> None:
    site = _write(
        tmp_path / "settings.toml",
        'kiosk_idle_minutes = "soon"\nkiosk_countdown_seconds = -1\nkiosk_start_screen = "desktop"\n'
        'kiosk_keyboard = "big"\nkiosk_passphrase = "hunter2"\nkiosk_colour = "red"\n',
    )
    settings = load_kiosk_settings(site)
    assert (settings.idle_minutes, settings.countdown_seconds, settings.start_screen) == (3.0, 30.0, "home")
    assert settings.keyboard == "auto" and settings.passphrase == ""  # a plaintext passphrase is never taken
    assert len(settings.notices) == 6
    assert any("'kiosk_passphrase' must be a hash written by" in n for n in settings.notices)
    assert any("unknown kiosk setting 'kiosk_colour'" in n for n in settings.notices)


def test_the_general_settings_leave_kiosk_keys_alone_but_refuse_them_from_users(tmp_path: Path) -> None:
    site = _write(tmp_path / "site.toml", "kiosk = true\nkiosk_idle_minutes = 2\n")
    user = _write(tmp_path / "user.toml", "kiosk_idle_minutes = 60\n")
    settings = read_settings(site, user)
    assert settings.kiosk is True
    assert settings.notices == (f"In {user}: 'kiosk_idle_minutes' can only be set in the site file; it was ignored.",)
    assert load_kiosk_settings(site).idle_minutes == 2.0


def test_the_default_file_is_the_site_settings_file(tmp_path: Path) -> None:
    _write(tmp_path / "base" / "site-config" / "settings.toml", "kiosk_idle_minutes = 7\n")  # GULAGREADER_BASEDIR
    assert load_kiosk_settings().idle_minutes == 7.0


def test_a_public_address_and_the_attract_screen_are_the_sites_to_set(tmp_path: Path) -> None:
    site = _write(
        tmp_path / "site.toml",
        'kiosk_public_url = "https://museum.example/reader/{passage}"\n'
        "kiosk_attract_screen = false\nkiosk_attract_seconds = 20\n",
    )
    settings = load_kiosk_settings(site)
    assert settings.public_url == "https://museum.example/reader/{passage}" and settings.notices == ()
    assert settings.attract_screen is False and settings.attract_seconds == 20
    bad = _write(tmp_path / "bad.toml", 'kiosk_public_url = "javascript:alert(1)"\nkiosk_attract_seconds = 1\n')
    settings = load_kiosk_settings(bad)
    assert settings.public_url == "" and settings.attract_seconds == 12
    assert len(settings.notices) == 2 and all("ignored" in n and "\n" not in n for n in settings.notices)
