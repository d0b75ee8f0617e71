"""A kiosk visitor's kept passages ('My passages'): their citations, and a QR code to take them home.

Nothing here is stored: the kiosk keeps the list in memory for one visit. The QR code is made
offline by segno (this is the only module that imports it); a phone's camera reads it as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gulagreader.core.citations import DEFAULT_STYLE, cite_passage
from gulagreader.core.library import Library

QUOTE_CHARS = 220
MAX_QR_VERSION = 20  # 97 × 97 modules: still easy for a phone to read off a screen
QR_HEADING = "GulagReader — passages I read"


@dataclass(frozen=True)
class KeptPassage:
    """A passage the visitor kept: where it is from, how it begins, and its citation."""

    passage_id: str
    source_title: str
    quote: str
    citation: str


@dataclass(frozen=True)
class QrCode:
    """A QR code as rows of dark (True) and light modules, without the quiet zone.

    `passages` says how many of the kept passages it holds (the first ones, when not all fit).
    """

    rows: tuple[tuple[bool, ...], ...]
    text: str
    passages: int

    @property
    def size(self) -> int:
        return len(self.rows)


def kept_passage(library: Library, passage_id: str, style: str = DEFAULT_STYLE) -> KeptPassage:
    """What the visitor's list shows for `passage_id` (raises UserError for an unknown or hidden one)."""
    passage = library.passage(passage_id)
    source = library.source(passage.source_id)
    text = " ".join(passage.text.split())
    quote = text if len(text) <= QUOTE_CHARS else text[: text.rfind(" ", 0, QUOTE_CHARS)] + " …"
    return KeptPassage(passage_id, source.title, quote, cite_passage(library, passage_id, style).text)


def take_home_text(kept: Sequence[KeptPassage]) -> str:
    """The citations of `kept`, numbered, under a heading: what the QR code holds."""
    return "\n".join([QR_HEADING, *(f"{i}. {k.citation}" for i, k in enumerate(kept, 1))])


def qr_code(kept: Sequence[KeptPassage]) -> QrCode | None:
    """A QR code of as many of `kept` (from the first) as fit; None when there are none."""
    import segno

    for count in range(len(kept), 0, -1):
        text = take_home_text(kept[:count])
        try:
            code = segno.make(text, error="l", micro=False, boost_error=True)
        except segno.DataOverflowError:
            continue
        if code.version > MAX_QR_VERSION:  # type: ignore[operator]  # an int for a full-size code
            continue
        rows = tuple(tuple(bool(m) for m in row) for row in code.matrix)
        return QrCode(rows, text, count)
    return None
