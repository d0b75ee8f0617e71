"""The desktop entry, AppStream metadata and icons in resources/ are valid and agree with the program."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET

import pytest

from gulagreader import __version__
from tests.conftest import REPO

APP_ID = "io.github.gulagreader.GulagReader"
RESOURCES = REPO / "resources"
DESKTOP = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _validator(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install {package})")
    return path


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    tool = _validator("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_metainfo_passes_appstreamcli_validate_strict() -> None:
    tool = _validator("appstreamcli", "appstream")
    done = subprocess.run(
        [tool, "validate", "--strict", "--no-net", str(METAINFO)], capture_output=True, text=True, timeout=60
    )
    issues = [line for line in done.stdout.splitlines() if re.match(r"[EWI]: ", line)]
    if done.returncode != 0 and _appstream_version(tool) < (1, 0):
        # AppStream 1.0 replaced <developer_name> (which 1.0 rejects as deprecated, and Flathub with it) by
        # <developer>; an older appstreamcli (Debian 12 has 0.16) knows only the old tag and says so as an
        # info. That one line is the only issue such a validator may report.
        assert issues == [f"I: {APP_ID}:{_line_of('<developer ')}: unknown-tag developer"], done.stdout
        return
    assert done.returncode == 0 and not issues, done.stdout + done.stderr


def _appstream_version(tool: str) -> tuple[int, ...]:
    said = subprocess.run([tool, "--version"], capture_output=True, text=True, timeout=60).stdout
    found = re.search(r"(\d+)\.(\d+)", said)
    return tuple(int(n) for n in found.groups()) if found else (0,)


def _line_of(text: str) -> int:
    return next(n for n, line in enumerate(METAINFO.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_the_metainfo_links_the_project_pages_software_centres_show() -> None:
    root = ET.parse(METAINFO).getroot()
    urls = {u.get("type"): (u.text or "") for u in root.iter("url")}
    assert {"homepage", "bugtracker", "vcs-browser"} <= set(urls), urls
    assert all(url.startswith("https://") for url in urls.values()), urls
    assert root.find("developer") is not None and root.find("developer_name") is None  # the AppStream 1.0 form


def test_the_desktop_entry_names_the_window_class_and_the_metainfo_the_entry() -> None:
    entry = dict(line.split("=", 1) for line in DESKTOP.read_text(encoding="utf-8").splitlines() if "=" in line)
    assert entry["StartupWMClass"] == "GulagReader"  # the application name Qt gives WM_CLASS (tests/ui/...binding)
    assert entry.get("StartupNotify") == "true"


def test_the_desktop_entry_starts_the_program_with_our_icon() -> None:
    entry = dict(line.split("=", 1) for line in DESKTOP.read_text(encoding="utf-8").splitlines() if "=" in line)
    assert entry["Exec"].split()[0] == "gulagreader"
    assert entry["Icon"] == APP_ID


def test_the_metainfo_names_this_version_and_real_screenshots() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    releases = [r.get("version") for r in root.iter("release")]
    assert releases[0] == __version__  # the newest release first, as AppStream wants
    for image in root.iter("image"):
        name = (image.text or "").rsplit("/docs/screenshots/", 1)[-1]
        assert (REPO / "docs" / "screenshots" / name).is_file(), image.text
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"


def test_the_icon_comes_in_every_size() -> None:
    for size in ICON_SIZES:
        png = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        head = png.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n", png
        assert struct.unpack(">II", head[16:24]) == (size, size), png
    svg = RESOURCES / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert ET.parse(svg).getroot().tag.endswith("svg")
