"""Quotations for the kiosk's attract screen: short words from the accounts of the events.

A quotation is the opening of a passage, cut after a whole sentence (or, failing one, a whole
word, with an ellipsis), never changed otherwise; it names its source. Only prose passages that
tell an event are used (no headings, notes, captions or bibliographies).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from gulagreader.core.errors import NotFound
from gulagreader.core.library import Library

PROSE = ("paragraph", "quote")
SHORTEST, LONGEST = 80, 260  # characters of a quotation
_SENTENCE_END = re.compile(r"[.!?][”\"’)]?(?=\s)")


@dataclass(frozen=True)
class Quotation:
    """Words from a passage, and where they come from (in a visitor's words, no ids)."""

    text: str
    source_title: str
    event_title: str
    passage_id: str


def opening(text: str, longest: int = LONGEST) -> str:
    """The first sentences of `text` that fit in `longest` characters, or its first words and an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= longest:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() <= longest]
    if ends and ends[-1] >= SHORTEST:
        return text[: ends[-1]]
    cut = text.rfind(" ", 0, longest - 2)
    return text[: cut if cut > 0 else longest - 2].rstrip(" ,;:–—") + " …"


def quotations(library: Library, seed: int | None = None) -> list[Quotation]:
    """Quotations from the accounts of every event, shuffled (by `seed`, for a repeatable order)."""
    found: list[Quotation] = []
    seen: set[str] = set()
    titles = library.titles()
    for event in library.events():
        for account in event.accounts:
            for passage_id in account.passage_ids:
                if passage_id in seen:
                    continue
                seen.add(passage_id)
                try:
                    passage = library.passage(passage_id)
                except NotFound:  # a hidden source's passage: not offered
                    continue
                if passage.kind not in PROSE or passage.reprint_of:
                    continue
                words = opening(passage.text)
                if len(words) >= SHORTEST:
                    found.append(Quotation(words, titles.get(passage.source_id, ""), event.title, passage_id))
    random.Random(seed).shuffle(found)
    return found
