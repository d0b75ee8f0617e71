"""Locators back to the received files: the lines of its original each passage comes from.

A passage's text is its original's word for word, with footnote markers moved out of the text (they
are put back, as their printed labels, to find it) and line breaks and spacing normalised. Ignoring
whitespace, each passage occurs in its original after the one before: the same walk the fidelity
tests make, here keeping where each passage was found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gulagreader.core.model import Passage

_SPACE = re.compile(r"\s+")


def as_printed(passage: Passage) -> str:
    """The passage as its original prints it: footnote markers back in place as their labels."""
    text = passage.text
    for ref in sorted(passage.notes, key=lambda r: r.offset, reverse=True):
        text = text[: ref.offset] + ref.label + text[ref.offset :]
    return text


def original_lines(passages: Sequence[Passage], original: str) -> dict[str, tuple[int, int]]:
    """For each passage found in `original` (in order), its first and last line there (1-based)."""
    squashed: list[str] = []
    line_of: list[int] = []
    for number, line in enumerate(original.splitlines(), 1):
        chars = _SPACE.sub("", line)
        squashed.append(chars)
        line_of.extend([number] * len(chars))
    haystack = "".join(squashed)
    found: dict[str, tuple[int, int]] = {}
    position = 0
    for passage in passages:
        needle = _SPACE.sub("", as_printed(passage))
        if not needle:
            continue
        at = haystack.find(needle, position)
        if at < 0:  # not where it should be: no locator rather than a wrong one
            continue
        found[passage.id] = (line_of[at], line_of[at + len(needle) - 1])
        position = at + len(needle)
    return found
