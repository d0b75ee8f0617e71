"""Bookmarks from the tools researchers use: Web Annotations (e.g. Hypothesis), and Zotero's
CSL-JSON, RIS and BibTeX (our exports after a trip through Zotero, or anyone's notes with a quote).

Nothing here trusts a foreign passage id: every quote is looked for in the corpus (its
TextQuoteSelector with prefix and suffix, by `anchoring`), and the report says what matched where
it said it was, what moved, and what stayed unmatched. Unmatched quotes are kept as orphaned
bookmarks, never dropped. Kept apart from `imports` (our own formats) on purpose.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from gulagreader.core.bookmarks.library_exports import NOTE_MARK
from gulagreader.core.bookmarks.model import Bookmark, TextPositionSelector, TextQuoteSelector, clean_tags, now
from gulagreader.core.bookmarks.service import stable_id
from gulagreader.core.bounded_input import json_loads
from gulagreader.core.errors import UserError

if TYPE_CHECKING:
    from gulagreader.core.bookmarks.service import BookmarkService

_MARK = re.compile(
    re.escape(NOTE_MARK)
    + r" (?P<id>[0-9a-f-]{36}) · passage (?P<passage>\S+)(?: · [^·]* · (?P<created>\S+) · (?P<updated>\S+))?"
)
_OURS = "urn:gulagreader:passage:"


@dataclass(frozen=True)
class ForeignRecord:
    """One note or annotation from another tool: its quote, note and tags, and what it says of where."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    passage_id: str = ""  # only when the record is one of ours (our mark, or our target IRI)
    bookmark_id: str = ""
    created: str = ""
    updated: str = ""


@dataclass(frozen=True)
class MatchReport:
    """What a foreign import did: quotes found where they said, found elsewhere, and not found (kept)."""

    matched: int
    moved: int
    unmatched: int
    added: int
    unchanged: int
    skipped: int  # entries with no quote to look for

    def __str__(self) -> str:
        return (
            f"{self.matched} matched, {self.moved} moved to another passage, {self.unmatched} unmatched "
            f"(kept as orphaned); {self.added} new, {self.unchanged} already here"
            + (f"; {self.skipped} without a quote skipped" if self.skipped else "")
        )


def read_foreign(text: str) -> list[ForeignRecord | None] | None:
    """The records of a foreign file, or None when it is none of the formats here. None in the list
    stands for an entry without a quote."""
    text = text.lstrip("\ufeff")
    head = text.lstrip()[:1]
    if head in ("[", "{"):
        try:
            data = json_loads(text)  # nested too deep or not a number: refused before parsing
        except ValueError:
            return None
        return _from_json(data)
    if re.match(r"\s*TY  - ", text):
        return list(_from_ris(text))
    if re.search(r"^\s*@\w+\s*\{", text, re.MULTILINE):
        return list(_from_bibtex(text))
    return None


def import_foreign(service: BookmarkService, records: list[ForeignRecord | None]) -> MatchReport:
    """Match `records` to passages by quote, keep them all as bookmarks, and report."""
    stamp = now()
    wanted = [r for r in records if r is not None]
    candidates = [
        Bookmark(
            id=r.bookmark_id or stable_id(r.passage_id or "foreign", r.exact, r.note),
            passage_id=r.passage_id,
            source_id=r.passage_id.split(".", 1)[0] if r.passage_id else "",
            quote=TextQuoteSelector(r.exact, r.prefix, r.suffix),
            position=TextPositionSelector(0, len(r.exact)),
            whole_passage=False,
            note=r.note,
            tags=r.tags,
            created=r.created or stamp,
            updated=r.updated or r.created or "",
        )
        for r in wanted
    ]
    placed = service.place(candidates)
    texts = service.passages(placed)
    placed = [  # a quote of a whole passage is a bookmark of the passage
        replace(b, whole_passage=b.passage_id in texts and b.quote.exact == texts[b.passage_id].text) for b in placed
    ]
    matched = moved = unmatched = 0
    final = []
    for before, after in zip(candidates, placed, strict=True):
        if after.status == "orphaned":
            unmatched += 1
            final.append(replace(after, source_id=after.source_id or "unknown", passage_id=after.passage_id or ""))
        elif before.passage_id and after.passage_id != before.passage_id:
            moved += 1
            final.append(after)
        else:
            matched += 1
            final.append(replace(after, status="anchored"))
    report = service.import_bookmarks(final)
    return MatchReport(matched, moved, unmatched, report.added, report.unchanged, len(records) - len(wanted))


