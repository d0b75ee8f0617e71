"""Packaged installs work: the wheel in a fresh venv, and the frozen bundle read-only as another user.

Not in the default run (they build things: about a minute together). Run them with
`make package-test`, i.e. `pytest -m packaging`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.packaging
ROOT = hasattr(os, "getuid") and os.getuid() == 0


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=900, **kwargs)  # type: ignore[call-overload, no-any-return]


def test_the_wheel_installs_a_working_reader_with_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wheels = tmp_path / "wheels"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(REPO)])
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("gulagreader-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "gulagreader/corpus/events.toml" in names and "gulagreader/corpus/sources/isr-1963.md" in names
    assert not any("/store/" in n or n.endswith(".lock") for n in names)

    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)]).returncode == 0
    python = venv / "bin" / "python"
    # A venv of its own: pip resolves the wheel's declared dependencies (held to requirements.lock's pins),
    # so a runtime dependency missing from pyproject.toml fails here.
    installed = _run(
        [str(python), "-m", "pip", "install", "--quiet", "-c", str(REPO / "requirements.lock"), str(wheel)]
    )
    assert installed.returncode == 0, installed.stderr
    checked = _run([str(python), "-m", "pip", "check"])
    assert checked.returncode == 0, checked.stdout
    listed = _run([str(python), "-m", "pip", "list", "--format=freeze"]).stdout
    assert "pytest" not in listed and "PyInstaller" not in listed  # nothing of the development venv came along
    share = venv / "share"
    desktop = share / "applications" / "io.github.gulagreader.GulagReader.desktop"
    assert desktop.is_file() and (share / "metainfo" / "io.github.gulagreader.GulagReader.metainfo.xml").is_file()
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / "io.github.gulagreader.GulagReader.png").is_file()
    assert (share / "man" / "man1" / "gulagreader.1").is_file()
    assert (share / "bash-completion" / "completions" / "gulagreader").is_file()
    assert (share / "zsh" / "site-functions" / "_gulagreader").is_file()
    exec_line = next(line for line in desktop.read_text().splitlines() if line.startswith("Exec="))
    assert (venv / "bin" / exec_line.removeprefix("Exec=").split()[0]).is_file()  # the launcher runs this program
    qr = _run([str(python), "-c", "import segno; segno.make('isr-1963.p012').svg_inline()"])
    assert qr.returncode == 0, qr.stderr  # the kiosk's QR codes

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.delenv("GULAGREADER_BASEDIR")  # the real per-user cache (XDG_CACHE_HOME, under tmp_path)
    where = _run([str(python), "-c", "import gulagreader; print(gulagreader.__file__)"], cwd=elsewhere)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout
    done = _run([str(venv / "bin" / "gulagreader"), "search", "Vorkuta", "--json"], cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["total"] > 0 and result["hits"]
    assert list((tmp_path / "xdg-cache" / "gulagreader").glob("store-*/manifest.json"))  # built on first run


@pytest.fixture(scope="module")
def bundle_tarball(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """packaging/build.sh, run into a temporary dist folder; the tarball it made.

    GULAGREADER_TEST_TARBALL names a tarball `make package` already built, to test it without building again.
    """
    given = os.environ.get("GULAGREADER_TEST_TARBALL")
    if given:
        return Path(given).resolve()
    work = tmp_path_factory.mktemp("package")
    env = {**os.environ, "DIST": str(work / "dist"), "BUILD": str(work / "build"), "PYTHON": sys.executable}
    done = _run(["bash", str(REPO / "packaging" / "build.sh")], env=env, cwd=REPO)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    (tarball,) = (work / "dist").glob("gulagreader-*-linux-*.tar.gz")
    return tarball


@pytest.fixture
def read_only_install(bundle_tarball: Path) -> Iterator[Path]:
    """The tarball unpacked as a library would deploy it: a folder nobody but root may write."""
    base = Path(tempfile.mkdtemp(prefix="gulagreader-opt-"))
    base.chmod(0o755)  # other users must reach it (pytest's tmp folders are private)
    with tarfile.open(bundle_tarball) as tar:
        tar.extractall(base, filter="tar")
    program = base / "gulagreader" / "gulagreader"
    for path in [*base.rglob("*"), base]:
        if not path.is_symlink():
            path.chmod((path.stat().st_mode | 0o555) & ~0o222 if path.is_dir() else path.stat().st_mode & ~0o222)
    yield program
    for path in [base, *base.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | 0o200)
    shutil.rmtree(base)


def _as_someone_else(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run with an empty environment, as `nobody` (no home folder) when we may switch users."""
    return _run(command, env={}, cwd="/", **({"user": 65534, "group": 65534, "extra_groups": []} if ROOT else {}))


