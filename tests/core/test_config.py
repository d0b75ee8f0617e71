"""Site-wide settings with the user's laid on top: keys, locking, bad files, and where the files are."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gulagreader.core import paths
from gulagreader.core.config import Settings, load_settings, read_settings


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_files_means_the_defaults(tmp_path: Path) -> None:
    assert read_settings(tmp_path / "site.toml", tmp_path / "user.toml") == Settings()


def test_the_site_file_sets_every_key(tmp_path: Path) -> None:
    site = _write(
        tmp_path / "etc" / "settings.toml",
        'kiosk = true\nstore = "/srv/gulagreader/store"\nfont_scale = 1.5\nhidden_sources = ["Russia-Pictures"]\n',
    )
    settings = read_settings(site)
    assert settings.kiosk is True
    assert settings.store == Path("/srv/gulagreader/store")
    assert settings.font_scale == 1.5
    assert settings.hidden_sources == ("russia-pictures",)
    assert settings.notices == ()
    assert settings.files == (site,)


def test_the_user_file_is_laid_on_top(tmp_path: Path) -> None:
    site = _write(tmp_path / "site.toml", 'font_scale = 1.25\nhidden_sources = ["russia-pictures"]\n')
    user = _write(tmp_path / "user.toml", "font_scale = 2\nkiosk = false\n")
    settings = read_settings(site, user)
    assert settings.font_scale == 2.0
    assert settings.hidden_sources == ("russia-pictures",)  # the user did not set it
    assert settings.files == (site, user)


def test_locked_keys_stay_as_the_site_set_them(tmp_path: Path) -> None:
    site = _write(tmp_path / "site.toml", 'kiosk = true\nlocked = ["kiosk", "hidden_sources"]\n')
    user = _write(tmp_path / "user.toml", "kiosk = false\nhidden_sources = []\nfont_scale = 1.1\n")
    settings = read_settings(site, user)
    assert settings.kiosk is True
    assert settings.hidden_sources == ()
    assert settings.font_scale == 1.1
    assert len(settings.notices) == 2
    assert all("set for the whole site" in n for n in settings.notices)


def test_a_user_file_cannot_lock_anything(tmp_path: Path) -> None:
    user = _write(tmp_path / "user.toml", 'locked = ["kiosk"]\n')
    settings = read_settings(tmp_path / "none.toml", user)
    assert settings.locked == ()
    assert "unknown setting 'locked'" in settings.notices[0]


def test_bad_toml_is_one_notice_and_the_defaults(tmp_path: Path) -> None:
    site = _write(tmp_path / "site.toml", "kiosk = tru\n[[[\n")
    user = _write(tmp_path / "user.toml", "font_scale = 1.2\n")
    settings = read_settings(site, user)
    assert settings.kiosk is False
    assert settings.font_scale == 1.2  # the user's file is still read
    (notice,) = settings.notices
    assert "\n" not in notice and str(site) in notice and "not valid TOML" in notice


def test_wrong_values_and_unknown_keys_are_ignored_with_a_notice(tmp_path: Path) -> None:
    site = _write(
        tmp_path / "site.toml",
        'kiosk = "yes"\nfont_scale = 9\nhidden_sources = "russia-pictures"\nstore = 3\ncolour = "red"\n',
    )
    settings = read_settings(site)
    assert settings == Settings(notices=settings.notices, files=(site,))
    assert len(settings.notices) == 5
    assert any("'font_scale' must be a number from 0.5 to 3.0" in n for n in settings.notices)
    assert any("unknown setting 'colour'" in n for n in settings.notices)


def test_a_relative_store_is_relative_to_the_settings_file(tmp_path: Path) -> None:
    site = _write(tmp_path / "etc" / "settings.toml", 'store = "shared/store"\n')
    assert read_settings(site).store == tmp_path / "etc" / "shared" / "store"


def test_an_unreadable_file_is_a_notice(tmp_path: Path) -> None:
    site = _write(tmp_path / "site.toml", "")
    site.write_bytes(b"kiosk = true\n\xff\xfe")
    (notice,) = read_settings(site).notices
    assert "cannot be read" in notice


def test_under_a_basedir_the_site_file_is_in_site_config(tmp_path: Path) -> None:
    _write(tmp_path / "base" / "site-config" / "settings.toml", "kiosk = true\n")  # GULAGREADER_BASEDIR (conftest)
    _write(tmp_path / "base" / "config" / "settings.toml", "font_scale = 1.4\n")
    settings = load_settings()
    assert settings.kiosk is True and settings.font_scale == 1.4


def test_the_environment_can_name_the_site_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _write(tmp_path / "elsewhere.toml", 'hidden_sources = ["goble-2018"]\n')
    monkeypatch.setenv("GULAGREADER_SITE_CONFIG", str(site))
    assert paths.site_settings_file() == site
    assert load_settings().hidden_sources == ("goble-2018",)


def test_without_a_basedir_the_site_file_is_in_the_platform_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    monkeypatch.delenv("GULAGREADER_BASEDIR")
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg-site"))
    expected = Path(platformdirs.site_config_dir("gulagreader", appauthor=False)) / "settings.toml"
    assert paths.site_settings_file() == expected
    assert paths.user_settings_file() == Path(platformdirs.user_config_dir("gulagreader", appauthor=False)) / (
        "settings.toml"
    )


@pytest.fixture
def xdg_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """An Ubuntu GNOME session's $XDG_CONFIG_DIRS (a desktop's own folder before /etc/xdg), no --basedir."""
    if not sys.platform.startswith("linux"):
        pytest.skip("$XDG_CONFIG_DIRS is read on Linux only")
    monkeypatch.delenv("GULAGREADER_BASEDIR")
    folders = [tmp_path / "etc" / "xdg" / "xdg-ubuntu", tmp_path / "etc" / "xdg"]
    monkeypatch.setenv("XDG_CONFIG_DIRS", ":".join(str(f) for f in folders))
    return [f / "gulagreader" / "settings.toml" for f in folders]


def test_a_site_file_in_a_later_xdg_config_folder_is_read(xdg_site: list[Path]) -> None:
    from gulagreader.core.kiosk.config import load_kiosk_settings

    _write(xdg_site[1], 'kiosk = true\nhidden_sources = ["goble-2018"]\nlocked = ["kiosk"]\nkiosk_idle_minutes = 4\n')
    assert paths.site_settings_candidates() == xdg_site
    assert paths.site_settings_file() == xdg_site[1]
    settings = load_settings()
    assert settings.kiosk is True and settings.hidden_sources == ("goble-2018",) and settings.locked == ("kiosk",)
    assert settings.files == (xdg_site[1],)
    assert load_kiosk_settings().idle_minutes == 4.0  # kiosk mode's own keys come from the same file


def test_the_first_xdg_config_folder_with_the_file_wins(xdg_site: list[Path]) -> None:
    _write(xdg_site[0], "font_scale = 2.0\n")
    _write(xdg_site[1], "font_scale = 1.5\nkiosk = true\n")
    settings = load_settings()
    assert settings.font_scale == 2.0 and settings.kiosk is False  # the later file is not read at all
    assert settings.files == (xdg_site[0],)


def test_relative_and_empty_xdg_config_folders_are_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xdg_site: list[Path]
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "relative" / "gulagreader" / "settings.toml", "kiosk = true\n")  # invalid per the XDG spec
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"relative::{xdg_site[1].parent.parent}")
    assert paths.site_settings_candidates() == [xdg_site[1]]
    assert load_settings().kiosk is False
    monkeypatch.setenv("XDG_CONFIG_DIRS", "relative")
    assert paths.site_settings_candidates() == [Path("/etc/xdg/gulagreader/settings.toml")]
