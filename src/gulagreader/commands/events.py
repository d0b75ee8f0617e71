"""`gulagreader events`: the events with their episodes, accounts and figures."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from gulagreader.commands.output import print_json

NAME = "events"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(NAME, help="list the events with their episodes, accounts and figures")
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    from gulagreader.commands.corpus import open_corpus
    from gulagreader.core.library import Library

    events = Library(open_corpus(args.corpus, bookmark_repairs=True)).events()
    if args.json:
        print_json(
            [
                {
                    **asdict(e),
                    "accounts": [
                        {"source_id": a.source_id, "passage_ids": list(a.passage_ids), "episodes": a.episodes}
                        for a in e.accounts
                    ],
                }
                for e in events
            ]
        )
        return 0
    for e in events:
        print(f"{e.id:28} {e.date_text or e.start:22} {e.title} ({len(e.accounts)} account(s)) [{e.kind_label}]")
    return 0
