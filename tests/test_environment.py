"""Hostile machines: an unwritable home and cache, no fonts, a non-UTF-8 locale.

Each runs the real program in a child process with the environment changed. The read-only install
folder is test_store.py's (as user nobody), no display is tests/ui/test_launch.py's, two instances
at once are tests/core/test_store_faults.py's and tests/core/test_bookmarks_db.py's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _env(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _run(args: list[str], env: dict[str, str], module: str = "gulagreader") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", module, *args], env=env, capture_output=True, timeout=180, cwd=REPO)


@pytest.fixture
def read_only_home(tmp_path: Path) -> Iterator[Path]:
    """A home folder (with its .cache, .config, .local) that nothing may write to, even root."""
    home = tmp_path / "home"
    for sub in (".cache", ".config", ".local/share"):
        (home / sub).mkdir(parents=True)
    folders = [home, home / ".cache", home / ".config", home / ".local", home / ".local/share"]
    if os.geteuid() == 0:
        chattr = shutil.which("chattr")
        if not chattr or subprocess.run([chattr, "+i", *map(str, folders)], capture_output=True).returncode:
            pytest.skip("cannot make a folder read-only for root here (no chattr +i)")
    else:
        for folder in folders:
            folder.chmod(0o555)
    yield home
    if os.geteuid() == 0:
        subprocess.run([shutil.which("chattr") or "chattr", "-i", *map(str, folders)], capture_output=True)
    for folder in folders:
        folder.chmod(0o755)


def test_an_unwritable_home_and_cache_still_search_and_say_so_once(read_only_home: Path) -> None:
    env = _env(
        GULAGREADER_BASEDIR=None,
        HOME=str(read_only_home),
        XDG_CACHE_HOME=str(read_only_home / ".cache"),
        XDG_CONFIG_HOME=str(read_only_home / ".config"),
        XDG_DATA_HOME=str(read_only_home / ".local/share"),
    )
    done = _run(["search", "--json", "Vorkuta"], env)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["total"] > 0
    err = done.stderr.decode()
    assert err.count("\n") == 1 and "cannot be written" in err and "--basedir" in err
    assert not list(read_only_home.rglob("*.db"))
    # a cache folder that cannot even be created
    done = _run(["search", "Vorkuta"], {**env, "XDG_CACHE_HOME": str(read_only_home / ".cache" / "deeper")})
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr.decode()


def test_build_into_an_unwritable_folder_says_what_to_do(read_only_home: Path) -> None:
    done = _run(["build", "--out", str(read_only_home / ".cache" / "store")], _env())
    err = done.stderr.decode()
    assert done.returncode == 1 and err.count("\n") == 1 and "--basedir" in err, err


@pytest.mark.parametrize("locale", ["C", "POSIX"])
def test_a_c_locale_prints_non_ascii_results(locale: str) -> None:
    env = _env(LC_ALL=locale, LANG=locale, LC_CTYPE=None)
    text = _run(["search", "Pűkys"], env)
    assert text.returncode == 0 and b"Traceback" not in text.stderr, text.stderr.decode()
    assert "Pűkys".encode() in text.stdout
    data = _run(["search", "--json", "Barnatavičius"], env)
    assert data.returncode == 0, data.stderr.decode()
    assert json.loads(data.stdout)["query"] == "Barnatavičius"


@pytest.fixture(scope="module")
def latin1_locale(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A real ISO-8859-1 locale, compiled into a temporary LOCPATH (no system locale is changed)."""
    localedef = shutil.which("localedef")
    locales = tmp_path_factory.mktemp("locales")
    name = "en_US.ISO-8859-1"
    if not localedef or subprocess.run(
        [localedef, "-i", "en_US", "-f", "ISO-8859-1", str(locales / name)], capture_output=True
    ).returncode not in (0, 1):
        pytest.skip("localedef cannot compile an ISO-8859-1 locale here")
    env = _env(LOCPATH=str(locales), LC_ALL=name, LANG=name)
    check = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"], env=env, capture_output=True
    )
    if check.stdout.strip().lower() not in (b"iso8859-1", b"latin-1", b"iso-8859-1"):
        pytest.skip("the compiled ISO-8859-1 locale was not taken up")
    return env


