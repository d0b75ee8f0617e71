"""What the commands print: JSON, notices on standard error, and text a narrow locale cannot encode."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from typing import Any


def print_json(value: Any) -> None:
    """`value` as indented JSON on standard output, the text as it is (in a locale that cannot encode
    it, Latin-1 or ASCII, with JSON's own escapes, so the JSON stays intact)."""
    import json

    text = json.dumps(value, ensure_ascii=False, indent=1)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, ensure_ascii=True, indent=1)
    sys.stdout.write(text + "\n")


def print_notice(text: str) -> None:
    """One line for the person at the terminal, on standard error (output stays for the answer)."""
    print(f"gulagreader: {text}", file=sys.stderr)


def print_notices(notices: Iterable[str]) -> None:
    for notice in notices:
        print_notice(notice)


def tolerant_output() -> None:
    """In a locale whose encoding lacks a character (Latin-1, ASCII), print an escape, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")
