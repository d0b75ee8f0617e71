"""Exporting bookmarks: Markdown, CSV, W3C Web Annotation JSON-LD, and (in `library_exports`) the
reference managers' BibTeX, RIS, CSL-JSON and Zotero RDF. `FILE_FORMATS` is the one table of them:
a new format is one entry there (and its writer).

Every format carries the quote, the reader's note and tags, the citation's locator (¶ number;
the passage id in a field of its own), and the passage's content note from our edition. CSV,
CSL-JSON and JSON-LD also carry everything `imports` needs to read the bookmarks back unchanged.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gulagreader import __version__
from gulagreader.core.bookmarks.library_exports import to_bibtex, to_csl_json, to_ris, to_zotero_rdf
from gulagreader.core.bookmarks.model import Bookmark, now
from gulagreader.core.bookmarks.service import BookmarkService
from gulagreader.core.citations.reference import Locator
from gulagreader.core.citations.render import DEFAULT_STYLE, Citation, cite
from gulagreader.core.errors import UserError
from gulagreader.core.model import Passage, Source

CSV_BOM = "\ufeff"  # spreadsheet programs read a CSV file as UTF-8 only with it
CSV_COLUMNS = (
    "id", "created", "updated", "status", "passage_id", "source_id", "source_title", "whole_passage",
    "start", "end", "exact", "prefix", "suffix", "note", "tags", "events", "content_note", "citation",
)  # fmt: skip
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
OUR_TERMS = "urn:gulagreader:terms:"
PASSAGE_IRI = "urn:gulagreader:passage:"
EDITION = {"type": "Organization", "name": "GulagReader edition"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


@dataclass(frozen=True)
class ExportItem:
    """A bookmark with what an export says about it: its source, passage, locator and citation."""

    bookmark: Bookmark
    source: Source
    passage: Passage | None
    citation: Citation
    locator: Locator

    @property
    def content_note(self) -> str:
        return self.passage.content_note if self.passage else ""

    @property
    def events(self) -> tuple[str, ...]:
        return self.passage.events if self.passage else ()


def export(service: BookmarkService, bookmarks: Sequence[Bookmark], fmt: str, style: str = DEFAULT_STYLE) -> str:
    """`bookmarks` written in format `fmt` (a key of FILE_FORMATS), citations in `style`."""
    if fmt not in FILE_FORMATS:
        raise UserError(f"Unknown export format {fmt!r}; use one of {', '.join(FILE_FORMATS)}.")
    passages = service.passages(bookmarks)
    items = []
    for b in bookmarks:
        source = service.source_of(b)
        locator = service.locator(b)
        citation = cite(source, locator, style)
        items.append(ExportItem(b, source, passages.get(b.passage_id), citation, locator))
    return FILE_FORMATS[fmt].write(items)


def write_export(path: Path, text: str) -> None:
    """Write an export to `path` whole or not at all (a temporary file, synced, then renamed)."""
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(temp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # e.g. the folder is a file: no temporary file was made either
            temp.unlink(missing_ok=True)
        raise UserError(f"The export could not be written to {path} ({exc.strerror}).") from exc


# --- Markdown ---


def to_markdown(items: list[ExportItem]) -> str:
    out = [f"# GulagReader bookmarks\n\n{len(items)} bookmark(s), exported {now()[:10]}.\n"]
    for it in items:
        b = it.bookmark
        out.append(f"## {it.source.title} [{it.locator}]\n")
        out.append("\n".join(f"> {line}" if line else ">" for line in b.quote.exact.splitlines()) + "\n")
        if b.note:
            out.append(b.note + "\n")
        facts = [f"- Cite: {it.citation.markdown}", f"- Passage: {b.passage_id}"]
        if b.tags:
            facts.append("- Tags: " + ", ".join(b.tags))
        if it.events:
            facts.append("- Events: " + ", ".join(it.events))
        if it.content_note:
            facts.append(f"- Content note (our edition): {it.content_note}")
        if b.status != "anchored":
            facts.append(f"- Status: {b.status}")
        facts.append(f"- Bookmarked {b.created[:10]} (id {b.id})")
        out.append("\n".join(facts) + "\n")
    return "\n".join(out)


# --- CSV ---


def to_csv(items: list[ExportItem]) -> str:
    """CSV in UTF-8 with a byte-order mark, so that spreadsheet programs read its letters right."""
    buffer = io.StringIO()
    buffer.write(CSV_BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for it in items:
        row = {
            **it.bookmark.record(),
            "source_title": it.source.title,
            "events": it.events,
            "content_note": it.content_note,
            "citation": it.citation.text,
        }
        writer.writerow([csv_safe(_cell(row[c])) for c in CSV_COLUMNS])
    return buffer.getvalue()


def _cell(value: Any) -> str:
    """A record's value as a CSV cell: a flag as yes or no, a number as written, a list joined by '; '."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(value)
    return str(value)


