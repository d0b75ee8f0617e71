"""Reading our own exports back: CSL-JSON, CSV and W3C Web Annotation JSON-LD.

Bookmarks keep their ids through a round trip, so importing the same file twice adds nothing
(`BookmarkService.import_bookmarks` matches by id). An entry without an id gets one made from its
passage, quote and note, which is the same on every import.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gulagreader.core.bookmarks.exports import CSV_COLUMNS, PASSAGE_IRI
from gulagreader.core.bookmarks.model import (
    RECORD_FIELDS,
    Bookmark,
    TextPositionSelector,
    TextQuoteSelector,
    clean_tags,
    now,
)
from gulagreader.core.bookmarks.service import stable_id
from gulagreader.core.bounded_input import RefusedInput, int_field, json_loads, read_bytes, text_field
from gulagreader.core.errors import UserError

if TYPE_CHECKING:
    from gulagreader.core.bookmarks.service import BookmarkService, ImportReport

KINDS = ("csl-json", "csv", "jsonld")
MAX_IMPORT_BYTES = 64 * 2**20  # an export of 10,000 bookmarks with long notes is a few MB
_TEXT_FIELDS = tuple(f for f in RECORD_FIELDS if f not in ("start", "end", "whole_passage", "tags"))


def read_bookmarks(text: str) -> tuple[list[Bookmark], int]:
    """The bookmarks in an export, and how many of its entries could not be read as bookmarks."""
    text = text.lstrip("\ufeff")
    head = text.lstrip()[:1]
    if head in ("[", "{"):
        try:
            data = json_loads(text)
        except RefusedInput as exc:
            raise UserError(f"The file looks like JSON but cannot be imported: {exc}.") from None
        except ValueError:
            raise UserError("The file looks like JSON but cannot be read; is it complete?") from None
        if isinstance(data, list):
            return _collect(b for item in data for b in _from_csl(item))
        if isinstance(data, dict):
            return _collect(_from_annotation(a) for a in _annotations(data))
    first_line = text.splitlines()[0] if text else ""
    if "exact" in first_line and "passage_id" in first_line:
        # a field may be as long as the file (Python's csv refuses fields over 128 KiB by default)
        csv.field_size_limit(max(csv.field_size_limit(), MAX_IMPORT_BYTES))
        try:
            return _collect(_from_csv_row(row) for row in csv.DictReader(io.StringIO(text)))
        except csv.Error as exc:
            raise UserError(f"The CSV file cannot be read ({exc}).") from None
    raise UserError(
        "This file is none of the formats GulagReader imports: its own exports (CSV, CSL-JSON, JSON-LD, RIS, "
        "BibTeX), Web Annotations (e.g. Hypothesis), or Zotero CSL-JSON, RIS or BibTeX."
    )


def _collect(found: Any) -> tuple[list[Bookmark], int]:
    items = list(found)
    good = [b for b in items if b is not None]
    return good, len(items) - len(good)


def _bookmark(r: dict[str, Any]) -> Bookmark | None:
    """A bookmark from a flat record with our field names (`Bookmark.record`), or None when a field has
    the wrong type or range, or the record lacks what a bookmark needs. Import formats other than ours
    use it too."""
    texts = {k: text_field(r.get(k)) for k in _TEXT_FIELDS}
    exact, passage_id = texts["exact"], texts["passage_id"]
    if any(v is None for v in texts.values()) or not exact or not passage_id:
        return None
    start = int_field(r.get("start") if r.get("start") not in (None, "") else 0)
    end = int_field(r.get("end")) if r.get("end") not in (None, "") else (start or 0) + len(exact)
    tags = _tags(r.get("tags"))
    if start is None or end is None or end < start or tags is None:
        return None
    note, status, stamp = texts["note"] or "", texts["status"] or "anchored", now()
    return Bookmark(
        id=texts["id"] or stable_id(passage_id, exact, note),
        passage_id=passage_id,
        source_id=texts["source_id"] or passage_id.split(".", 1)[0],
        quote=TextQuoteSelector(exact, texts["prefix"] or "", texts["suffix"] or ""),
        position=TextPositionSelector(start, end),
        whole_passage=_yes(r.get("whole_passage")),
        note=note,
        tags=clean_tags(tags),
        status=status if status in ("anchored", "moved", "orphaned") else "anchored",
        created=texts["created"] or stamp,
        updated=texts["updated"] or texts["created"] or "",  # undated: older than any edit here
    )


def _tags(value: Any) -> list[str] | None:
    """Tags as a list of strings (one string is one tag list to split), or None if they are not text."""
    items = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else None
    if value is None:
        return []
    if items is None:
        return None
    tags = [text_field(t) for t in items]
    return None if any(t is None for t in tags) else [t for t in tags if t]


def _yes(value: Any) -> bool:
    return value is True or str(value).strip().lower() in ("yes", "true", "1")


def _from_csl(item: Any) -> list[Bookmark | None]:
    """The bookmarks of one CSL-JSON item: ours carry them in custom.gulagreader.bookmarks (one item
    per source); older exports had one bookmark per item in custom.gulagreader itself."""
    custom = item.get("custom") if isinstance(item, dict) else None
    ours = custom.get("gulagreader") if isinstance(custom, dict) else None
    if not isinstance(ours, dict):
        return [None]
    records = ours.get("bookmarks") if "bookmarks" in ours else [ours]
    if not isinstance(records, list):
        return [None]
    return [_bookmark(r) if isinstance(r, dict) else None for r in records]


def _from_csv_row(row: dict[str, str | None]) -> Bookmark | None:
    record: dict[str, Any] = {k: _csv_value(row.get(k)) for k in CSV_COLUMNS}
    record["tags"] = (record["tags"] or "").split(";")
    return _bookmark(record)


def _csv_value(value: str | None) -> str:
    """Undo the leading ' that keeps spreadsheets from reading a cell as a formula."""
    value = value or ""
    return value[1:] if value.startswith("'") else value


