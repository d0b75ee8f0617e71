"""Copy a passage's citation to the clipboard: Chicago (notes-bibliography) or plain text."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from gulagreader.core.model import Source

STYLES = (("chicago", "Chicago (note)"), ("plain", "Plain text"))
_TAG = re.compile(r"<[^>]+>")


def copy_citation(source: Source, passage_id: str, style: str = "chicago") -> str:
    """Put the citation of `passage_id` on the clipboard (Chicago also as HTML, with italics); return its text."""
    from gulagreader.core.citations import cite  # with the first copy, not the first window

    citation = cite(source, passage_id)
    mime = QMimeData()
    if style == "chicago":
        text = html.unescape(_TAG.sub("", citation.note_html))
        mime.setHtml(f"<p>{citation.note_html}</p>")
    else:
        text = citation.plain
    mime.setText(text)
    QApplication.clipboard().setMimeData(mime)
    return text
