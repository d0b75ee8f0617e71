"""`gulagreader build`: lint a corpus folder and build its store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

NAME = "build"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(NAME, help="lint a corpus folder and build its store")
    parser.add_argument("--corpus", dest="build_corpus", type=Path, help="corpus folder (default: the bundled one)")
    parser.add_argument("--out", type=Path, help="store folder (default: the cache, keyed by the corpus hash)")


def run(args: argparse.Namespace) -> int:
    from gulagreader.core import paths
    from gulagreader.core.store import build_store

    corpus = args.build_corpus or args.corpus or paths.bundled_corpus()
    report = build_store(corpus, args.out)
    for finding in report.warnings:
        print(finding, file=sys.stderr)
    print(
        f"Built {report.store}: {report.sources} sources, {report.passages} passages, "
        f"{report.names} names, {report.events} events in {report.seconds:.2f} s."
    )
    return 0
