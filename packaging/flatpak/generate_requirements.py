"""Write python3-requirements.json: the Flatpak's Python packages as pinned files from PyPI.

    .venv/bin/python packaging/flatpak/generate_requirements.py

flatpak-builder downloads nothing but the sources a manifest lists, each with its sha256. This asks
pip (a dry run: nothing is installed) which files make up our runtime dependencies, held to the
pins of requirements.lock, for the Python of the KDE runtime the PySide base app builds on, on both
Flathub architectures. PySide6 comes from the base app, and pip from the SDK, so neither is listed.
The build of our own wheel needs hatchling, so it and its dependencies are listed too.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).with_name("python3-requirements.json")
PYTHON = "3.13"  # the org.kde.Platform 6.10 runtime's (freedesktop 25.08)
ARCHES = ("x86_64", "aarch64")
FROM_ELSEWHERE = {"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6", "pip"}


def _name(requirement: str) -> str:
    for stop in "<>=!~[; ":
        requirement = requirement.split(stop, 1)[0]
    return requirement.strip().lower().replace("_", "-")


def wanted() -> list[str]:
    """Our runtime dependencies (bar PySide6) and the build backend, each at its pin in requirements.lock."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    names = [_name(r) for r in project["project"]["dependencies"]] + [_name(project["build-system"]["requires"][0])]
    pins = {}
    for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pins[_name(name)] = version.strip()
    build = project["build-system"]["requires"][0]
    return [build if n == _name(build) else f"{n}=={pins[n]}" for n in names if n not in FROM_ELSEWHERE]


def resolved(arch: str) -> list[dict[str, str]]:
    """The files pip would install on `arch`: name, version, url, sha256."""
    with tempfile.TemporaryDirectory() as temp:
        report = Path(temp) / "report.json"
        subprocess.run(
            [sys.executable, "-m", "pip", "--isolated", "install", "--dry-run", "--quiet", "--ignore-installed",
             "--only-binary=:all:", "--implementation", "cp", "--python-version", PYTHON,
             "--platform", f"manylinux2014_{arch}", "--platform", f"manylinux_2_28_{arch}",
             "--target", str(Path(temp) / "t"), "--report", str(report), "-c", str(REPO / "requirements.lock"),
             *wanted()],
            check=True,
        )
        items = json.loads(report.read_text())["install"]
    return [
        {
            "name": i["metadata"]["name"].lower(),
            "version": i["metadata"]["version"],
            "url": i["download_info"]["url"],
            "sha256": i["download_info"]["archive_info"]["hashes"]["sha256"],
        }
        for i in items
        if _name(i["metadata"]["name"]) not in FROM_ELSEWHERE
    ]


def main() -> int:
    by_arch = {arch: resolved(arch) for arch in ARCHES}
    sources: list[dict[str, object]] = []
    for arch, files in by_arch.items():
        for f in files:
            everywhere = all(any(g["url"] == f["url"] for g in other) for other in by_arch.values())
            if everywhere and any(s["url"] == f["url"] for s in sources):
                continue
            source: dict[str, object] = {"type": "file", "url": f["url"], "sha256": f["sha256"]}
            if not everywhere:
                source["only-arches"] = [arch]
            sources.append(source)
    names = sorted({f"{f['name']}=={f['version']}" for files in by_arch.values() for f in files})
    module = {
        "name": "python3-requirements",
        "buildsystem": "simple",
        "build-commands": [
            'pip3 install --verbose --no-index --find-links="file://${PWD}" --prefix="${FLATPAK_DEST}" '
            "--no-build-isolation " + " ".join(f'"{n}"' for n in names)
        ],
        "sources": sources,
    }
    OUT.write_text(json.dumps(module, indent=4) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(names)} packages, {len(sources)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
