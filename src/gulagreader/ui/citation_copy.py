"""Copy a passage's citation to the clipboard, rich (HTML, with italics) and plain alike.

Both come from one `core.citations.Citation`, so a paste into a word processor and into a plain
text field read the same. The styles offered are the bundled ones and the one chosen in the
settings file (`citation_style`, which may name any .csl file).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from gulagreader.core.citations.render import Citation
    from gulagreader.core.library import Library

SETTINGS_STYLE = "settings"
STYLES = (
    ("chicago", "Chicago (note)"),
    ("apa", "APA"),
    ("mla", "MLA"),
    (SETTINGS_STYLE, "style from the settings"),
)


def resolve_style(style: str) -> str:
    """`style`, or for SETTINGS_STYLE the `citation_style` of the settings files."""
    if style != SETTINGS_STYLE:
        return style
    from gulagreader.core.config import load_settings

    return load_settings().citation_style


def cite_for_copy(library: Library, passage_id: str, style: str) -> Citation:
    """The citation of `passage_id` in `style` (raises UserError)."""
    from gulagreader.core.citations.render import cite_passage  # with the first copy, not the first window

    return cite_passage(library, passage_id, resolve_style(style))


def put_on_clipboard(citation: Citation, quote: str = "") -> str:
    """The citation (under `quote`, when given) on the clipboard as HTML and as text; returns the text."""
    from html import escape

    mime = QMimeData()
    text = f"{quote}\n\n{citation.text}" if quote else citation.text
    quoted = f"<blockquote>{escape(quote).replace(chr(10), '<br/>')}</blockquote>" if quote else ""
    mime.setText(text)
    mime.setHtml(f"{quoted}<p>{citation.html}</p>")
    QApplication.clipboard().setMimeData(mime)
    return citation.text


def copy_citation(library: Library, passage_id: str, style: str = "chicago") -> str:
    """Put the citation of `passage_id` on the clipboard; return its text (raises UserError)."""
    return put_on_clipboard(cite_for_copy(library, passage_id, style))
