"""Exporting bookmarks: Markdown, CSV, BibTeX, RIS, CSL-JSON and W3C Web Annotation JSON-LD.

Every format carries the quote, the reader's note and tags, the citation's locator (the passage
id), and the passage's content note from our edition. CSV, CSL-JSON and JSON-LD also carry
everything `imports` needs to read the bookmarks back unchanged.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gulagreader import __version__
from gulagreader.core.bookmark_model import Bookmark, now
from gulagreader.core.bookmarks import BookmarkService
from gulagreader.core.citations import Citation, cite
from gulagreader.core.errors import UserError
from gulagreader.core.model import Passage, Source

FORMATS = {"md": ".md", "csv": ".csv", "bibtex": ".bib", "ris": ".ris", "csl-json": ".json", "jsonld": ".jsonld"}
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
    """A bookmark with what an export says about it: its source, passage and citation."""

    bookmark: Bookmark
    source: Source
    passage: Passage | None
    citation: Citation

    @property
    def content_note(self) -> str:
        return self.passage.content_note if self.passage else ""

    @property
    def events(self) -> tuple[str, ...]:
        return self.passage.events if self.passage else ()


def export(service: BookmarkService, bookmarks: Sequence[Bookmark], fmt: str) -> str:
    """`bookmarks` written in format `fmt` (one of FORMATS)."""
    writers: dict[str, Callable[[list[ExportItem]], str]] = {
        "md": to_markdown,
        "csv": to_csv,
        "bibtex": to_bibtex,
        "ris": to_ris,
        "csl-json": to_csl_json,
        "jsonld": to_jsonld,
    }
    if fmt not in writers:
        raise UserError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    passages = service.passages(bookmarks)
    items = []
    for b in bookmarks:
        source = service.source_of(b)
        items.append(ExportItem(b, source, passages.get(b.passage_id), cite(source, b.passage_id)))
    return writers[fmt](items)


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
        out.append(f"## {it.source.title} [{b.passage_id}]\n")
        out.append("\n".join(f"> {line}" if line else ">" for line in b.quote.exact.splitlines()) + "\n")
        if b.note:
            out.append(b.note + "\n")
        facts = [f"- Cite: {it.citation.note}"]
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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for it in items:
        b = it.bookmark
        row = {
            "id": b.id,
            "created": b.created,
            "updated": b.updated,
            "status": b.status,
            "passage_id": b.passage_id,
            "source_id": b.source_id,
            "source_title": it.source.title,
            "whole_passage": "yes" if b.whole_passage else "no",
            "start": str(b.position.start),
            "end": str(b.position.end),
            "exact": b.quote.exact,
            "prefix": b.quote.prefix,
            "suffix": b.quote.suffix,
            "note": b.note,
            "tags": "; ".join(b.tags),
            "events": "; ".join(it.events),
            "content_note": it.content_note,
            "citation": it.citation.plain,
        }
        writer.writerow([csv_safe(row[c]) for c in CSV_COLUMNS])
    return buffer.getvalue()


def csv_safe(value: str) -> str:
    """Keep spreadsheets from running a cell as a formula: a leading ' (undone by `imports`)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


# --- reference managers ---

_VOLUME = re.compile(r"\bVol(?:ume)?\.?\s*(\d+)", re.IGNORECASE)
_ISSUE = re.compile(r"\bNo\.?\s*(\d+)", re.IGNORECASE)


def _publication_parts(source: Source) -> dict[str, str]:
    head = source.publication.partition(", ")[0].strip()
    parts = {"container": head}
    for key, pattern in (("volume", _VOLUME), ("issue", _ISSUE)):
        found = pattern.search(source.publication)
        if found:
            parts[key] = found.group(1)
    return parts


def _person(name: str) -> tuple[str, str]:
    given, _, family = name.rpartition(" ")
    return family, given


def _reference_note(it: ExportItem) -> list[str]:
    """The lines a reference manager keeps as the item's note: quote, note, tags, content note, locator."""
    b = it.bookmark
    lines = [f"Quote: “{b.quote.exact}”"]
    if b.note:
        lines.append(f"Note: {b.note}")
    if b.tags:
        lines.append("Tags: " + ", ".join(b.tags))
    if it.content_note:
        lines.append(f"Content note (our edition): {it.content_note}")
    lines.append(f"Passage: {b.passage_id} (GulagReader)")
    return lines


def _csl_type(source: Source) -> str:
    if source.genre == "blog/journalism":
        return "post-weblog"
    if source.genre == "web compilation":
        return "webpage"
    return "article-journal" if source.publication else "document"


