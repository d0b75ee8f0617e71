"""`gulagreader doctor`: what a librarian pastes into a support request.

Which settings files were looked for, read or ignored (and why); where the store, cache, data and
settings live; the versions of GulagReader, Python, Qt, tantivy and SQLite; then the self-test's
checks, which open the store, search, open the reader offscreen and watch for network sockets.
"""

from __future__ import annotations

import argparse
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

NAME = "doctor"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="report settings files, folders, versions and the self-test (for a support request)",
        description="Report which settings files were read and from where, where the store, cache and data "
        "live, the versions of Qt, tantivy and SQLite, and run the self-test (store, search, reader, network).",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-checks", action="store_true", help="leave out the self-test checks (faster)")


def run(args: argparse.Namespace) -> int:
    report = gather(args.corpus)
    checks: list[Any] = []
    if not args.no_checks:
        from gulagreader import selftest

        checks = selftest.run_checks(args.basedir, args.corpus)
        report["checks"] = [{"name": c.name, "status": c.status, "detail": c.detail} for c in checks]
    if args.json:
        from gulagreader.commands.output import print_json

        print_json(report)
    else:
        print(render(report))
    return 1 if any(c.failed for c in checks) else 0


def gather(corpus: Path | None = None) -> dict[str, Any]:
    """Everything the report says, as plain values (the `--json` shape)."""
    from gulagreader import __version__
    from gulagreader.core import paths
    from gulagreader.core.config import load_settings

    settings = load_settings()
    read = set(settings.files)
    candidates = paths.site_settings_candidates()
    first = next((i for i, path in enumerate(candidates) if path.exists()), len(candidates))
    files = []
    for i, (role, path) in enumerate([("site", p) for p in candidates] + [("user", paths.user_settings_file())]):
        said = [n for n in settings.notices if f"{path}:" in n or f"file {path} " in n]
        if path in read:
            state = "read"
        elif said:
            state = "ignored"
        elif role == "site" and i > first and path.exists():
            state = f"not read: {candidates[first]} comes first"
        else:
            state = "not present"
        files.append({"role": role, "path": str(path), "state": state})
    prebuilt = paths.prebuilt_store()
    base = paths.basedir()
    return {
        "gulagreader": __version__,
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "settings_files": files,
        "settings_notices": list(settings.notices),
        "settings": {
            "kiosk": settings.kiosk,
            "store": str(settings.store) if settings.store else None,
            "font_scale": settings.font_scale,
            "hidden_sources": list(settings.hidden_sources),
            "locked": list(settings.locked),
        },
        "folders": {
            "basedir": str(base) if base is not None else None,
            "corpus": str(corpus or paths.bundled_corpus()),
            "prebuilt_store": str(prebuilt) if (prebuilt / "manifest.json").is_file() else None,
            "cache": str(paths.cache_dir()),
            "data": str(paths.data_dir()),
            "config": str(paths.config_dir()),
        },
        "versions": _versions(),
        "sandbox": _sandbox(),
    }


def _versions() -> dict[str, str]:
    from gulagreader.core import corpusdb, index

    versions = {"python": platform.python_version(), "sqlite": corpusdb.engine_version()}
    versions["tantivy"] = index.engine_version()
    for name in ("sqlite-utils", "platformdirs"):
        try:
            versions[name.replace("-", "_")] = metadata.version(name)
        except metadata.PackageNotFoundError:  # a frozen bundle keeps no package metadata
            versions[name.replace("-", "_")] = "not recorded"
    try:
        import PySide6
        from PySide6 import QtCore

        versions["qt"] = QtCore.qVersion()
        versions["pyside6"] = PySide6.__version__
    except ImportError as exc:
        versions["qt"] = f"not importable ({exc})"
    return versions


def _sandbox() -> str:
    """Flatpak's own record of the sandbox (it says whether the network is shared), or how we run."""
    info = Path("/.flatpak-info")
    if info.is_file():
        shared = next(
            (
                line.split("=", 1)[1]
                for line in info.read_text(errors="replace").splitlines()
                if line.startswith("shared=")
            ),
            "",
        )
        network = "network shared" if "network" in shared.split(";") else "no network in the sandbox"
        return f"Flatpak ({network})"
    if getattr(sys, "frozen", False):
        return "frozen bundle (PyInstaller)"
    return f"Python package at {Path(__file__).resolve().parents[1]}"


def render(report: dict[str, Any]) -> str:
    """The report as text, one fact a line."""
    lines = [f"GulagReader {report['gulagreader']} doctor ({report['system']})", "", "Settings files:"]
    lines += [f"  {f['role']:5} {f['path']}  [{f['state']}]" for f in report["settings_files"]]
    lines += [f"  notice: {n}" for n in report["settings_notices"]]
    chosen = {k: v for k, v in report["settings"].items() if v not in (None, False, [], 1.0)}
    lines.append("  in effect: " + (", ".join(f"{k} = {v}" for k, v in chosen.items()) or "the defaults"))
    lines += ["", "Folders:"]
    lines += [f"  {k:15} {v if v is not None else '-'}" for k, v in report["folders"].items()]
    lines += ["", "Versions:"]
    lines += [f"  {k:15} {v}" for k, v in report["versions"].items()]
    lines += ["", f"Runs as: {report['sandbox']}"]
    if "checks" in report:
        lines += ["", "Checks (as --self-test):"]
        lines += [f"  {c['status']:12} {c['name']:9} {c['detail']}" for c in report["checks"]]
        failed = [c for c in report["checks"] if c["status"] == "FAIL"]
        lines.append(f"{len(failed)} check(s) failed." if failed else "All checks passed.")
    return "\n".join(lines)