# --- JSON: Web Annotations (W3C, Hypothesis) and Zotero CSL-JSON ---


def _from_json(data: Any) -> list[ForeignRecord | None] | None:
    if isinstance(data, dict):
        if data.get("type") == "Annotation" or "target" in data:
            return [_from_annotation(data)]
        page = data.get("first", data)
        items = page.get("items") if isinstance(page, dict) else None
        if isinstance(items, list):
            return [_from_annotation(a) for a in items]
        rows = data.get("rows") or data.get("annotations")  # Hypothesis API search results
        return [_from_annotation(a) for a in rows] if isinstance(rows, list) else None
    if isinstance(data, list) and data and all(isinstance(x, dict) for x in data):
        if all("target" in x for x in data):
            return [_from_annotation(a) for a in data]
        if all("type" in x and "title" in x for x in data):  # CSL-JSON: the notes Zotero kept in `note`
            return [r for item in data for r in _from_note(str(item.get("note", "")), ())]
    return None


def _from_annotation(a: Any) -> ForeignRecord | None:
    if not isinstance(a, dict):
        return None
    targets = a.get("target") or []
    targets = targets if isinstance(targets, list) else [targets]
    quote: dict[str, Any] = {}
    passage_id = ""
    for target in targets:
        if not isinstance(target, dict):
            continue
        source = str(target.get("source", ""))
        if source.startswith(_OURS):
            passage_id = source[len(_OURS) :]
        selectors = target.get("selector") or []
        for selector in selectors if isinstance(selectors, list) else [selectors]:
            if isinstance(selector, dict) and selector.get("type") == "TextQuoteSelector":
                quote = selector
    exact = str(quote.get("exact") or "")
    if not exact.strip():
        return None
    notes, tags = [], list(a.get("tags") or [])  # Hypothesis keeps the note in `text`, tags in `tags`
    if isinstance(a.get("text"), str) and a["text"].strip():
        notes.append(a["text"])
    if isinstance(a.get("bodyValue"), str):
        notes.append(a["bodyValue"])
    bodies = a.get("body") or []
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if isinstance(body, dict) and body.get("purpose") == "tagging":
            tags.append(str(body.get("value", "")))
        elif isinstance(body, dict) and body.get("type") == "TextualBody" and body.get("purpose") != "describing":
            notes.append(str(body.get("value", "")))
    ident = str(a.get("id", "")).removeprefix("urn:uuid:")
    return ForeignRecord(
        exact=exact,
        prefix=str(quote.get("prefix") or ""),
        suffix=str(quote.get("suffix") or ""),
        note="\n\n".join(n for n in notes if n.strip()),
        tags=clean_tags(str(t) for t in tags),
        passage_id=passage_id,
        bookmark_id=ident if re.fullmatch(r"[0-9a-f-]{36}", ident) else "",
        created=str(a.get("created") or ""),
        updated=str(a.get("modified") or a.get("updated") or ""),
    )


# --- notes: ours after Zotero (HTML or text), or anyone's with a block quote ---


def html_to_text(markup: str) -> str:
    """A Zotero note's HTML as our plain-text note shape: block quotes as '> ' lines, paragraphs apart."""
    if "<" not in markup:
        return markup
    text = re.sub(r"<blockquote[^>]*>(.*?)</blockquote>", _quoted, markup, flags=re.S | re.I)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", text, flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text).strip()


