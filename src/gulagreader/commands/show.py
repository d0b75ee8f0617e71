"""`gulagreader show ID`: a passage (with where it is in the original) or a whole source."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from gulagreader.commands.output import print_json

if TYPE_CHECKING:
    from gulagreader.core.model import Passage, Source

NAME = "show"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(NAME, help="print a passage or a whole source")
    parser.add_argument("id", help="a passage id (isr-1963.p012) or a source id (isr-1963)")
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    from gulagreader.commands.corpus import open_corpus
    from gulagreader.core.library import Library

    library = Library(open_corpus(args.corpus, bookmark_repairs=True))
    if library.has_source(args.id):
        source = library.source(args.id)
        passages = library.passages_of(args.id)
        if args.json:
            print_json({"source": source_json(source), "passages": [_passage_json(p) for p in passages]})
            return 0
        print(f"{source.title}\n")
        for p in passages:
            print(_passage_text(p) + "\n")
        return 0
    passage = library.passage(args.id)
    if args.json:
        print_json({"source": source_json(library.source(passage.source_id)), "passage": _passage_json(passage)})
        return 0
    source = library.source(passage.source_id)
    where = f" — {passage.original_lines} of {source.original}" if passage.original_lines else ""
    print(f"[{passage.id}] {source.title}{where}\n\n{_passage_text(passage)}")
    for fix in source.corrections_of(passage.id):
        quoted = f" “{fix.original}”" if fix.original else ""
        print(f"  [{fix.label}{quoted}] ours: {fix.note}")
    return 0


def source_json(source: Source) -> dict[str, Any]:
    """A source in the JSON of `show` and `sources`."""
    return asdict(source)


def _passage_json(p: Passage) -> dict[str, Any]:
    row = asdict(p)
    row["notes"] = [{"offset": n.offset, "label": n.label, "note_id": n.note_id} for n in p.notes]
    row.pop("line", None)
    return row


def _passage_text(p: Passage) -> str:
    text = p.text
    for ref in reversed(p.notes):
        text = text[: ref.offset] + f"[{ref.label}]" + text[ref.offset :]
    prefix = {"heading": "#" * max(p.level, 1) + " ", "note": f"[{p.label}] ", "list_item": f"{p.label}. "}
    line = prefix.get(p.kind, "") + text
    if p.content_note:
        line += f"\n  (Content note: {p.content_note})"
    return line
