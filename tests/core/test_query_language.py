"""The query language is described once; its examples are queries the parser reads without a word,
and the help, the man page and the README show that one description."""

from __future__ import annotations

import re
import subprocess
import sys

from gulagreader.core.query import Fuzzy, Phrase, Prefix, parse
from gulagreader.core.query_language import NOTES, OPERATORS, markdown_table, plain, plain_text
from tests.conftest import REPO


def _examples() -> list[str]:
    return [e for op in OPERATORS for e in ([op.example] if "(" in op.example else op.example.split(", "))]


def test_every_example_is_read_as_written() -> None:
    for example in _examples():
        assert not parse(example).messages, example
    assert isinstance(parse('"camp no. 29"').root.items[0], Phrase)
    assert isinstance(parse("Vork*").root.items[0], Prefix)
    assert isinstance(parse("Derevyanko~").root.items[0], Fuzzy)
    assert [f.field for f in parse("source:isr-1963 event:vorkuta-1953 author:Dunayevskaya").filters] == [
        "source",
        "event",
        "author",
    ]


def test_the_readme_shows_the_cores_table() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "run: python scripts/generate_cli_docs.py"


def test_search_help_shows_every_operator_and_what_it_finds() -> None:
    help_text = subprocess.run(
        [sys.executable, "-m", "gulagreader", "search", "--help"], capture_output=True, text=True, timeout=60
    ).stdout
    assert plain_text() in help_text
    flat = " ".join(help_text.split())
    for op in OPERATORS:
        assert re.search(rf"^  {re.escape(op.form)} ", help_text, re.MULTILINE), op.form
        assert plain(op.meaning) in flat, op.meaning
    assert NOTES in flat