def test_the_bundle_holds_no_locks_and_no_network_plugins(bundle_tarball: Path) -> None:
    with tarfile.open(bundle_tarball) as tar:
        names = tar.getnames()
    assert "gulagreader/gulagreader" in names
    assert "gulagreader/_internal/gulagreader/store/manifest.json" in names
    assert "gulagreader/_internal/gulagreader/corpus/events.toml" in names
    assert "gulagreader/share/applications/io.github.gulagreader.GulagReader.desktop" in names
    for unwanted in (".tantivy-meta.lock", ".tantivy-writer.lock", "libqvnc.so", "libqtuiotouchplugin.so"):
        assert not any(n.endswith(unwanted) for n in names), unwanted
    assert not any("libQt6Network" in n or "/plugins/tls/" in n for n in names)


def test_the_read_only_bundle_passes_its_self_test(read_only_install: Path) -> None:
    before = sorted(p.relative_to(read_only_install.parent) for p in read_only_install.parent.rglob("*"))
    done = _as_someone_else([str(read_only_install), "--self-test"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.rstrip().endswith("All checks passed.")
    assert str(read_only_install.parent / "_internal" / "gulagreader" / "store") in done.stdout  # no rebuild
    after = sorted(p.relative_to(read_only_install.parent) for p in read_only_install.parent.rglob("*"))
    assert after == before  # nothing written into the install (no lock files)


def test_the_read_only_bundle_searches(read_only_install: Path) -> None:
    done = _as_someone_else([str(read_only_install), "search", "--json", "Derevyanko"])
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)["hits"]
    assert hits and any("Derevianko" in h["text"] for h in hits)
    version = _as_someone_else([str(read_only_install), "--version"])
    from gulagreader import __version__

    assert version.stdout.strip() == f"gulagreader {__version__}"


# Left out of the bundle: what an offline desktop reader never loads (packaging/gulagreader.spec).
LEFT_OUT = (
    "_ssl.cpython",
    "libssl.so",
    "libkrb5",
    "libgssapi",
    "platforms/libqeglfs.so",
    "platforms/libqlinuxfb.so",
    "platforms/libqvkkhrdisplay.so",
    "generic/libqevdev",
    "platformthemes/libqgtk3.so",
    "libgtk-3",
    "libcairo",
    "printsupport/",
    "libstdc++.so",
    "libgcc_s.so",
    "libexpat.so",
)
KEPT = ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so", "libcrypto.so")


def test_the_bundle_leaves_out_what_an_offline_reader_never_loads(bundle_tarball: Path) -> None:
    with tarfile.open(bundle_tarball) as tar:
        names = tar.getnames()
    for unwanted in LEFT_OUT:
        assert not any(unwanted in n for n in names), unwanted
    for wanted in KEPT:  # X11, Wayland and offscreen; OpenSSL's libcrypto for hashlib.scrypt (kiosk passphrase)
        assert any(n.startswith("gulagreader/_internal/") and wanted in n for n in names), wanted
    for shared in (
        "man/man1/gulagreader.1",
        "bash-completion/completions/gulagreader",
        "zsh/site-functions/_gulagreader",
    ):
        assert f"gulagreader/share/{shared}" in names, shared
    assert any(n.startswith("gulagreader/_internal/gulagreader/icons/hicolor/") for n in names)  # the window icon


def _glibc(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in version.split("."))


def test_the_bundle_needs_no_newer_glibc_than_the_readme_says(read_only_install: Path) -> None:
    objdump = shutil.which("objdump")
    if objdump is None:
        pytest.skip("objdump is not installed (Debian: apt-get install binutils)")
    needed: dict[str, str] = {}
    for path in read_only_install.parent.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF":
            symbols = _run([objdump, "-T", str(path)]).stdout
            versions = re.findall(r"\bGLIBC_(\d+\.\d+(?:\.\d+)?)\b", symbols)
            if versions:
                needed[str(path.relative_to(read_only_install.parent))] = max(versions, key=_glibc)
    assert needed, "no ELF file asked for glibc"
    newest = max(needed.values(), key=_glibc)
    claim = re.search(r"needs glibc (\d+\.\d+)\s+or\s+later", (REPO / "README.md").read_text(encoding="utf-8"))
    assert claim, "the README names the glibc the bundle needs"
    worst = sorted(f for f, v in needed.items() if v == newest)
    assert _glibc(newest) <= _glibc(claim.group(1)), f"needs glibc {newest} ({', '.join(worst[:5])})"
    print(f"the bundle needs glibc {newest} (README: {claim.group(1)}): {', '.join(worst[:5])}")


def test_the_read_only_bundle_opens_the_reader_window_bound_to_its_entry(
    read_only_install: Path, tmp_path: Path
) -> None:
    from tests.x11 import window_properties, wm_class

    env = {"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    props = window_properties([str(read_only_install)], env, tmp_path / "reader.log")
    entry = read_only_install.parent / "share" / "applications" / "io.github.gulagreader.GulagReader.desktop"
    startup_class = next(line for line in entry.read_text().splitlines() if line.startswith("StartupWMClass="))
    assert wm_class(props) == ("gulagreader", startup_class.split("=", 1)[1]), props
    assert '_GTK_APPLICATION_ID(UTF8_STRING) = "io.github.gulagreader.GulagReader"' in props
    assert "Icon (48 x 48)" in props  # the icon shipped inside the bundle
