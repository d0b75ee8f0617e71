"""Bookmarks to and from files: exports in every format, imports (ours, Web Annotations, Zotero's), the dialogs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from gulagreader.core.bookmarks.exports import FORMATS, export, write_export
from gulagreader.core.bookmarks.service import Bookmark, BookmarkService

FORMAT_NAMES = {
    "md": "Markdown",
    "csv": "CSV (spreadsheets; imports back)",
    "bibtex": "BibTeX (imports back)",
    "ris": "RIS (imports back)",
    "csl-json": "CSL-JSON (Zotero; imports back)",
    "zotero-rdf": "Zotero RDF (notes and tags as Zotero keeps them)",
    "jsonld": "W3C Web Annotation JSON-LD (imports back)",
}


def export_file(service: BookmarkService, bookmarks: Sequence[Bookmark], path: Path, fmt: str) -> str:
    """Write `bookmarks` to `path` in format `fmt`; returns what to tell the reader. Raises UserError."""
    write_export(path, export(service, bookmarks, fmt))
    n = len(bookmarks)
    return f"Exported {n} bookmark{'s' * (n != 1)} to {path}."


def ask_export_path(parent: QWidget) -> tuple[Path, str] | None:
    """Ask where to export and in which format (CSL-JSON offered first); None when cancelled."""
    names = [f"{FORMAT_NAMES[f]} (*{ext})" for f, ext in FORMATS.items()]
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Export bookmarks", str(Path.home() / "gulagreader-bookmarks.json"), ";;".join(names), names[4]
    )
    if not path:
        return None
    target = Path(path)
    fmt = next((f for f, name in zip(FORMATS, names, strict=True) if name == chosen), "")
    if not fmt:  # no filter chosen: go by the name's ending
        fmt = next((f for f, ext in FORMATS.items() if target.suffix == ext), "csl-json")
    return (target if target.suffix else target.with_suffix(FORMATS[fmt])), fmt


def ask_import_path(parent: QWidget) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        "Import bookmarks",
        str(Path.home()),
        "Bookmarks and annotations (*.csv *.json *.jsonld *.ris *.bib);;All files (*)",
    )
    return Path(path) if path else None
