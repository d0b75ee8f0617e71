"""Locators back to the received files: the lines of its original each passage comes from.

A passage's text is its original's word for word, with footnote markers moved out of the text (they
are put back, as their printed labels, to find it) and line breaks and spacing normalised. Ignoring
whitespace, each passage occurs in its original after the one before: the same walk the fidelity
tests make, here keeping where each passage was found.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from gulagreader.core.model import Passage


def as_printed(passage: Passage) -> str:
    """The passage as its original prints it: footnote markers back in place as their labels."""
    text = passage.text
    for ref in sorted(passage.notes, key=lambda r: r.offset, reverse=True):
        text = text[: ref.offset] + ref.label + text[ref.offset :]
    return text


def original_lines(passages: Sequence[Passage], original: str) -> dict[str, tuple[int, int]]:
    """For each passage found in `original` (in order), its first and last line there (1-based)."""
    squashed = ["".join(line.split()) for line in original.splitlines()]  # `split` drops what `\s` matches
    ends = list(accumulate(map(len, squashed)))  # where each line's characters end in the haystack
    haystack = "".join(squashed)
    found: dict[str, tuple[int, int]] = {}
    position = 0
    for passage in passages:
        needle = "".join(as_printed(passage).split())
        if not needle:
            continue
        at = haystack.find(needle, position)
        if at < 0:  # not where it should be: no locator rather than a wrong one
            continue
        last = at + len(needle) - 1
        found[passage.id] = (bisect_right(ends, at) + 1, bisect_right(ends, last) + 1)
        position = at + len(needle)
    return found
