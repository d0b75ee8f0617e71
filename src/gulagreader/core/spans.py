"""Marking spans of a text: the one place where matches (or any ranges) are wrapped in markers.

The views pass HTML tags and `html_escape`; the terminal passes `**` and no escape. Offsets are
into the text; a span is `(start, end)`, a mark `(start, end, open, close)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Span = tuple[int, int]
Mark = tuple[int, int, str, str]


def _as_is(text: str) -> str:
    return text


def html_escape(text: str, quote: bool = True) -> str:
    """`html.escape`, its module loaded at first use: it reads 2,000 entities that the reader's first
    frame, whose modules escape with this, has no use for."""
    from html import escape

    return escape(text, quote)


def merged(spans: Iterable[Span]) -> list[Span]:
    """`spans` in order, those that overlap or touch made one."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def marked(
    text: str,
    marks: Iterable[Mark],
    escape: Callable[[str], str] = _as_is,
    start: int = 0,
    end: int | None = None,
) -> str:
    """`text[start:end]` escaped, each mark's text (escaped) between its `open` and `close` (as given).

    The marks are in order, inside the window and apart; one of no length puts its open and close
    at its place (a note marker, say).
    """
    out, pos = [], start
    for a, b, open_, close in marks:
        out += [escape(text[pos:a]), open_, escape(text[a:b]), close]
        pos = b
    out.append(escape(text[pos:end]))
    return "".join(out)


def mark_spans(
    text: str,
    spans: Iterable[Span],
    open_: str,
    close: str,
    escape: Callable[[str], str] = _as_is,
    start: int = 0,
    end: int | None = None,
) -> str:
    """`text[start:end]` escaped, each of `spans` (merged, cut to the window) between `open_` and `close`."""
    end = len(text) if end is None else min(end, len(text))
    marks = [(max(a, start), min(b, end), open_, close) for a, b in merged(spans) if a < end and b > start]
    return marked(text, marks, escape, start, end)