def csv_safe(value: str) -> str:
    """Keep spreadsheets from running a cell as a formula: a leading ' (undone by `imports`)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


# --- W3C Web Annotation ---


def to_jsonld(items: list[ExportItem]) -> str:
    """An AnnotationCollection with one AnnotationPage of every annotation (W3C Web Annotation
    Data Model 5.1): both have an id (a MUST), and an empty collection has no page at all (a page
    MUST hold at least one annotation)."""
    annotations = [_annotation(it) for it in items]
    export_id = f"urn:uuid:{uuid.uuid4()}"
    collection: dict[str, Any] = {
        "@context": [ANNO_CONTEXT, {"gr": OUR_TERMS}],
        "id": export_id,
        "type": "AnnotationCollection",
        "label": "GulagReader bookmarks",
        "generator": {"id": "urn:gulagreader:software", "type": "Software", "name": f"GulagReader {__version__}"},
        "generated": now(),
        "total": len(annotations),
    }
    if annotations:
        page_id = f"{export_id}:page:1"
        page = {"id": page_id, "type": "AnnotationPage", "partOf": export_id, "startIndex": 0, "items": annotations}
        collection.update(first=page, last=page_id)
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"


def _annotation(it: ExportItem) -> dict[str, Any]:
    b = it.bookmark
    body: list[dict[str, Any]] = []
    if b.note:
        body.append({"type": "TextualBody", "value": b.note, "format": "text/markdown", "purpose": "commenting"})
    body += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in b.tags]
    if it.content_note:
        body.append({"type": "TextualBody", "value": it.content_note, "purpose": "describing", "creator": EDITION})
    selectors = [
        {"type": "TextQuoteSelector", "exact": b.quote.exact, "prefix": b.quote.prefix, "suffix": b.quote.suffix},
        {"type": "TextPositionSelector", "start": b.position.start, "end": b.position.end},
    ]
    annotation: dict[str, Any] = {
        "id": f"urn:uuid:{b.id}",
        "type": "Annotation",
        "motivation": "commenting" if b.note else "bookmarking",
        "created": b.created,
        "modified": b.updated,
        "target": {"source": PASSAGE_IRI + b.passage_id, "type": "Text", "selector": selectors},
        "gr:sourceId": b.source_id,
        "gr:wholePassage": b.whole_passage,
        "gr:status": b.status,
        "gr:citation": it.citation.text,
        "gr:locator": str(it.locator),
    }
    if body:
        annotation["body"] = body
    return annotation


# --- The formats ---


@dataclass(frozen=True)
class FileFormat:
    """A kind of file bookmarks are exported to: what the CLI's --format takes (`key`), the file's
    suffix, what the dialogs call it, its writer, and whether an import reads it back."""

    key: str
    suffix: str
    label: str
    write: Callable[[list[ExportItem]], str]
    imports_back: bool


# Every format, in the order the dialogs offer them; the CLI's --format, the export and the import
# dialogs all read this table.
FILE_FORMATS: dict[str, FileFormat] = {
    f.key: f
    for f in (
        FileFormat("md", ".md", "Markdown", to_markdown, False),
        FileFormat("csv", ".csv", "CSV (spreadsheets; imports back)", to_csv, True),
        FileFormat("bibtex", ".bib", "BibTeX (imports back)", to_bibtex, True),
        FileFormat("ris", ".ris", "RIS (imports back)", to_ris, True),
        FileFormat("csl-json", ".json", "CSL-JSON (Zotero; imports back)", to_csl_json, True),
        FileFormat("zotero-rdf", ".rdf", "Zotero RDF (notes and tags as Zotero keeps them)", to_zotero_rdf, False),
        FileFormat("jsonld", ".jsonld", "W3C Web Annotation JSON-LD (imports back)", to_jsonld, True),
    )
}
DEFAULT_FORMAT = "csl-json"  # what reference managers read best: chosen in the export dialog at first


def import_suffixes() -> list[str]:
    """The suffixes of the files an import reads: those of our formats that import back."""
    return [f.suffix for f in FILE_FORMATS.values() if f.imports_back]
