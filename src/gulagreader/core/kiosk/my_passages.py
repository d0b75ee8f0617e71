"""A kiosk visitor's kept passages ('My passages'): their citations, and a QR code to take them home.

Nothing here is stored: the kiosk keeps the list in memory for one visit. The QR code is made
offline by segno (this is the only module that imports it); a phone's camera reads it as text.
It holds, for each passage, the first words of the quote, its citation and, where the institution
configured a public web address (`kiosk_public_url`), that address — never anything about the
visitor (no time, no search, no machine).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote as quote_url

from gulagreader.core.citations.render import DEFAULT_STYLE, cite_passage
from gulagreader.core.library import Library

QUOTE_CHARS = 220
QR_WORDS = 12  # words of the quote the QR code carries
PASSAGE_FIELD = "{passage}"  # in a public address: where the passage's id goes
MAX_QR_VERSION = 20  # 97 × 97 modules: still easy for a phone to read off a screen
QR_HEADING = "GulagReader — passages I read"


@dataclass(frozen=True)
class KeptPassage:
    """A passage the visitor kept: where it is from, how it begins, and its citation."""

    passage_id: str
    source_title: str
    quote: str
    citation: str

    @property
    def first_words(self) -> str:
        """The first `QR_WORDS` words of the quote (with an ellipsis when there are more)."""
        words = self.quote.removesuffix(" …").split()
        return " ".join(words[:QR_WORDS]) + (" …" if len(words) > QR_WORDS or self.quote.endswith("…") else "")


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


def public_address(public_url: str, passage_id: str) -> str:
    """The institution's address for a passage: `{passage}` in it replaced by the id, else as configured."""
    return public_url.replace(PASSAGE_FIELD, quote_url(passage_id, safe="")) if public_url else ""


def take_home_text(kept: Sequence[KeptPassage], public_url: str = "") -> str:
    """What the QR code holds: for each kept passage its first words, its citation and the public address."""
    lines = [QR_HEADING]
    for i, k in enumerate(kept, 1):
        lines += ["", f"{i}. “{k.first_words}”", k.citation]
        if PASSAGE_FIELD in public_url:
            lines.append(public_address(public_url, k.passage_id))
    if public_url and PASSAGE_FIELD not in public_url:
        lines += ["", f"Read them online: {public_url}"]
    return "\n".join(lines)


def qr_code(kept: Sequence[KeptPassage], public_url: str = "") -> QrCode | None:
    """A QR code of as many of `kept` (from the first) as fit; None when there are none."""
    import segno

    for count in range(len(kept), 0, -1):
        text = take_home_text(kept[:count], public_url)
        try:
            code = segno.make(text, error="l", micro=False, boost_error=True)
        except segno.DataOverflowError:
            continue
        if code.version > MAX_QR_VERSION:  # type: ignore[operator]  # an int for a full-size code
            continue
        rows = tuple(tuple(bool(m) for m in row) for row in code.matrix)
        return QrCode(rows, text, count)
    return None
