"""Bookmarks, saved searches and search history as plain frozen dataclasses.

A bookmark anchors to the corpus the way a W3C Web Annotation does: the passage id, a
TextQuoteSelector (the exact text with up to 32 characters either side) and a
TextPositionSelector (offsets into the passage text). The quote lets a bookmark find its text
again after the corpus changes; see `anchoring`.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from gulagreader.core.errors import UserError

CONTEXT = 32
# A bookmark's record: its fields flat, in the order every file and listing of bookmarks gives them.
RECORD_FIELDS = (
    "id", "passage_id", "source_id", "exact", "prefix", "suffix", "start", "end", "whole_passage", "note", "tags",
    "status", "created", "updated",
)  # fmt: skip


@dataclass(frozen=True)
class TextQuoteSelector:
    """The bookmarked text itself, with a little context to tell repeats apart."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class TextPositionSelector:
    """Where the bookmarked text sits in its passage: `text[start:end]`."""

    start: int
    end: int


@dataclass(frozen=True)
class Bookmark:
    """A passage, or a selection inside it, that the reader kept, with a note and tags.

    `status` is 'anchored' (found where it was), 'moved' (found in another passage after the
    corpus changed) or 'orphaned' (its text is no longer in the corpus; kept with its quote).
    """

    id: str
    passage_id: str
    source_id: str
    quote: TextQuoteSelector
    position: TextPositionSelector
    whole_passage: bool = True
    note: str = ""
    tags: tuple[str, ...] = ()
    status: str = "anchored"
    created: str = ""
    updated: str = ""

    def record(self) -> dict[str, Any]:
        """The bookmark as one flat record of plain values (`RECORD_FIELDS`, in order): what the
        database, the exports and the CLI write, each in its own form, and what an import reads."""
        return {
            "id": self.id,
            "passage_id": self.passage_id,
            "source_id": self.source_id,
            "exact": self.quote.exact,
            "prefix": self.quote.prefix,
            "suffix": self.quote.suffix,
            "start": self.position.start,
            "end": self.position.end,
            "whole_passage": self.whole_passage,
            "note": self.note,
            "tags": list(self.tags),
            "status": self.status,
            "created": self.created,
            "updated": self.updated,
        }


@dataclass(frozen=True)
class SavedSearch:
    """A query with its filters, kept under a name to run again."""

    id: str
    name: str
    query: str
    filters: dict[str, str] = field(default_factory=dict, hash=False)
    created: str = ""


@dataclass(frozen=True)
class PastSearch:
    """One entry of the search history."""

    query: str
    filters: dict[str, str] = field(default_factory=dict, hash=False)
    at: str = ""


def now() -> str:
    """The current time as ISO 8601 UTC (sortable as text)."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


def selectors(text: str, start: int | None, end: int | None) -> tuple[TextQuoteSelector, TextPositionSelector, bool]:
    """The quote and position selectors for `text[start:end]` (the whole text when both are None)."""
    whole = start is None and end is None
    start = 0 if start is None else start
    end = len(text) if end is None else end
    if not 0 <= start < end <= len(text):
        raise UserError(f"The selection {start}–{end} is not inside the passage (0–{len(text)}).")
    if not whole:
        start, end = snap_to_words(text, start, end)
    return quote_at(text, start, end), TextPositionSelector(start, end), whole


def _in_word(text: str, i: int) -> bool:
    """Whether position `i` falls inside a word (a letter or digit on both sides; ’ ' - join words)."""
    if not 0 < i < len(text):
        return False
    before, after = text[i - 1], text[i]
    joins = "’'-"
    return (before.isalnum() or before in joins) and (after.isalnum() or after in joins)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection widened to whole words and trimmed of the spaces at its ends.

    A drag that stops mid-word ("on July 26, w") keeps the whole word ("on July 26, when");
    a selection of spaces only is left as it is.
    """
    while start > 0 and _in_word(text, start):
        start -= 1
    while end < len(text) and _in_word(text, end):
        end += 1
    inner = text[start:end]
    if inner.strip():
        start += len(inner) - len(inner.lstrip())
        end -= len(inner) - len(inner.rstrip())
    return start, end


def quote_at(text: str, start: int, end: int) -> TextQuoteSelector:
    return TextQuoteSelector(
        exact=text[start:end], prefix=text[max(0, start - CONTEXT) : start], suffix=text[end : end + CONTEXT]
    )


_TAG_SEPARATORS = re.compile(r"[;\n]")  # a comma stays in its tag: "Vorkuta, 1936" is one tag


def clean_tags(tags: Any) -> tuple[str, ...]:
    """Tags as the reader typed them: semicolons (or lines) separate, spaces trimmed, no repeats."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in tags or ():
        for part in _TAG_SEPARATORS.split(str(raw)):
            tag = " ".join(part.split()).strip(", ")  # a comma inside stays; one left at an end goes
            if tag and tag.casefold() not in seen:
                seen.add(tag.casefold())
                out.append(tag)
    return tuple(out)
