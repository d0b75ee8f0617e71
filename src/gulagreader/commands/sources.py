"""`gulagreader sources`: the sources of the edition, one a line (or JSON)."""

from __future__ import annotations

import argparse
from typing import Any

from gulagreader.commands.output import print_json

NAME = "sources"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(NAME, help="list the sources")
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    from gulagreader.commands.corpus import open_corpus
    from gulagreader.commands.show import source_json
    from gulagreader.core.library import Library

    sources = Library(open_corpus(args.corpus, bookmark_repairs=True)).sources()
    if args.json:
        print_json([source_json(s) for s in sources])
        return 0
    for s in sources:
        authors = s.byline_authors
        print(f"{s.id:18} {s.title} — {authors}; {s.date or 'undated'}; {s.genre} ({s.passage_count} passages)")
    return 0
