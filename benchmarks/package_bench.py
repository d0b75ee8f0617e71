"""Size and start-up time of the frozen reader (packaging/build.sh), for docs/benchmarks.md.

    packaging/build.sh && .venv/bin/python benchmarks/package_bench.py [--bundle dist/gulagreader] [--runs 5]

Each timing starts the bundle's program afresh (a new process, as a user would), with the OS page
cache warm: the first start after a reboot is slower. 'New user' runs get a fresh --basedir and a
read-only copy of the bundle, so they include copying the index to the user's cache. Nothing here
asserts on timings.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _timed(command: list[str], runs: int, fresh: Path | None = None) -> float:
    """The median wall time of `runs` starts of `command` (a fresh --basedir each time under `fresh`)."""
    times = []
    for n in range(runs):
        extra = ["--basedir", str(fresh / f"user-{n}")] if fresh else []
        started = time.perf_counter()
        subprocess.run([command[0], *extra, *command[1:]], check=True, capture_output=True, timeout=300)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "gulagreader")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    program = args.bundle / "gulagreader"
    if not program.exists():
        raise SystemExit(f"No bundle at {args.bundle}: run packaging/build.sh first.")
    tarballs = sorted(args.bundle.parent.glob("gulagreader-*-linux-*.tar.gz"))
    with tempfile.TemporaryDirectory(prefix="gulagreader-bench-") as temp:
        copy = Path(temp) / "ro" / "gulagreader"
        shutil.copytree(args.bundle, copy, symlinks=True)
        for path in copy.rglob("*"):
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & ~0o222)
        users = Path(temp) / "users"
        ro = str(copy / "gulagreader")
        warm = [ro, "--basedir", str(users / "user-0"), "search", "Vorkuta"]
        rows = [
            ("`--version` (start the frozen interpreter)", _timed([ro, "--version"], args.runs)),
            ("`search Vorkuta`, a new user (index copied to the cache)", _timed([ro, "search", "Vorkuta"], 1, users)),
            ("`search Vorkuta`, warm", _timed(warm, args.runs)),
            ("`--self-test` (store, searches, compare, reader offscreen, strace)", _timed([ro, "--self-test"], 1)),
        ]
        for path in copy.rglob("*"):
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | 0o200)
    print(f"Frozen reader, {platform.system()} {platform.machine()}, {os.cpu_count()} cores; page cache warm.\n")
    print("| what | value |\n|---|---|")
    print(f"| bundle folder `{args.bundle.name}/` | {_size(args.bundle) / 2**20:.0f} MiB |")
    for tarball in tarballs:
        print(f"| `{tarball.name}` | {tarball.stat().st_size / 2**20:.0f} MiB |")
    for what, seconds in rows:
        print(f"| {what} | {seconds:.2f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
