"""Collating a reprinted passage with its original, word by word.

A word here is a run of non-space characters, punctuation included: a reprint that turns
`--the` into `–the` or straight quotes into curly ones has changed that word, and the reader
of a collation wants to see it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\S+")
_KINDS = {"insert": "inserted", "delete": "deleted", "replace": "changed"}


@dataclass(frozen=True)
class Difference:
    """Words inserted, deleted or changed between an original and its reprint.

    `original_at` and `reprint_at` are character spans in each text; an empty span marks where
    words were inserted into (or deleted from) that text.
    """

    kind: str  # "inserted" | "deleted" | "changed"
    original: str
    reprint: str
    original_at: tuple[int, int]
    reprint_at: tuple[int, int]


@dataclass(frozen=True)
class Collation:
    """Every difference between a passage (`original_id`) and its reprint (`reprint_id`)."""

    original_id: str
    reprint_id: str
    differences: tuple[Difference, ...]

    @property
    def identical(self) -> bool:
        return not self.differences


def collate(original_id: str, original: str, reprint_id: str, reprint: str) -> Collation:
    """Compare the two texts on word tokens (difflib) and list what the reprint changed."""
    a = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(original)]
    b = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(reprint)]
    matcher = difflib.SequenceMatcher(None, [t for t, _, _ in a], [t for t, _, _ in b], autojunk=False)
    differences = [
        Difference(
            kind=_KINDS[op],
            original=_slice(original, a, i1, i2),
            reprint=_slice(reprint, b, j1, j2),
            original_at=_span(original, a, i1, i2),
            reprint_at=_span(reprint, b, j1, j2),
        )
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]
    return Collation(original_id, reprint_id, tuple(differences))


def _span(text: str, tokens: list[tuple[str, int, int]], first: int, end: int) -> tuple[int, int]:
    if first == end:  # nothing on this side: the point where the other side's words go
        at = tokens[first][1] if first < len(tokens) else len(text)
        return at, at
    return tokens[first][1], tokens[end - 1][2]


def _slice(text: str, tokens: list[tuple[str, int, int]], first: int, end: int) -> str:
    start, stop = _span(text, tokens, first, end)
    return text[start:stop]
