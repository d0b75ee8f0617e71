"""The command line: the same services as the reader, printed as text or JSON.

The commands, options and JSON shapes are a stable contract (see README.md).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from gulagreader import __version__
from gulagreader.core import paths
from gulagreader.core.errors import CorpusError, UserError

if TYPE_CHECKING:  # the reader starts without the core's model (see ui.main_window)
    from gulagreader.core.model import Passage, Source

QUERY_HELP = """\
query language:
  words             passages with all the words rank first, then those with any
  "a phrase"        the exact words in this order (no stemming)
  a OR b            either word
  NOT word, -word   leave out passages with the word
  prefix*           words starting with 'prefix' (at least two letters)
  name~             fuzzy: words one or two letters away (Derevyanko~)
  ( ... )           grouping
  source:ID         only this source (see 'gulagreader sources')
  event:ID          only passages telling this event (see 'gulagreader events')
  author:NAME       only sources by this author
  year:1953         passages about or mentioning this year; year:1936..1938 for a range
Case and diacritics are ignored (Pűkys = Pukys); prose words are stemmed (strikes = strike);
a known name matches all its spellings (Derevyanko finds Derevianko; Petchora finds Pechora).
"""


# Command modules in gulagreader.commands (each: NAME, register(sub), run(args) -> int).
COMMANDS: tuple[str, ...] = ("compare", "bookmarks", "kiosk", "glossary", "places", "names", "name", "cite", "doctor")


# The commands built into this module, in the order of --help; then the modules' COMMANDS.
BUILT_IN: tuple[str, ...] = ("search", "show", "sources", "events", "build")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # Only the command modules the arguments name are loaded, so argparse's own list of choices
        # would leave the others out: name every command here.
        unknown = re.match(r"argument command: invalid choice: (.+?) \(choose from", message)
        if unknown:
            message = f"unknown command {unknown.group(1)}; the commands are {', '.join(BUILT_IN + COMMANDS)}"
        self.exit(2, f"gulagreader: {message} (see 'gulagreader --help')\n")


def _parser(commands: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    parser = _Parser(prog="gulagreader", description="Read and search accounts of resistance in the Soviet camps.")
    parser.add_argument("--version", action="version", version=f"gulagreader {__version__}")
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation (store, search, reader, no network)"
    )
    parser.add_argument("--basedir", type=Path, help="keep all files (store, settings, data) under this folder")
    parser.add_argument("--corpus", type=Path, help="use this corpus folder instead of the bundled edition")
    parser.add_argument("--kiosk", action="store_true", help="open the reader locked down for a public machine")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    search = sub.add_parser(
        "search",
        help="search the corpus",
        epilog=QUERY_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    search.add_argument("--limit", type=int, default=10, help="number of hits to show (default 10)")
    search.add_argument("--source", help="only this source id")
    search.add_argument("--event", help="only this event id")
    search.add_argument("--sort", choices=["relevance", "source"], default="relevance")
    search.add_argument("--json", action="store_true", help="print one JSON object")
    search.add_argument(
        "--exact", action="store_true", help="exact spelling: no near spellings for a word with no match"
    )
    search.add_argument("query", nargs="+", help="the query (see below)")

    show = sub.add_parser("show", help="print a passage or a whole source")
    show.add_argument("id", help="a passage id (isr-1963.p012) or a source id (isr-1963)")
    show.add_argument("--json", action="store_true")

    sources = sub.add_parser("sources", help="list the sources")
    sources.add_argument("--json", action="store_true")

    events = sub.add_parser("events", help="list the events with their episodes, accounts and figures")
    events.add_argument("--json", action="store_true")

    build = sub.add_parser("build", help="lint a corpus folder and build its store")
    build.add_argument("--corpus", dest="build_corpus", type=Path, help="corpus folder (default: the bundled one)")
    build.add_argument("--out", type=Path, help="store folder (default: the cache, keyed by the corpus hash)")
    for module in _command_modules(commands):
        module.register(sub)
    return parser


_NO_ARGUMENTS = argparse.Namespace(command=None, self_test=False, basedir=None, corpus=None, kiosk=False)

# Qt's own command-line options (QGuiApplication, QApplication, the xcb platform), for the reader's window.
QT_OPTIONS = frozenset(
    {"-style", "-stylesheet", "-platform", "-platformtheme", "-platformpluginpath", "-plugin", "-session"}
    | {"-qwindowgeometry", "-qwindowtitle", "-qwindowicon", "-display", "-name"}
)
QT_FLAGS = frozenset({"-reverse", "-widgetcount", "-nograb", "-dograb", "-sync"})


def split_qt_options(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """Qt's own options (`-style fusion`, `-platformtheme=gtk3`, `--reverse`) and the rest of `argv`."""
    qt: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":  # the rest is a command's words
            rest += argv[i:]
            break
        name = "-" + arg.split("=", 1)[0].lstrip("-") if arg.startswith("-") else ""
        if name in QT_OPTIONS and ("=" in arg or i + 1 < len(argv)):
            qt += [arg] if "=" in arg else [arg, argv[i + 1]]
            i += 1 if "=" in arg else 2
            continue
        if name in QT_FLAGS:
            qt.append(arg)
        else:
            rest.append(arg)
        i += 1
    return qt, rest


