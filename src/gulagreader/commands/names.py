"""`gulagreader names` and `gulagreader name ID`: the index of names, and one name's entry."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

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


def _store() -> Any:
    from gulagreader.core.store import open_store

    store = open_store(_corpus)
    for notice in store.notices:
        print(f"gulagreader: {notice}", file=sys.stderr)
    return store


_corpus = None


def run(args: argparse.Namespace) -> int:
    global _corpus
    from gulagreader.core.names.index import NamesIndex

    _corpus = args.corpus
    index = NamesIndex(_store())
    names = index.names(args.kind)
    if args.json:
        _dump([asdict(n) for n in names])
        return 0
    for n in names:
        cyrillic = f"  [{' / '.join(n.cyrillic)}]" if n.cyrillic else ""
        print(f"{n.id:36} {n.kind:12} {n.passages:4} passages  {n.canonical}{cyrillic}")
    print(f"{len(names)} names.")
    return 0


def run_entry(args: argparse.Namespace) -> int:
    global _corpus
    from gulagreader.core.errors import UserError
    from gulagreader.core.names.index import NamesIndex

    _corpus = args.corpus
    index = NamesIndex(_store())
    entry = index.entry(args.name_id)
    if entry is None:
        raise UserError(f"No name with the id {args.name_id!r}; 'gulagreader names' lists them.")
    if args.json:
        _dump(asdict(entry))
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


def _dump(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=1)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, ensure_ascii=True, indent=1)
    sys.stdout.write(text + "\n")
