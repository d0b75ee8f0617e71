"""The Flatpak recipe agrees with the project: versions, every runtime dependency, pinned sources, no network."""

from __future__ import annotations

import json
import re
import tomllib

from gulagreader import __version__
from tests.conftest import REPO

FLATPAK = REPO / "packaging" / "flatpak"
MANIFEST = (FLATPAK / "io.github.gulagreader.GulagReader.yml").read_text(encoding="utf-8")
REQUIREMENTS = json.loads((FLATPAK / "python3-requirements.json").read_text(encoding="utf-8"))


def _top(key: str) -> str:
    found = re.search(rf"^{re.escape(key)}: *'?([^'\n]+)'?$", MANIFEST, re.MULTILINE)
    assert found, key
    return found.group(1).strip()


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _pins() -> dict[str, str]:
    lines = (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()
    return {_name(n): v for n, v in (line.split("==", 1) for line in lines if "==" in line and line[0] != "#")}


def _listed() -> dict[str, str]:
    """The packages the requirements module installs, with their versions."""
    return {_name(n): v for n, v in re.findall(r'"([A-Za-z0-9_.-]+)==([^"]+)"', REQUIREMENTS["build-commands"][0])}


def test_pyside_comes_from_the_base_app_of_a_version_pyproject_allows() -> None:
    assert _top("base") == "io.qt.PySide.BaseApp" and _top("runtime") == "org.kde.Platform"
    assert _top("base-version") == _top("runtime-version")  # the base app's branch is built on that runtime
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (pyside,) = [r for r in project["project"]["dependencies"] if r.lower().startswith("pyside6")]
    low, high = re.search(r">=([\d.]+),<([\d.]+)", pyside).groups()  # type: ignore[union-attr]
    version = tuple(int(n) for n in _top("base-version").split("."))
    assert tuple(int(n) for n in low.split(".")) <= version < tuple(int(n) for n in high.split(".")), pyside
    assert "pyside6" not in _listed() and not re.search(r"6\.12\.\d", re.sub(r"#.*", "", MANIFEST))


def test_every_runtime_dependency_is_installed_at_its_pinned_version() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    needed = {_name(r) for r in project["project"]["dependencies"]} - {"pyside6-essentials"}
    listed, pins = _listed(), _pins()
    assert needed <= set(listed), needed - set(listed)  # segno included: the kiosk's QR codes
    assert "segno" in listed
    for name, version in listed.items():
        if name in pins:
            assert version == pins[name], name
    assert "--no-index" in REQUIREMENTS["build-commands"][0]  # nothing is fetched during the build


def test_every_source_is_a_checksummed_file_or_a_tagged_git_checkout() -> None:
    for source in REQUIREMENTS["sources"]:
        assert source["type"] == "file" and source["url"].startswith("https://files.pythonhosted.org/"), source
        assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"]), source
    wheels = [s["url"].rsplit("/", 1)[-1] for s in REQUIREMENTS["sources"]]
    assert len(wheels) == len(set(wheels))
    assert "type: dir" not in MANIFEST
    assert re.search(r"- type: git\n +url: https://\S+\.git\n +tag: v" + re.escape(__version__) + r"\n", MANIFEST)


def test_the_sandbox_has_no_network_and_runs_the_self_test_at_build() -> None:
    code = re.sub(r"#.*", "", MANIFEST)
    finish = re.split(r"\n(?=\S)", code.split("finish-args:", 1)[1], maxsplit=1)[0]
    assert "--socket=wayland" in finish and "--share=network" not in code
    assert "--self-test" in MANIFEST and "cleanup-BaseApp.sh" in MANIFEST
    assert _top("command") == "gulagreader" and _top("id") == "io.github.gulagreader.GulagReader"