def _command_modules(names: Sequence[str] = COMMANDS) -> list[Any]:
    import importlib

    return [importlib.import_module(f"gulagreader.commands.{name}") for name in names if name in COMMANDS]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # Import only the command modules the arguments name (all for --help): the reader, started
    # with no command, must not pay for them (bookmarks alone loads sqlite-utils, ~100 ms).
    wanted = COMMANDS if {"-h", "--help"} & set(argv) else tuple(c for c in COMMANDS if c in argv)
    # With no arguments (how the desktop entry starts the reader) there is nothing to parse, and
    # building the parser of every command would add ~6 ms to the reader's start.
    qt_options, ours = split_qt_options(argv)
    args = _parser(wanted).parse_args(ours) if ours else _NO_ARGUMENTS
    if qt_options and args.command is not None:  # for a command they are its own words ('-reverse': a query's)
        qt_options, args = [], _parser(wanted).parse_args(argv)
    _sound_text_arguments(args)
    _tolerant_output()
    if args.basedir:
        paths.set_basedir(args.basedir)
    try:
        if args.self_test:
            from gulagreader import selftest

            return selftest.run(args.basedir, args.corpus)
        if args.command is None:
            return _no_command(args, qt_options)
        if args.command == "build":
            return _build(args)
        if args.command in COMMANDS:
            module = next(m for m in _command_modules((args.command,)) if args.command == m.NAME)
            return int(module.run(args))
        return _run(args)
    except CorpusError as exc:
        print(f"gulagreader: {exc}", file=sys.stderr)
        return 1
    except UserError as exc:
        print(f"gulagreader: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _sound_text_arguments(args: argparse.Namespace) -> None:
    """Bytes that are not UTF-8 in a text argument (a query, an id, a note) become U+FFFD.

    Python keeps them as lone surrogates, which SQLite, tantivy and every encoder refuse. Paths keep
    them (as `Path`), so a file whose name is not UTF-8 can still be opened.
    """
    from gulagreader.core.query import sound

    for name, value in vars(args).items():
        if isinstance(value, str):
            setattr(args, name, sound(value))
        elif isinstance(value, list):
            setattr(args, name, [sound(v) if isinstance(v, str) else v for v in value])


def _tolerant_output() -> None:
    """In a locale whose encoding lacks a character (Latin-1, ASCII), print an escape, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def _no_command(args: argparse.Namespace, qt_options: Sequence[str] = ()) -> int:
    """Open the desktop reader (PySide6 is imported only here, never for the commands)."""
    from gulagreader.ui import app

    if not app.has_display():
        print(
            "gulagreader: no display to open the reader on; run it in a desktop session, "
            "or use a command such as 'gulagreader search QUERY' (see 'gulagreader --help').",
            file=sys.stderr,
        )
        return 1
    return app.run(args.corpus, kiosk=args.kiosk, qt_options=qt_options)


def _build(args: argparse.Namespace) -> int:
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


def _run(args: argparse.Namespace) -> int:
    from gulagreader.core.bookmarks import repair as bookmarks_repair
    from gulagreader.core.store import open_store

    store = open_store(args.corpus)
    for notice in store.notices:
        print(f"gulagreader: {notice}", file=sys.stderr)
    repairs = bookmarks_repair.pending_notices(bookmarks_repair.user_file())
    for notice in [*repairs, bookmarks_repair.CLI_HINT] if repairs else []:
        print(f"gulagreader: {notice}", file=sys.stderr)
    if args.command == "search":
        return _search(store, args)
    from gulagreader.core.library import Library

    library = Library(store)
    if args.command == "show":
        return _show(library, args)
    if args.command == "sources":
        return _sources(library, args)
    return _events(library, args)


def _search(store: Any, args: argparse.Namespace) -> int:
    from gulagreader.core.search import SearchService

    if args.limit < 1:
        print("gulagreader: --limit must be at least 1", file=sys.stderr)
        return 2
    _known_filters(store, args.source, args.event)
    result = SearchService(store).search(
        " ".join(args.query),
        limit=args.limit,
        source=args.source,
        event=args.event,
        sort=args.sort,
        exact=args.exact,
    )
    if args.json:
        _print_json(
            {
                "query": result.query,
                "total": result.total,
                "message": result.message,
                "suggestion": result.suggestion,
                "filters": list(result.filters),
                "hits": [
                    {
                        **asdict(h),
                        "highlights": [list(s) for s in h.highlights],
                        "also_in": [asdict(a) for a in h.also_in],
                    }
                    for h in result.hits
                ],
            }
        )
        return 0
    if result.message:
        print(f"({result.message})")
    print(f"{result.total} passage(s) match {result.query!r}.")
    if result.suggestion:
        print(f"Did you mean: {result.suggestion}")
    for hit in result.hits:
        print(f"\n[{hit.passage_id}] {hit.source_title} · {hit.source_date or 'undated'}")
        print("  " + _marked(hit.snippet, hit.snippet_start, hit.highlights))
        if hit.content_note:
            print(f"  Content note: {hit.content_note}")
        if hit.also_in:
            print("  Also in: " + ", ".join(f"{a.source_title} [{a.passage_id}]" for a in hit.also_in))
    return 0


def _known_filters(store: Any, source: str | None, event: str | None) -> None:
    """Refuse a --source or --event id that names nothing (it would only find nothing)."""
    if source is None and event is None:
        return  # nothing to check: a plain search does not read the library
    from gulagreader.core.library import Library

    library = Library(store)
    if source is not None and not library.has_source(source):
        raise UserError(f"No source with id {source!r} (see 'gulagreader sources' for the ids).")
    if event is not None and event not in {e.id for e in library.events()}:
        raise UserError(f"No event with id {event!r} (see 'gulagreader events' for the ids).")


def _marked(text: str, start: int, spans: Sequence[tuple[int, int]]) -> str:
    """The snippet with matches in **bold** markers (plain text output)."""
    out, pos = [], 0
    for a, b in spans:
        a, b = a - start, b - start
        if b <= 0 or a >= len(text):
            continue
        a, b = max(a, 0), min(b, len(text))
        out += [text[pos:a], "**", text[a:b], "**"]
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _passage_json(p: Passage) -> dict[str, Any]:
    row = asdict(p)
    row["notes"] = [{"offset": n.offset, "label": n.label, "note_id": n.note_id} for n in p.notes]
    row.pop("line", None)
    return row


def _show(library: Any, args: argparse.Namespace) -> int:
    if library.has_source(args.id):
        source = library.source(args.id)
        passages = library.passages_of(args.id)
        if args.json:
            _print_json({"source": _source_json(source), "passages": [_passage_json(p) for p in passages]})
            return 0
        print(f"{source.title}\n")
        for p in passages:
            print(_passage_text(p) + "\n")
        return 0
    passage = library.passage(args.id)
    if args.json:
        _print_json({"source": _source_json(library.source(passage.source_id)), "passage": _passage_json(passage)})
        return 0
    source = library.source(passage.source_id)
    where = f" — {passage.original_lines} of {source.original}" if passage.original_lines else ""
    print(f"[{passage.id}] {source.title}{where}\n\n{_passage_text(passage)}")
    for fix in source.corrections_of(passage.id):
        quoted = f" “{fix.original}”" if fix.original else ""
        print(f"  [{fix.label}{quoted}] ours: {fix.note}")
    return 0


def _passage_text(p: Passage) -> str:
    text = p.text
    for ref in reversed(p.notes):
        text = text[: ref.offset] + f"[{ref.label}]" + text[ref.offset :]
    prefix = {"heading": "#" * max(p.level, 1) + " ", "note": f"[{p.label}] ", "list_item": f"{p.label}. "}
    line = prefix.get(p.kind, "") + text
    if p.content_note:
        line += f"\n  (Content note: {p.content_note})"
    return line


def _source_json(source: Source) -> dict[str, Any]:
    return asdict(source)


def _sources(library: Any, args: argparse.Namespace) -> int:
    sources = library.sources()
    if args.json:
        _print_json([_source_json(s) for s in sources])
        return 0
    for s in sources:
        authors = s.byline_authors
        print(f"{s.id:18} {s.title} — {authors}; {s.date or 'undated'}; {s.genre} ({s.passage_count} passages)")
    return 0


def _events(library: Any, args: argparse.Namespace) -> int:
    events = library.events()
    if args.json:
        _print_json(
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


def _print_json(value: Any) -> None:
    import json

    text = json.dumps(value, ensure_ascii=False, indent=1)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except UnicodeEncodeError:  # a Latin-1 or ASCII locale: JSON's own escapes keep the text intact
        text = json.dumps(value, ensure_ascii=True, indent=1)
    sys.stdout.write(text + "\n")
