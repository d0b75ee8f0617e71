"""Between what a page shows and a passage's text: offsets of a selection, and where to mark a quote.

Qt-free on purpose. A laid-out page is not the passage text character for character: HTML
collapses runs of white space, line breaks become line separators, and footnote markers add
their labels. `align` pairs the two texts up so offsets can be carried across either way.
"""

from __future__ import annotations

import re

NOT_SHOWN = -1


def align(shown: str, text: str) -> list[int]:
    """For each character of `shown`, the index of the same character in `text` (NOT_SHOWN if it is extra).

    White space matches white space of any kind and length; a character of `shown` that is not
    next in `text` (a note label) is extra.
    """
    out: list[int] = []
    i = 0
    for c in shown:
        while i < len(text) and text[i].isspace() and not c.isspace():
            i += 1
        if i < len(text) and (c == text[i] or (c.isspace() and text[i].isspace())):
            out.append(i)
            i += 1
            if c.isspace():
                while i < len(text) and text[i].isspace():
                    i += 1
        else:
            out.append(NOT_SHOWN)
    return out


def text_span(shown: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """`shown[start:end]` as offsets into `text`, trimmed of white space; None if nothing of `text` is in it."""
    pairs = align(shown, text)
    inside = [pairs[j] for j in range(max(0, start), min(end, len(shown))) if pairs[j] != NOT_SHOWN]
    inside = [i for i in inside if not text[i].isspace()]
    if not inside:
        return None
    return inside[0], inside[-1] + 1


def shown_span(shown: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where `text[start:end]` is in `shown`: (start, end) offsets of `shown`, or None."""
    pairs = align(shown, text)
    inside = [j for j, i in enumerate(pairs) if i != NOT_SHOWN and start <= i < end]
    if not inside:
        return None
    return inside[0], inside[-1] + 1


def locate(text: str, selected: str) -> tuple[int, int] | None:
    """Where a selection copied from some view of `text` is in it, white space aside; None if it is not."""
    words = selected.split()
    if not words:
        return None
    found = text.find(selected.strip())
    if found >= 0:
        return found, found + len(selected.strip())
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (match.start(), match.end()) if match else None
