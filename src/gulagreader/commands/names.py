"""`gulagreader names` and `gulagreader name ID`: the index of names, and one name's entry."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from gulagreader.commands.output import print_json

NAME = "names"
KINDS = ("person", "place", "camp", "organisation")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="list the names (people, places, camps, organisations) with their Cyrillic and counts",
        description="The index of names: canonical form, Cyrillic form (ours), passages and occurrences.",
    )
    parser.add_argument("--kind", choices=KINDS, help="only names of this kind")
    parser.add_argument("--json", action="store_true", help="print one JSON array")


def run(args: argparse.Namespace) -> int:
    from gulagreader.commands.corpus import open_corpus
    from gulagreader.core.names.index import NamesIndex

    names = NamesIndex(open_corpus(args.corpus)).names(args.kind)
    if args.json:
        print_json([asdict(n) for n in names])
        return 0
    for n in names:
        cyrillic = f"  [{' / '.join(n.cyrillic)}]" if n.cyrillic else ""
        print(f"{n.id:36} {n.kind:12} {n.passages:4} passages  {n.canonical}{cyrillic}")
    print(f"{len(names)} names.")
    return 0


def run_entry(args: argparse.Namespace) -> int:
    from gulagreader.commands.corpus import open_corpus
    from gulagreader.core.errors import NotFound
    from gulagreader.core.names.index import NamesIndex

    entry = NamesIndex(open_corpus(args.corpus)).entry(args.name_id)
    if entry is None:
        raise NotFound("name", args.name_id, f"No name with the id {args.name_id!r}; 'gulagreader names' lists them.")
    if args.json:
        print_json(asdict(entry))
        return 0
    print(f"{entry.canonical} ({entry.kind}, {entry.id})")
    for language, form in entry.cyrillic:
        print(f"  Cyrillic ({language}, ours): {form}")
    print("  Printed in the texts:")
    for s in entry.spellings:
        how = f"  [{s.derivation}]" if s.derivation else ""
        print(f"    {s.spelling} ×{s.count}: {', '.join(s.passages[:8])}{' …' if len(s.passages) > 8 else ''}{how}")
    if entry.variants:
        print(f"  Variants (ours): {'; '.join(entry.variants)}")
    if entry.derived:
        forms = sorted({f for f, _ in entry.derived})
        print(f"  Derived romanisations ({len(forms)}): {'; '.join(forms[:30])}{' …' if len(forms) > 30 else ''}")
    if entry.events:
        print(f"  Events: {'; '.join(f'{t} ({i})' for i, t in entry.events)}")
    if entry.note:
        print(f"  Note (ours): {entry.note}")
    print(f"  {len(entry.passages)} passages: {' '.join(entry.passages)}")
    return 0
