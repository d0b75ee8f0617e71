"""A plain `gulagreader search` is read without argparse (a search process then need not load it).

The hand reading must give exactly what argparse gives, or step aside: for anything it does not
read plainly, argparse reads the arguments and says what is wrong in its own words.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import random

import pytest

from gulagreader import cli
from gulagreader.core.search_filters import FACETS, RESULT_ORDERS

FRONTS = (
    [],
    ["--basedir", "B"],
    ["--basedir=B"],
    ["--corpus", "C", "--basedir", "B"],
    ["--corpus=", "--basedir", "search"],
    ["--basedir"],
    ["--basedir", "-x"],
    ["--kiosk"],
    ["--base", "B"],
    ["-h"],
)
OPTIONS = (
    ["--json"],
    ["--exact"],
    ["--json=yes"],
    ["--js"],
    ["--limit", "5"],
    ["--limit=3"],
    ["--limit", " 7"],
    ["--limit", "0"],
    ["--limit", "-1"],
    ["--limit", "x"],
    ["--limit="],
    ["--limit"],
    ["--lim", "5"],
    ["-h"],
    ["--help"],
    ["--"],
    ["--foo"],
    ["-"],
    *([f"--sort={order}"] for order in RESULT_ORDERS),
    ["--sort", "nosuch"],
    ["--sort="],
    *([facet.flag, "isr-1963"] for facet in FACETS if facet.flag),
    *([f"{facet.flag}="] for facet in FACETS if facet.flag),
    *([facet.flag, "-x"] for facet in FACETS if facet.flag),
)
WORDS = (
    ["Vorkuta"],
    ["Vorkuta", "1953"],
    ['"political', 'prisoners"'],
    ["Воркута"],
    ["Kengir", "OR", "Norilsk", "-Vorkuta"],
    ["year:1952..1954", "strike"],
    [""],
    ["search"],
    ["-5"],
)


def _argparse_reading(argv: list[str]) -> dict[str, object] | None:
    """What argparse makes of `argv`, or None when it refuses it."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            return vars(cli._parser(("search",)).parse_args(argv))
        except SystemExit:
            return None


def _command_lines() -> list[list[str]]:
    shuffled = random.Random(21)
    lines: list[list[str]] = []
    for front, words in itertools.product(FRONTS, WORDS):
        for count in (0, 1, 2, 3):
            for _ in range(6 if count else 1):
                before = [w for o in shuffled.sample(OPTIONS, count) for w in o]
                after = [w for o in shuffled.sample(OPTIONS, shuffled.choice((0, 0, 1))) for w in o]
                middle = words[:1] + after + words[1:] if shuffled.random() < 0.2 else words + after
                lines.append([*front, "search", *before, *middle])
    return lines


LINES = _command_lines()


def test_the_plain_reading_is_argparse_s_reading_or_steps_aside() -> None:
    read = accepted = 0
    for argv in LINES:
        reading = _argparse_reading(argv)
        accepted += reading is not None
        plain = cli._plain_search(argv)
        if plain is not None:
            read += 1
            assert vars(plain) == reading, argv
    assert read > accepted // 3  # it does read the common forms (not '--', shortened options, '-5')


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "Vorkuta"],
        ["search", "--json", "Vorkuta", "1953"],
        ["--basedir", "B", "--corpus", "C", "search", "--json", "Vorkuta"],
        ["search", "Vorkuta", "--json", "--limit", "20"],
        ["search", "--source", "isr-1963", "--sort", "source", "--exact", "strike"],
    ],
)
def test_the_usual_searches_are_read_plainly(argv: list[str]) -> None:
    plain = cli._plain_search(argv)
    assert plain is not None and vars(plain) == _argparse_reading(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["search"],
        ["search", "--limit", "x", "Vorkuta"],
        ["search", "--sort", "nosuch", "Vorkuta"],
        ["search", "Vorkuta", "--json", "more"],
        ["search", "--help"],
        ["search", "--js", "Vorkuta"],
        ["search", "-Vorkuta"],
    ],
)
def test_what_argparse_refuses_or_reads_otherwise_is_left_to_it(argv: list[str]) -> None:
    assert cli._plain_search(argv) is None
