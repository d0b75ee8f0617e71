"""The command line: the same services as the reader, printed as text or JSON.

The commands, options and JSON shapes are a stable contract (see README.md).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn

from gulagreader import __version__
from gulagreader.commands.output import print_notice, tolerant_output
from gulagreader.core import paths
from gulagreader.core.errors import UserError

if TYPE_CHECKING:
    import argparse

# The command modules in gulagreader.commands (each: NAME, register(sub), run(args) -> int), in the
# order of --help.
COMMANDS: tuple[str, ...] = (
    *("search", "show", "sources", "events", "build", "compare", "bookmarks", "kiosk", "glossary"),
    *("places", "names", "name", "cite", "doctor"),
)


def _terminal_columns() -> int:
    """The terminal's width, as `shutil.get_terminal_size()` reckons it: $COLUMNS, the terminal, or 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (ValueError, OSError):
            columns = 0
    return columns or 80


def _parser(commands: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    import argparse  # (not for a plain search: see _plain_search)
    import re

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            # Only the command modules the arguments name are loaded, so argparse's own list of choices
            # would leave the others out: name every command here.
            unknown = re.match(r"argument command: invalid choice: (.+?) \(choose from", message)
            if unknown:
                message = f"unknown command {unknown.group(1)}; the commands are {', '.join(COMMANDS)}"
            self.exit(2, f"gulagreader: {message} (see 'gulagreader --help')\n")

        def _get_formatter(self) -> argparse.HelpFormatter:
            # argparse's own asks `shutil` for the terminal's width, on every argument added: importing
            # shutil (with bz2 and lzma) costs each command ~3 ms, for a width only help and usage use
            return self.formatter_class(prog=self.prog, width=_terminal_columns() - 2)  # type: ignore[call-arg]

    parser = _Parser(prog="gulagreader", description="Read and search accounts of resistance in the Soviet camps.")
    parser.add_argument("--version", action="version", version=f"gulagreader {__version__}")
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation (store, search, reader, no network)"
    )
    parser.add_argument("--basedir", type=Path, help="keep all files (store, settings, data) under this folder")
    parser.add_argument("--corpus", type=Path, help="use this corpus folder instead of the bundled edition")
    parser.add_argument("--kiosk", action="store_true", help="open the reader locked down for a public machine")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    for module in _command_modules(commands):
        module.register(sub)
    return parser


_NO_ARGUMENTS = SimpleNamespace(command=None, self_test=False, basedir=None, corpus=None, kiosk=False)

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
    # with no command, must not pay for them (bookmarks alone loads sqlite-utils, ~100 ms), nor
    # one command for the others.
    wanted = COMMANDS if {"-h", "--help"} & set(argv) else tuple(c for c in COMMANDS if c in argv)
    # With no arguments (how the desktop entry starts the reader) there is nothing to parse, and
    # building the parser of every command would add ~6 ms to the reader's start.
    qt_options: Sequence[str] = []
    args: argparse.Namespace | SimpleNamespace | None = _plain_search(argv)
    if args is None:
        qt_options, ours = split_qt_options(argv)
        args = _parser(wanted).parse_args(ours) if ours else _NO_ARGUMENTS
    if qt_options and args.command is not None:  # for a command they are its own words ('-reverse': a query's)
        qt_options, args = [], _parser(wanted).parse_args(argv)
    _sound_text_arguments(args)
    tolerant_output()
    if args.command is not None:
        # Python's last act is a collection of every object its modules hold: ~10–20 ms for a
        # search's (typing's and the named tuples' cycles), against ~1 ms if they are frozen first.
        # Only cycles are left to the end of the process; everything else is freed as usual.
        atexit.unregister(gc.freeze)
        atexit.register(gc.freeze)
    if args.basedir:
        paths.set_basedir(args.basedir)
    try:
        if args.self_test:
            from gulagreader import selftest

            return selftest.run(args.basedir, args.corpus)
        if args.command is None:
            return _no_command(args, qt_options)
        module = next(m for m in _command_modules((args.command,)) if args.command == m.NAME)
        return int(module.run(args))
    except UserError as exc:  # a CorpusError too: its findings, one a line
        print_notice(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _plain_search(argv: Sequence[str]) -> SimpleNamespace | None:
    """`[--basedir DIR] [--corpus DIR] search ...` read as argparse reads it, without argparse, when the
    search's arguments are plain (`search.plain_arguments`); None for anything else."""
    found: dict[str, Any] = {"self_test": False, "basedir": None, "corpus": None, "kiosk": False}
    i = 0
    while i < len(argv) and argv[i] != "search":
        flag, equals, value = argv[i].partition("=")
        if flag not in ("--basedir", "--corpus") or (not equals and i + 1 == len(argv)):
            return None
        if not equals:
            i += 1
            value = argv[i]
        if value.startswith("-"):
            return None
        found[flag.lstrip("-")] = Path(value)
        i += 1
    if i == len(argv):
        return None
    from gulagreader.commands import search

    rest = search.plain_arguments(argv[i + 1 :])
    return None if rest is None else SimpleNamespace(command=search.NAME, **found, **rest)


def _sound_text_arguments(args: argparse.Namespace | SimpleNamespace) -> None:
    """Bytes that are not UTF-8 in a text argument (a query, an id, a note) become U+FFFD.

    Python keeps them as lone surrogates, which SQLite, tantivy and every encoder refuse. Paths keep
    them (as `Path`), so a file whose name is not UTF-8 can still be opened.
    """
    if not any(isinstance(v, (str, list)) for v in vars(args).values()):
        return  # (the reader started with no arguments: `query` is not loaded before its first paint)
    from gulagreader.core.query import sound

    for name, value in vars(args).items():
        if isinstance(value, str):
            setattr(args, name, sound(value))
        elif isinstance(value, list):
            setattr(args, name, [sound(v) if isinstance(v, str) else v for v in value])


def _no_command(args: argparse.Namespace | SimpleNamespace, qt_options: Sequence[str] = ()) -> int:
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
