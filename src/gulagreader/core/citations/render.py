"""Citing a passage, by a CSL processor (citeproc-py) in a CSL style: the one place citations come from.

Bundled styles: Chicago notes-bibliography, APA and MLA (the CSL project's own files, CC BY-SA 3.0,
in `core/citations/csl/`); any other `.csl` file can be named instead. The item is `reference.csl_item`
(the source's structured metadata); the locator is the paragraph number, or the page where the
edition knows it (`reference.locate`). Clipboard (plain and rich), exports and the kiosk all call
`cite` or `cite_passage`, so every citation of a passage in a style reads the same.
"""

from __future__ import annotations

import html
import json
import re
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gulagreader.core.citations.reference import Locator, csl_item, locate
from gulagreader.core.errors import UserError

if TYPE_CHECKING:
    from gulagreader.core.library import Library
    from gulagreader.core.model import Source

# key -> (file in core/citations/csl/, what the menus call it)
STYLES: dict[str, tuple[str, str]] = {
    "chicago": ("chicago-notes-bibliography.csl", "Chicago (notes and bibliography)"),
    "apa": ("apa.csl", "APA"),
    "mla": ("modern-language-association.csl", "MLA"),
}
DEFAULT_STYLE = "chicago"
_TAG = re.compile(r"<[^>]+>")
_lock = threading.Lock()
_styles: dict[str, Any] = {}
_entries: dict[tuple[str, str], list[str]] = {}  # bibliography entries by style and CSL item


@dataclass(frozen=True)
class Citation:
    """A passage cited in one style: the note (or in-text citation) and the bibliography entry,
    each as HTML (italics as <i>) and as plain text, with the locator they carry."""

    style: str
    html: str
    text: str
    bibliography_html: str
    bibliography: str
    locator: Locator

    @property
    def markdown(self) -> str:
        """The note with italics as *this* (for Markdown exports)."""
        return _markdown(self.html)


def style_label(style: str) -> str:
    """What menus call `style`: a bundled style's name, or a user's file by its name."""
    return STYLES[style][1] if style in STYLES else Path(style).stem


def check_style(style: str) -> str:
    """`style` if it names a bundled style or a readable CSL file; else raise UserError."""
    _style(style)
    return style


def cite(source: Source, locator: Locator, style: str = DEFAULT_STYLE) -> Citation:
    """The citation of the passage at `locator` in `source`, in `style` (a key of STYLES or a .csl path)."""
    from citeproc import Citation as CslCitation
    from citeproc import CitationItem, CitationStylesBibliography, formatter
    from citeproc.source import Locator as CslLocator
    from citeproc.source.json import CiteProcJSON

    csl_style = _style(style)
    item = csl_item(source)
    with _lock:  # a style object is not safe to render from two threads at once
        try:
            note_bib = CitationStylesBibliography(csl_style, CiteProcJSON([item]), formatter.html)
            at = CslLocator(locator.label, locator.value) if locator.paragraph or locator.page else None
            note = CslCitation([CitationItem(source.id, locator=at)] if at else [CitationItem(source.id)])
            note_bib.register(note)
            note_html = str(note_bib.cite(note, lambda _item: None))
            key = (style, json.dumps(item, sort_keys=True))
            if key not in _entries:  # a source's entry is the same for all its passages
                whole = CitationStylesBibliography(csl_style, CiteProcJSON([item]), formatter.html)
                whole.register(CslCitation([CitationItem(source.id)]))
                _entries[key] = [str(entry) for entry in whole.bibliography()]
            entries = _entries[key]
        except Exception as exc:  # a user's style can fail anywhere inside the processor
            raise UserError(f"The citation style {style_label(style)!r} could not format this source ({exc}).") from exc
    bib_html = entries[0] if entries else ""
    return Citation(style, note_html, _plain(note_html), bib_html, _plain(bib_html), locator)


def cite_passage(library: Library, passage_id: str, style: str = DEFAULT_STYLE) -> Citation:
    """The citation of passage `passage_id` in `style`: what the clipboard, the exports and the
    kiosk's QR code all use. Raises UserError for an unknown passage or a broken style."""
    passage = library.passage(passage_id)
    source = library.source(passage.source_id)
    return cite(source, locate(source, library.passages_of(source.id), passage_id), style)


def _style(style: str) -> Any:
    """The parsed style (cached): a bundled one by key, or a .csl file by path."""
    with _lock:
        if style in _styles:
            return _styles[style]
    from citeproc import CitationStylesStyle

    from gulagreader.core.citations import shims as csl_shims

    csl_shims.apply()
    if style in STYLES:
        ref = resources.files("gulagreader.core.citations") / "csl" / STYLES[style][0]
        with resources.as_file(ref) as path:
            parsed = _parse(CitationStylesStyle, path, style)
    else:
        path = Path(style).expanduser()
        if path.suffix.lower() != ".csl" or not path.is_file():
            known = ", ".join(STYLES)
            raise UserError(f"No citation style {style!r}: use one of {known}, or the path of a .csl file.")
        parsed = _parse(CitationStylesStyle, path, style)
    with _lock:
        _styles[style] = parsed
    return parsed


def _parse(kind: Any, path: Path, style: str) -> Any:
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # citeproc-py warns of every CSL feature it does not know
            parsed = kind(str(path), validate=False)
        parsed.root.citation  # noqa: B018  (a style without a citation layout is no style)
    except Exception as exc:
        raise UserError(f"{path.name} is not a CSL style that can be read ({exc}).") from None
    return parsed


def _plain(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup)).strip()


def _markdown(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup.replace("<i>", "*").replace("</i>", "*"))).strip()
