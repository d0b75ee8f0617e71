"""`gulagreader bookmarks`: list, add, delete, restore, export and import the reader's bookmarks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from gulagreader.commands.output import print_json, print_notice, print_notices

NAME = "bookmarks"
# What `list --json` gives of each bookmark: its record, the quote and position grouped, with what the corpus adds.
_LISTED = (
    "id", "passage_id", "source_id", "source_title", "status", "whole_passage", "quote", "position", "note", "tags",
    "events", "content_note", "created", "updated",
)  # fmt: skip


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        NAME, help="list, add, export and import bookmarks", description="Your bookmarks, notes and tags."
    )
    commands = parser.add_subparsers(dest="bookmarks_command", metavar="ACTION", parser_class=type(parser))
    commands.required = True

    listing = commands.add_parser("list", help="list bookmarks (newest first)")
    _filters(listing)
    listing.add_argument("--json", action="store_true", help="print one JSON list")

    add = commands.add_parser("add", help="bookmark a passage, or part of it")
    add.add_argument("passage_id", metavar="PASSAGE_ID")
    add.add_argument("--note", default="", help="a note (plain text, light Markdown)")
    add.add_argument("--tag", action="append", default=[], help="a tag, kept whole with its commas (repeat for more)")
    add.add_argument("--start", type=int, help="start of a selection in the passage text")
    add.add_argument("--end", type=int, help="end of the selection")

    delete = commands.add_parser("delete", help="delete bookmarks (undo with 'restore')")
    delete.add_argument("ids", nargs="+", metavar="ID")
    restore = commands.add_parser("restore", help="bring deleted bookmarks back")
    restore.add_argument("ids", nargs="+", metavar="ID")

    from gulagreader.core.bookmarks.exports import FILE_FORMATS

    export = commands.add_parser("export", help="export bookmarks (all, filtered, or by id)")
    export.add_argument(
        "--format",
        required=True,
        choices=list(FILE_FORMATS),
        dest="fmt",
        metavar="FORMAT",
        help=", ".join(FILE_FORMATS),
    )
    export.add_argument("--out", type=Path, help="write to this file (default: print)")
    export.add_argument("--id", action="append", dest="ids", metavar="ID", help="only this bookmark (repeat)")
    from gulagreader.commands.cite import add_style_option

    add_style_option(export)
    _filters(export)

    commands.add_parser(
        "dismiss", help="stop telling about a repaired bookmarks file (the kept original stays where it is)"
    )

    imports = commands.add_parser(
        "import", help="import bookmarks: our exports, Web Annotations (e.g. Hypothesis), Zotero CSL-JSON/RIS/BibTeX"
    )
    imports.add_argument("file", type=Path, metavar="FILE")


def _filters(parser: argparse.ArgumentParser) -> None:
    from gulagreader.core.bookmarks.service import BOOKMARK_ORDERS

    parser.add_argument("--text", default="", help="words in the quote, note, tags or source title")
    parser.add_argument("--tag", help="only bookmarks with this tag")
    parser.add_argument("--source", help="only bookmarks in this source")
    parser.add_argument("--event", help="only bookmarks of passages telling this event")
    parser.add_argument("--sort", choices=tuple(BOOKMARK_ORDERS), default="created")


def run(args: argparse.Namespace) -> int:
    if args.bookmarks_command == "dismiss":
        return _dismiss()
    from gulagreader.commands.corpus import open_corpus
    from gulagreader.core.bookmarks.service import BookmarkService

    service = BookmarkService(open_corpus(args.corpus))
    print_notices(service.notices)
    from gulagreader.core.bookmarks import repair as bookmarks_repair

    if bookmarks_repair.pending_notices(service.db.path):
        print_notice(bookmarks_repair.CLI_HINT)
    action = args.bookmarks_command
    if action in ("list", "export"):
        _reanchor(service)
    if action == "list":
        return _list(service, args)
    if action == "add":
        return _add(service, args)
    if action == "delete":
        gone = service.delete(args.ids)
        print(f"Deleted {len(gone)} bookmark(s); undo with 'gulagreader bookmarks restore {' '.join(args.ids)}'.")
        return 0
    if action == "restore":
        service.restore(args.ids)
        print(f"Restored {len(args.ids)} bookmark(s).")
        return 0
    if action == "export":
        return _export(service, args)
    return _import(service, args)


def _dismiss() -> int:
    from gulagreader.core.bookmarks import repair as bookmarks_repair

    path = bookmarks_repair.user_file()
    kept = [r.aside for r in bookmarks_repair.load(path) if r.state == bookmarks_repair.DONE]
    try:
        bookmarks_repair.dismiss(path)
    except OSError as exc:
        print_notice(f"the notice could not be dismissed ({exc.strerror}).")
        return 1
    if not kept:
        print("There is no notice about your bookmarks file to dismiss.")
    for aside in kept:
        print(f"Dismissed; the original file is still kept as {aside} (delete it when you no longer need it).")
    return 0


def _reanchor(service: Any) -> None:
    report = service.reanchor()
    if report.moved or report.orphaned:
        print_notice(
            f"the corpus changed: {len(report.moved)} bookmark(s) moved to another passage and "
            f"{len(report.orphaned)} no longer found (kept as orphaned)."
        )


def _found(service: Any, args: argparse.Namespace) -> list[Any]:
    for bookmark_id in getattr(args, "ids", None) or ():
        service.get(bookmark_id)  # an id that names no bookmark is refused (NotFound), not silently skipped
    return list(
        service.find(
            text=args.text,
            tag=args.tag,
            source=args.source,
            event=args.event,
            sort=args.sort,
            ids=getattr(args, "ids", None),
        )
    )


def _list(service: Any, args: argparse.Namespace) -> int:
    bookmarks = _found(service, args)
    passages = service.passages(bookmarks)
    if args.json:
        rows = []
        for b in bookmarks:
            passage = passages.get(b.passage_id)
            record = b.record()
            record.update(
                source_title=service.source_of(b).title,
                quote={k: record[k] for k in ("exact", "prefix", "suffix")},
                position={k: record[k] for k in ("start", "end")},
                events=list(passage.events) if passage else [],
                content_note=passage.content_note if passage else "",
            )
            rows.append({k: record[k] for k in _LISTED})
        print_json(rows)
        return 0
    if not bookmarks:
        print("No bookmarks." if not (args.text or args.tag or args.source or args.event) else "No bookmark matches.")
        return 0
    for b in bookmarks:
        status = "" if b.status == "anchored" else f"  ({b.status})"
        print(f"[{b.passage_id}] {service.source_of(b).title} — {b.created[:10]}{status}")
        quote = " ".join(b.quote.exact.split())
        print(f"  “{quote if len(quote) <= 160 else quote[:159] + '…'}”")
        if b.note:
            print("  Note: " + "\n        ".join(b.note.splitlines()))
        if b.tags:
            print("  Tags: " + "; ".join(b.tags))
        print(f"  id {b.id}")
    return 0


def _add(service: Any, args: argparse.Namespace) -> int:
    if (args.start is None) != (args.end is None):
        print_notice("give both --start and --end, or neither (see 'gulagreader --help')")
        return 2
    before = service.same_selection(args.passage_id, args.start, args.end)
    bookmark = service.add(args.passage_id, args.start, args.end, note=args.note, tags=args.tag)
    print(bookmark.id)
    if before is not None and before.note and bookmark.note != before.note:
        print_notice("updated the existing bookmark; the old note was: " + " / ".join(before.note.splitlines()))
    elif before is not None:
        print_notice("this was already bookmarked; the existing bookmark was kept, its note unchanged.")
    return 0


def _export(service: Any, args: argparse.Namespace) -> int:
    from gulagreader.commands.cite import chosen_style
    from gulagreader.core.bookmarks.exports import export

    bookmarks = _found(service, args)
    text = export(service, bookmarks, args.fmt, chosen_style(args))
    if args.out is None:
        sys.stdout.write(text)
        return 0
    from gulagreader.core.bookmarks.exports import write_export

    write_export(args.out, text)
    print(f"Exported {len(bookmarks)} bookmark(s) to {args.out}.", file=sys.stderr)
    return 0


def _import(service: Any, args: argparse.Namespace) -> int:
    from gulagreader.core.bookmarks.imports import import_file

    _, said = import_file(service, args.file)
    print(said)
    return 0