def test_a_latin1_locale_prints_every_result_without_a_traceback(latin1_locale: dict[str, str]) -> None:
    query = "Vorkuta".encode("latin-1")  # what a Latin-1 terminal sends
    text = subprocess.run(
        [sys.executable, "-m", "gulagreader", "search", "--limit", "20", query],  # type: ignore[list-item]
        env=latin1_locale,
        capture_output=True,
        timeout=180,
        cwd=REPO,
    )
    assert text.returncode == 0 and b"Traceback" not in text.stderr, text.stderr.decode("latin-1")
    assert b"passage(s) match" in text.stdout
    data = _run(["search", "--json", "--limit", "20", "Vorkuta"], latin1_locale)
    assert data.returncode == 0, data.stderr.decode("latin-1")
    hits = json.loads(data.stdout)["hits"]
    assert any(not h["text"].isascii() for h in hits)  # JSON escapes kept the characters Latin-1 lacks


@pytest.mark.parametrize(
    "args", [["compare", "vorkuta-1953", "--json"], ["glossary", "--json"], ["names", "--json"], ["places", "--json"]]
)
def test_every_commands_json_stays_json_in_a_latin1_locale(latin1_locale: dict[str, str], args: list[str]) -> None:
    done = _run(args, latin1_locale)
    assert done.returncode == 0, done.stderr.decode("latin-1")
    assert done.stdout.isascii()  # the characters Latin-1 lacks, and those it has, as JSON escapes
    assert not json.dumps(json.loads(done.stdout), ensure_ascii=False).isascii()


def test_the_reader_opens_and_works_without_any_font(tmp_path: Path) -> None:
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    config = tmp_path / "fonts.conf"
    cache = tmp_path / "fc-cache"
    config.write_text(f"<fontconfig><dir>{empty}</dir><cachedir>{cache}</cachedir></fontconfig>\n", encoding="utf-8")
    env = _env(QT_QPA_PLATFORM="offscreen", QT_QPA_FONTDIR=str(empty), FONTCONFIG_FILE=str(config))
    done = _run([], env, module="tests.scripted_session")
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    line = done.stdout.decode().strip().splitlines()[-1]
    assert line.startswith("session ok:") and "1 bookmark(s)" in line
    fonts = int(line.rsplit(",", 1)[1].split()[0])
    normal = _run(
        [], _env(QT_QPA_PLATFORM="offscreen", GULAGREADER_BASEDIR=str(tmp_path / "b2")), "tests.scripted_session"
    )
    assert fonts < int(normal.stdout.decode().rsplit(",", 1)[1].split()[0]), "the fonts were really taken away"


def _files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_second_instance_in_kiosk_mode_runs_beside_the_first_and_writes_nothing(tmp_path: Path) -> None:
    """Two kiosks on one machine (or a kiosk beside a reader): both come up, neither writes user files."""
    base = tmp_path / "base"
    env = _env(GULAGREADER_BASEDIR=str(base), QT_QPA_PLATFORM="offscreen")
    assert _run(["search", "Vorkuta"], env).returncode == 0  # the store, built once beforehand
    before = {k: v for k, v in _files(base).items() if not k.startswith("cache/")}
    kiosks = [
        subprocess.Popen([sys.executable, "-m", "gulagreader", "--kiosk"], env=env, cwd=REPO, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    try:
        for kiosk in kiosks:  # a kiosk never quits by itself: still running after a while means it came up
            with pytest.raises(subprocess.TimeoutExpired):
                kiosk.wait(timeout=8)
    finally:
        errors = []
        for kiosk in kiosks:
            kiosk.kill()
            _, err = kiosk.communicate(timeout=30)
            errors.append(err.decode("utf-8", "replace"))
    assert not any("Traceback" in e for e in errors), errors
    after = {k: v for k, v in _files(base).items() if not k.startswith("cache/")}
    assert after == before
