"""The query language, described once: each operator's form, an example and what it finds.

The command line's `search --help`, the man page, the reader's guide (F1) and the README's table
are all rendered from `OPERATORS` and `NOTES` (tests check the README's copy). `gulagreader.core.query`
parses the language. In the text, `backticks` mark what is typed: quotes in plain text, code in
HTML and Markdown.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Operator(NamedTuple):  # not a dataclass: `gulagreader search` builds its help from this, ~1 ms less
    """One thing a query can hold."""

    form: str  # in general: 'a OR b'
    example: str  # a real query: 'Kengir OR Norilsk'
    meaning: str


OPERATORS = (
    Operator("words", "hunger strike", "passages with all the words rank first, then those with any of them"),
    Operator('"a phrase"', '"camp no. 29"', "the exact words in this order (quoted words are not stemmed)"),
    Operator("a OR b", "Kengir OR Norilsk", "either word"),
    Operator("NOT word, -word", "strike NOT Berlin, strike -Berlin", "leave out passages with the word"),
    Operator("prefix*", "Vork*", "words starting with the letters before `*` (at least two)"),
    Operator("name~", "Derevyanko~", "fuzzy: words one letter away (two for words of six letters or more)"),
    Operator("( ... )", "(Kengir OR Norilsk) strike", "grouping"),
    Operator("source:ID", "source:isr-1963", "only this source (`gulagreader sources` lists the ids)"),
    Operator("event:ID", "event:vorkuta-1953", "only passages telling this event (`gulagreader events`)"),
    Operator("author:NAME", "author:Dunayevskaya", "only sources by this author"),
    Operator(
        "year:YEAR",
        "year:1953, year:1936..1938",
        "passages about or mentioning that year; `year:FIRST..LAST` for a span",
    ),
)

NOTES = (
    "Case and diacritics are ignored (Pűkys = Pukys); prose words are stemmed (strikes = strike); "
    "a known name matches all its spellings (Derevyanko finds Derevianko; Petchora finds Pechora)."
)

_CODE = re.compile(r"`([^`]+)`")
_FORM_WIDTH = 18
_WIDTH = 100


def plain(text: str) -> str:
    """`text` for a terminal: what is typed in single quotes."""
    return _CODE.sub(r"'\1'", text)


def plain_text() -> str:
    """The language as the command line's help shows it: a heading, one line per operator, the notes."""
    indent = " " * (2 + _FORM_WIDTH)
    lines = ["query language:"]
    for op in OPERATORS:
        first = f"  {op.form:<{_FORM_WIDTH}}"
        lines += _wrapped(plain(op.meaning), first, indent)
    lines += _wrapped(NOTES)
    return "\n".join(lines) + "\n"


def _wrapped(text: str, first: str = "", rest: str = "") -> list[str]:
    """`text` in lines of at most `_WIDTH` characters after `first` (then `rest`); textwrap costs
    `gulagreader search` a millisecond to import."""
    lines, line, empty = [], first, True
    for word in text.split():
        if not empty and len(line) + 1 + len(word) > _WIDTH:
            lines.append(line)
            line, empty = rest, True
        line += word if empty else " " + word
        empty = False
    return [*lines, line]


def markdown_table() -> str:
    """The README's table: the form, an example, what it finds."""
    rows = ["| write | for example | finds |", "|---|---|---|"]
    for op in OPERATORS:
        rows.append(f"| {_code_list(op.form)} | {_code_list(op.example)} | {op.meaning} |")
    return "\n".join(rows) + "\n"


def _code_list(text: str) -> str:
    """'NOT word, -word' as `NOT word`, `-word` (a form with a comma inside code is not split)."""
    parts = [text] if "(" in text or '"' in text else text.split(", ")
    return ", ".join(f"`{p}`" for p in parts)
