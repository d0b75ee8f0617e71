"""How a bookmark looks in the panel, and its note's light Markdown as HTML.

Qt-free on purpose. Notes are the reader's own text: everything is escaped, and only a little
Markdown is understood (*italic*, **bold**, `code`, '- ' lists, blank-line paragraphs). Links and
images stay text, so a note can never make the reader fetch anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from itertools import groupby

from gulagreader.core.bookmarks.model import Bookmark
from gulagreader.ui.style import LIGHT, Theme

QUOTE_CHARS = 280

_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class BookmarkRow:
    """A bookmark with what the panel says about it: its source's title and its events' titles."""

    bookmark: Bookmark
    source_title: str
    events: tuple[str, ...] = ()

    @property
    def orphaned(self) -> bool:
        return self.bookmark.status == "orphaned"


def note_html(note: str) -> str:
    """A note's light Markdown as HTML (everything else escaped)."""
    blocks: list[str] = []
    for para in re.split(r"\n\s*\n", note.strip()):
        lines = [line for line in para.splitlines() if line.strip()]
        for is_item, run in groupby(lines, key=lambda line: bool(_ITEM.match(line))):
            if is_item:  # a list may follow a line of text directly, as in CommonMark
                items = "".join(f"<li>{_inline(_ITEM.sub('', line))}</li>" for line in run)
                blocks.append(f'<ul style="margin-top:0; margin-bottom:4px">{items}</ul>')
            else:
                text = "<br/>".join(_inline(x) for x in run)
                blocks.append(f'<p style="margin-top:0; margin-bottom:4px">{text}</p>')
    return "".join(blocks)


def _inline(text: str) -> str:
    out = escape(text, quote=False)
    out = _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", out)
    out = _BOLD.sub(lambda m: f"<b>{m.group(1) or m.group(2)}</b>", out)
    return _ITALIC.sub(lambda m: f"<i>{m.group(1) or m.group(2)}</i>", out)


def short_quote(exact: str, limit: int = QUOTE_CHARS) -> str:
    """The quote on one line, cut at a word near `limit` characters."""
    quote = " ".join(exact.split())
    if len(quote) <= limit:
        return quote
    cut = quote.rfind(" ", 0, limit)
    return quote[: cut if cut > limit // 2 else limit] + " …"


def status_text(bookmark: Bookmark) -> str:
    """What the panel says of a bookmark that is not where it was ('' when it is)."""
    if bookmark.status == "orphaned":
        return "Orphaned: this text is no longer in the corpus; the bookmark keeps its quote."
    if bookmark.status == "moved":
        return f"Moved: the corpus changed; found again in {bookmark.passage_id}."
    return ""


def bookmark_html(row: BookmarkRow, theme: Theme = LIGHT) -> str:
    """A bookmark as rich text: source, events and date; the quote; status; the note; the tags."""
    b = row.bookmark
    muted = theme.muted
    where = " · ".join(escape(x) for x in (row.source_title, *row.events, b.created[:10]) if x)
    part = "" if b.whole_passage else " · selection"
    parts = [f'<div style="color:{theme.accent}; font-size:small"><b>{where}</b>{part}</div>']
    quote = escape(short_quote(b.quote.exact))
    if row.orphaned:
        parts.append(
            f'<div style="background-color:{theme.banner}; color:{theme.ink}"><b>⚠ {escape(status_text(b))}</b></div>'
            f'<div style="color:{muted}"><i>“{quote}”</i></div>'
        )
    else:
        parts.append(f"<div>“{quote}”</div>")
        if b.status == "moved":
            parts.append(f'<div style="color:{muted}; font-size:small">{escape(status_text(b))}</div>')
    if b.note:
        parts.append(f'<div style="margin-top:4px">{note_html(b.note)}</div>')
    if b.tags:
        tags = " ".join(
            f'<span style="background-color:{theme.note_banner}">&nbsp;{escape(t)}&nbsp;</span>' for t in b.tags
        )
        parts.append(f'<div style="color:{muted}; font-size:small; margin-top:2px">{tags}</div>')
    return "".join(parts)


def bookmark_text(row: BookmarkRow) -> str:
    """A bookmark in one line of plain text, for screen readers."""
    b = row.bookmark
    bits = [row.source_title, short_quote(b.quote.exact, 120)]
    if b.status != "anchored":
        bits.append(b.status)
    if b.note:
        bits.append("note: " + " ".join(b.note.split()))
    if b.tags:
        bits.append("tags: " + ", ".join(b.tags))
    return "; ".join(bits)