def to_csl_json(items: list[ExportItem]) -> str:
    out = []
    for it in items:
        s, b = it.source, it.bookmark
        item: dict[str, Any] = {"id": b.id, "type": _csl_type(s), "title": s.title}
        if s.authors:
            item["author"] = [dict(zip(("family", "given"), _person(a), strict=True)) for a in s.authors]
        parts = _publication_parts(s)
        if parts["container"]:
            item["container-title"] = parts["container"]
        for ours, theirs in (("volume", "volume"), ("issue", "issue")):
            if ours in parts:
                item[theirs] = parts[ours]
        if s.year:
            item["issued"] = {"date-parts": [[s.year]]}
        elif s.date:
            item["issued"] = {"literal": s.date}
        if s.pages:
            item["page"] = s.pages
        if s.language:
            item["language"] = s.language
        if b.tags:
            item["keyword"] = ", ".join(b.tags)
        item["note"] = "\n".join(_reference_note(it))
        item["custom"] = {"gulagreader": _bookmark_record(it)}
        out.append(item)
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"


def _bookmark_record(it: ExportItem) -> dict[str, Any]:
    b = it.bookmark
    return {
        "id": b.id,
        "passage_id": b.passage_id,
        "source_id": b.source_id,
        "exact": b.quote.exact,
        "prefix": b.quote.prefix,
        "suffix": b.quote.suffix,
        "start": b.position.start,
        "end": b.position.end,
        "whole_passage": b.whole_passage,
        "note": b.note,
        "tags": list(b.tags),
        "status": b.status,
        "created": b.created,
        "updated": b.updated,
        "content_note": it.content_note,
    }


_BIB_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip


def bib_escape(text: str) -> str:
    return "".join(_BIB_ESCAPES.get(c, c) for c in text)


def to_bibtex(items: list[ExportItem]) -> str:
    out = [f"% GulagReader {__version__} bookmarks, exported {now()[:10]}\n"]
    for it in items:
        s, b = it.source, it.bookmark
        parts = _publication_parts(s)
        fields: list[tuple[str, str]] = []
        if s.authors:
            fields.append(("author", " and ".join(bib_escape(", ".join(_person(a)).strip(", ")) for a in s.authors)))
        fields.append(("title", "{" + bib_escape(s.title) + "}"))
        if parts["container"]:
            fields.append(("journal", bib_escape(parts["container"])))
        fields += [
            (theirs, parts[ours]) for ours, theirs in (("volume", "volume"), ("issue", "number")) if ours in parts
        ]
        if s.year:
            fields.append(("year", str(s.year)))
        if s.pages:
            fields.append(("pages", s.pages.replace("–", "--")))
        fields.append(("note", bib_escape(f"Passage {b.passage_id}")))
        fields.append(("annote", bib_escape("\n".join(_reference_note(it)))))
        if b.tags:
            fields.append(("keywords", bib_escape(", ".join(b.tags))))
        kind = "article" if parts["container"] else "misc"
        key = re.sub(r"[^A-Za-z0-9]", "", b.passage_id) + "-" + b.id[:8]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        out.append(f"@{kind}{{{key},\n{body}\n}}\n")
    return "\n".join(out)


def to_ris(items: list[ExportItem]) -> str:
    kinds = {"post-weblog": "BLOG", "webpage": "ELEC", "article-journal": "JOUR", "document": "GEN"}
    out: list[str] = []
    for it in items:
        s, b = it.source, it.bookmark
        parts = _publication_parts(s)
        lines = [("TY", kinds[_csl_type(s)]), ("ID", b.id)]
        lines += [("AU", ", ".join(_person(a)).strip(", ")) for a in s.authors]
        lines.append(("TI", s.title))
        if parts["container"]:
            lines.append(("T2", parts["container"]))
        lines += [(tag, parts[k]) for tag, k in (("VL", "volume"), ("IS", "issue")) if k in parts]
        if s.year:
            lines.append(("PY", str(s.year)))
        if s.date:
            lines.append(("DA", s.date))
        if s.pages:
            first, _, last = s.pages.partition("–")
            lines += [("SP", first)] + ([("EP", last)] if last else [])
        if s.language:
            lines.append(("LA", s.language))
        lines += [("KW", t) for t in b.tags]
        lines += [("N1", line) for line in _reference_note(it)]
        lines.append(("ER", ""))
        out += [f"{tag}  - {' '.join(value.split())}".rstrip() if tag != "ER" else "ER  - " for tag, value in lines]
        out.append("")
    return "\r\n".join(out)


# --- W3C Web Annotation ---


def to_jsonld(items: list[ExportItem]) -> str:
    annotations = [_annotation(it) for it in items]
    collection = {
        "@context": [ANNO_CONTEXT, {"gr": OUR_TERMS}],
        "type": "AnnotationCollection",
        "label": "GulagReader bookmarks",
        "generator": {"type": "Software", "name": f"GulagReader {__version__}"},
        "generated": now(),
        "total": len(annotations),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": annotations},
    }
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
        "target": {"source": PASSAGE_IRI + b.passage_id, "selector": selectors},
        "gr:sourceId": b.source_id,
        "gr:wholePassage": b.whole_passage,
        "gr:status": b.status,
        "gr:citation": it.citation.plain,
    }
    if body:
        annotation["body"] = body
    return annotation
