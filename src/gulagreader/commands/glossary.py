"""`gulagreader glossary [TERM] [--json]`: the glossary's terms, our definitions and the passages that use them."""

from __future__ import annotations

import argparse
import shutil
import textwrap
from typing import Any

from gulagreader.commands.output import print_json
from gulagreader.core.errors import NotFound

NAME = "glossary"
SHOWN_PASSAGES = 8  # passage ids listed per term in the text output


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="list the glossary: terms of the camps and the period, our definitions, the passages that use them",
        description="Print the glossary. The definitions are ours; the forms are spelled as the texts print them.",
    )
    parser.add_argument("term", nargs="?", metavar="TERM", help="only this term (its id or one of its forms)")
    parser.add_argument("--json", action="store_true", help="print a JSON list (shape in README.md)")


def run(args: argparse.Namespace) -> int:
    from gulagreader.commands.corpus import open_corpus
    from gulagreader.core.library import Library

    terms = Library(open_corpus(args.corpus)).glossary()
    if args.term:
        wanted = args.term.casefold()
        terms = [t for t in terms if wanted in (t.id, t.term.casefold(), *(f.casefold() for f in t.forms))]
        if not terms:
            raise NotFound("glossary term", args.term, f"No glossary term {args.term!r} (see 'gulagreader glossary').")
    if args.json:
        rows = [
            {
                "id": t.id,
                "term": t.term,
                "forms": list(t.forms),
                "definition": t.definition,
                "passages": list(t.passages),
            }
            for t in terms
        ]
        print_json(rows)
        return 0
    width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
    for t in terms:
        print(f"{t.term} — as printed: {', '.join(t.forms)}")
        print(textwrap.fill(f"Our definition: {t.definition}", width, initial_indent="  ", subsequent_indent="  "))
        shown = ", ".join(t.passages[:SHOWN_PASSAGES]) + (" …" if len(t.passages) > SHOWN_PASSAGES else "")
        print(
            textwrap.fill(
                f"Used in {len(t.passages)} passage(s): {shown}", width, initial_indent="  ", subsequent_indent="    "
            )
        )
        print()
    return 0
