"""`gulagreader cite`: the citation of a passage in a CSL style (bundled, or any .csl file)."""

from __future__ import annotations

import argparse
from typing import Any

from gulagreader.commands.output import print_json

NAME = "cite"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="cite a passage (Chicago, APA, MLA or a .csl file)",
        description="The citation of a passage: the note (or in-text citation) and the bibliography entry.",
    )
    parser.add_argument("passage_id", metavar="PASSAGE_ID")
    add_style_option(parser)
    parser.add_argument("--html", action="store_true", help="print HTML (italics as <i>) instead of plain text")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def add_style_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--style",
        default=None,
        metavar="STYLE",
        help="chicago, apa, mla, or the path of a .csl file (default: citation_style in the settings, else chicago)",
    )


def chosen_style(args: argparse.Namespace) -> str:
    """--style, else the settings' citation_style; checked (raises UserError for a bad one)."""
    from gulagreader.core.citations.render import check_style
    from gulagreader.core.config import load_settings

    return check_style(args.style or load_settings().citation_style)


def run(args: argparse.Namespace) -> int:
    from gulagreader.commands.corpus import open_corpus
    from gulagreader.core.citations.render import cite_passage
    from gulagreader.core.library import Library

    style = chosen_style(args)
    store = open_corpus(args.corpus)
    citation = cite_passage(Library(store), args.passage_id, style)
    if args.json:
        locator = citation.locator
        row = {
            "style": citation.style,
            "note": citation.text,
            "note_html": citation.html,
            "bibliography": citation.bibliography,
            "bibliography_html": citation.bibliography_html,
            "locator": {"paragraph": locator.paragraph, "page": locator.page, "passage_id": locator.passage_id},
        }
        print_json(row)
        return 0
    print(citation.html if args.html else citation.text)
    print(citation.bibliography_html if args.html else citation.bibliography)
    return 0