def _annotations(data: dict[str, Any]) -> list[Any]:
    if data.get("type") == "Annotation":
        return [data]
    page = data.get("first", data)
    items = page.get("items", []) if isinstance(page, dict) else []
    return list(items) if isinstance(items, list) else []


def _from_annotation(a: Any) -> Bookmark | None:
    if not isinstance(a, dict):
        return None
    target = a.get("target") or {}
    if not isinstance(target, dict) or not str(target.get("source", "")).startswith(PASSAGE_IRI):
        return None
    record: dict[str, Any] = {
        "id": a["id"].removeprefix("urn:uuid:") if isinstance(a.get("id"), str) else a.get("id"),
        "passage_id": str(target["source"])[len(PASSAGE_IRI) :],
        "source_id": a.get("gr:sourceId"),
        "whole_passage": a.get("gr:wholePassage"),
        "status": a.get("gr:status"),
        "created": a.get("created"),
        "updated": a.get("modified"),
    }
    selectors = target.get("selector") or []
    for selector in selectors if isinstance(selectors, list) else [selectors]:
        if isinstance(selector, dict) and selector.get("type") == "TextQuoteSelector":
            record.update(exact=selector.get("exact"), prefix=selector.get("prefix"), suffix=selector.get("suffix"))
        if isinstance(selector, dict) and selector.get("type") == "TextPositionSelector":
            record.update(start=selector.get("start"), end=selector.get("end"))
    bodies = a.get("body") or []
    tags, notes = [], []
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if not isinstance(body, dict):
            continue
        if body.get("purpose") == "tagging":
            tags.append(body.get("value"))
        elif body.get("purpose") == "commenting":
            note = text_field(body.get("value"))
            if note is None:
                return None
            notes.append(note)
    record["tags"], record["note"] = tags, "\n\n".join(notes)
    return _bookmark(record)


def import_file(service: BookmarkService, path: Path) -> tuple[ImportReport, str]:
    """Import a file made by an export; returns the report and what to tell the reader. Raises UserError."""
    try:
        text = read_bytes(path, MAX_IMPORT_BYTES).decode("utf-8")
    except OSError as exc:
        raise UserError(f"{path} cannot be read ({exc.strerror}).") from exc
    except UnicodeDecodeError:
        raise UserError(f"{path} is not a text file made by an export of bookmarks.") from None
    try:
        found, skipped = read_bookmarks(text)
    except UserError as not_ours:
        return _import_foreign(service, path, text, not_ours)
    if not found and skipped:
        return _import_foreign(service, path, text, None)
    report = service.import_bookmarks(found)
    extra = f"; {skipped} entr{'y' if skipped == 1 else 'ies'} skipped (not a bookmark)" if skipped else ""
    said = f"Imported {path.name}: {report.added} new, {report.updated} updated, {report.unchanged} already here"
    return report, said + extra + "."


def _import_foreign(
    service: BookmarkService, path: Path, text: str, error: UserError | None
) -> tuple[ImportReport, str]:
    """Web Annotations from other tools, and Zotero's CSL-JSON, RIS and BibTeX (`foreign_imports`)."""
    from gulagreader.core.bookmarks.foreign_imports import import_foreign, no_foreign_format, read_foreign
    from gulagreader.core.bookmarks.service import ImportReport

    records = read_foreign(text)
    if records is None:
        raise error or no_foreign_format()
    if not records:
        raise UserError(f"{path.name} holds no annotations or notes with a quote to import.")
    report = import_foreign(service, records)
    return ImportReport(added=report.added, updated=0, unchanged=report.unchanged), f"Imported {path.name}: {report}."