def _quoted(match: re.Match[str]) -> str:
    inner = html_to_text(re.sub(r"</?p[^>]*>", "", match.group(1).replace("</p><p>", "\n")))
    return "\n\n" + "\n".join(f"> {line}" for line in inner.splitlines()) + "\n\n</p><p>"


def _from_note(note: str, tags: tuple[str, ...]) -> Iterator[ForeignRecord | None]:
    """Our notes (split at '----' when several share one field), each as a record."""
    text = html_to_text(note)
    for chunk in re.split(r"\n\s*-{4,}\s*\n", text):
        if chunk.strip():
            yield _record_from_note(chunk, tags)


def _record_from_note(chunk: str, tags: tuple[str, ...]) -> ForeignRecord | None:
    quote: list[str] = []
    rest: list[str] = []
    found_tags: list[str] = list(tags)
    passage_id = bookmark_id = created = updated = ""
    for block in re.split(r"\n\s*\n", chunk.strip()):
        lines = block.splitlines()
        if lines and all(line.startswith(">") for line in lines):
            quote.append("\n".join(line[1:].removeprefix(" ") for line in lines))
        elif block.startswith("Tags: "):
            found_tags += block[len("Tags: ") :].split("; ")
        elif block.startswith(("Events: ", "Cite: ", "Content note (our edition): ")):
            continue
        elif (mark := _MARK.search(block)) is not None:
            passage_id, bookmark_id = mark.group("passage"), mark.group("id")
            created, updated = mark.group("created") or "", mark.group("updated") or ""
        else:
            rest.append(block)
    if not quote:
        return None
    return ForeignRecord(
        exact="\n".join(quote),
        note="\n\n".join(rest),
        tags=clean_tags(found_tags),
        passage_id=passage_id,
        bookmark_id=bookmark_id,
        created=created,
        updated=updated,
    )


# --- RIS ---


def _from_ris(text: str) -> Iterator[ForeignRecord | None]:
    tags: list[str] = []
    notes: list[str] = []
    last = ""
    for line in text.splitlines():
        match = re.match(r"^([A-Z][A-Z0-9])  -(?: (.*))?$", line)
        if match is None:
            if last in ("N1", "AB") and notes:
                notes[-1] += "\n" + line
            continue
        tag, value = match.group(1), match.group(2) or ""
        last = tag
        if tag == "TY":
            tags, notes = [], []
        elif tag == "KW":
            tags.append(value)
        elif tag == "N1":
            notes.append(value)
        elif tag == "ER":
            for note in notes:
                yield from _from_note(note, ())


# --- BibTeX ---


def _from_bibtex(text: str) -> Iterator[ForeignRecord | None]:
    for name, value in _bib_fields(text):
        if name in ("note", "annote", "comment"):
            yield from _from_note(_bib_unescape(value), ())


def _bib_fields(text: str) -> Iterator[tuple[str, str]]:
    """(name, braced value) of every `name = {value}` field, braces balanced."""
    field = re.compile(r"(\w+)\s*=\s*\{")
    pos = 0
    while (match := field.search(text, pos)) is not None:
        depth, i = 1, match.end()
        while i < len(text) and depth:
            if text[i] == "\\":
                i += 2
                continue
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        yield match.group(1).lower(), text[match.end() : i - 1]
        pos = i


_BIB_UNESCAPES = {
    r"\textbackslash{}": "\\", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^",
    r"\{": "{", r"\}": "}", r"\%": "%", r"\&": "&", r"\$": "$", r"\#": "#", r"\_": "_",
}  # fmt: skip


def _bib_unescape(value: str) -> str:
    return re.sub("|".join(re.escape(k) for k in _BIB_UNESCAPES), lambda m: _BIB_UNESCAPES[m.group(0)], value)


def no_foreign_format() -> UserError:
    return UserError(
        "This file is none of the formats GulagReader imports: its own exports (CSV, CSL-JSON, JSON-LD), "
        "Web Annotations (e.g. Hypothesis), or Zotero CSL-JSON, RIS or BibTeX."
    )
