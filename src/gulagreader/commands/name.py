"""`gulagreader name ID`: one name's entry (see `gulagreader.commands.names`)."""

from __future__ import annotations

import argparse
from typing import Any

NAME = "name"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="show one name: its Cyrillic, every spelling the texts print, passages, events, our note",
        description="One entry of the index of names; ids from 'gulagreader names'.",
    )
    parser.add_argument("name_id", metavar="ID", help="a name id, e.g. vorkuta or derevianko")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    from gulagreader.commands.names import run_entry

    return run_entry(args)
