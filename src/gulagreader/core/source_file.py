"""Read one source file of our edition: TOML metadata between `+++` lines, then passages.

The format is documented in docs/corpus-format.md. Parsing never raises on bad content:
problems are reported as `Finding`s with the file and line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gulagreader.core.bounded_input import RefusedInput, read_bytes, toml_loads
from gulagreader.core.errors import Finding
from gulagreader.core.model import CORRECTION_KINDS, Correction, Curation, NoteRef, Passage, Reprint, Source

_ANCHOR = re.compile(r"\{#([A-Za-z0-9][A-Za-z0-9.\-]*)\}\s*$")
_MARKER = re.compile(r"\[\^([^\]\s]{1,12})\]")
_HEADING = re.compile(r"^(#{1,3}) ")
_LIST_ITEM = re.compile(r"^(\d{1,3})\. ")
_NOTE = re.compile(r"^\[\^([^\]\s]{1,12})\]: ")
_TAGGED = re.compile(r"^\[(caption|byline|bibliography)\] ")
GENRES = frozenset({"eyewitness report", "scholarly article", "blog/journalism", "political essay", "web compilation"})


@dataclass
class SourceFile:
    """A parsed source file: its metadata, passages, content notes and findings."""

    source: Source | None
    passages: list[Passage] = field(default_factory=list)
    content_notes: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


MAX_FILE_BYTES = 20 * 1024 * 1024  # a whole long book is a few MB; anything far larger is a mistake


def read_corpus_text(path: Path, name: str, out: list[Finding]) -> str | None:
    """The UTF-8 text of a corpus file (a leading BOM dropped), or None with a Finding saying why."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused before reading: a stray huge file must not fill memory
            limit = MAX_FILE_BYTES // (1024 * 1024)
            out.append(Finding(name, 1, f"the file is {size / 2**20:.0f} MB; corpus files may be at most {limit} MB"))
            return None
        raw = read_bytes(path, MAX_FILE_BYTES)  # bounded: a FIFO or /dev/zero reports no size
    except OSError as exc:
        out.append(Finding(name, 0, f"cannot read file: {exc.strerror}"))
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        out.append(Finding(name, 1, "not valid UTF-8 text: the file is UTF-16 (save it as UTF-8)"))
        return None
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        out.append(Finding(name, line, "not valid UTF-8 text (save the file as UTF-8)"))
        return None


def read_source_file(path: Path) -> SourceFile:
    """Parse `path`; every problem becomes a Finding instead of an exception."""
    result = SourceFile(source=None)
    name = path.name
    text = read_corpus_text(path, name, result.findings)
    if text is None:
        return result
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        result.findings.append(Finding(name, line, "binary data (NUL bytes) in a text file"))
        return result
    lines = text.splitlines()
    if not lines or lines[0].strip() != "+++":
        result.findings.append(Finding(name, 1, "a source file must start with a '+++' line"))
        return result
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        result.findings.append(Finding(name, 1, "the metadata block has no closing '+++' line"))
        return result
    try:
        meta = toml_loads("\n".join(lines[1:end]))
    except RefusedInput as exc:
        result.findings.append(Finding(name, 2, f"malformed metadata: {exc}"))
        return result
    except tomllib.TOMLDecodeError as exc:
        line = 1 + _toml_line(str(exc))
        result.findings.append(Finding(name, line, f"malformed metadata: {exc}"))
        return result
    source_id = _text(meta.get("id"))
    if not source_id:
        result.findings.append(Finding(name, 2, "metadata has no 'id'"))
        return result
    result.passages = _read_passages(source_id, lines, end + 1, name, result.findings)
    result.content_notes = _content_notes(meta, name, result.findings)
    result.source = _source(meta, source_id, len(result.passages), name, result.findings)
    return result


def _toml_line(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 0


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _source(meta: dict[str, Any], source_id: str, count: int, name: str, out: list[Finding]) -> Source:
    for key in ("title", "original", "genre"):
        if not _text(meta.get(key)):
            out.append(Finding(name, 2, f"metadata has no '{key}'"))
    genre = _text(meta.get("genre"))
    if genre and genre not in GENRES:
        out.append(Finding(name, 2, f"unknown genre {genre!r} (one of: {', '.join(sorted(GENRES))})"))
    year = meta.get("year")
    if year is not None and not isinstance(year, int):
        out.append(Finding(name, 2, "'year' must be a whole number, e.g. year = 1963"))
        year = None
    curation = tuple(
        Curation(
            kind=_text(c.get("kind")),
            note=_text(c.get("note")),
            lines=_strings(c.get("lines")),
            patterns=_strings(c.get("patterns")),
        )
        for c in meta.get("curation", [])
        if isinstance(c, dict)
    )
    for entry in curation:
        for pattern in entry.patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                out.append(Finding(name, 2, f"curation pattern {pattern!r} is not a valid regex: {exc}"))
    reprints = tuple(
        Reprint(of=_text(r.get("of")), first=_text(r.get("first")), last=_text(r.get("last")))
        for r in meta.get("reprint", [])
        if isinstance(r, dict)
    )
    return Source(
        id=source_id,
        title=_text(meta.get("title")) or source_id,
        original=_text(meta.get("original")),
        authors=_strings(meta.get("authors")),
        publication=_text(meta.get("publication")),
        date=_text(meta.get("date")),
        year=year,
        pages=_text(meta.get("pages")),
        genre=genre,
        language=_text(meta.get("language")),
        publication_chain=_strings(meta.get("publication_chain")),
        provenance=_text(meta.get("provenance")),
        provenance_warning=_text(meta.get("provenance_warning")),
        curation=curation,
        reprints=reprints,
        passage_count=count,
        rights=_text(meta.get("rights")),
        attributed_to=_strings(meta.get("attributed_to")),
        attribution_note=_text(meta.get("attribution_note")),
        corrections=_corrections(meta, name, out),
        **_citation_fields(meta, name, out),
    )


def _corrections(meta: dict[str, Any], name: str, out: list[Finding]) -> tuple[Correction, ...]:
    found = []
    for entry in meta.get("correction", []):
        kind = _text(entry.get("kind")) if isinstance(entry, dict) else ""
        if not isinstance(entry, dict) or not _text(entry.get("note")) or kind not in CORRECTION_KINDS:
            out.append(
                Finding(
                    name, 2, f"a [[correction]] needs a 'note' and a 'kind' (one of: {', '.join(CORRECTION_KINDS)})"
                )
            )
            continue
        found.append(
            Correction(
                kind=kind,
                note=_text(entry.get("note")),
                passages=_strings(entry.get("passages")),
                original=_text(entry.get("original")),
            )
        )
    return tuple(found)


CITATION_KEYS = ("container_title", "volume", "issue", "issn", "url", "issued")
_ISSUED = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-(spring|summer|autumn|fall|winter))?$")
_ISSN = re.compile(r"^\d{4}-\d{3}[\dX]$")


def _citation_fields(meta: dict[str, Any], name: str, out: list[Finding]) -> dict[str, str]:
    """The structured fields a citation needs, checked: `issued` an ISO date or a year and season."""
    fields = {key: _text(meta.get(key)) for key in CITATION_KEYS}
    if fields["issued"] and not _ISSUED.match(fields["issued"]):
        out.append(Finding(name, 2, f"'issued' {fields['issued']!r} must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-season"))
        fields["issued"] = ""
    if fields["issn"] and not _ISSN.match(fields["issn"]):
        out.append(Finding(name, 2, f"'issn' {fields['issn']!r} must look like 0024-5089"))
        fields["issn"] = ""
    return fields


def _content_notes(meta: dict[str, Any], name: str, out: list[Finding]) -> dict[str, str]:
    notes: dict[str, str] = {}
    for entry in meta.get("content_note", []):
        if not isinstance(entry, dict) or not _text(entry.get("passage")) or not _text(entry.get("note")):
            out.append(Finding(name, 2, "a [[content_note]] needs 'passage' and 'note'"))
            continue
        notes[_text(entry["passage"])] = _text(entry["note"])
    return notes


def _blocks(lines: list[str], start: int) -> list[tuple[int, list[str]]]:
    """Group lines into blank-line separated blocks, with the 1-based line of each."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(lines[start:], start + 1):
        if line.strip():
            if not current:
                first = number
            current.append(line.rstrip())
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


def _read_passages(source_id: str, lines: list[str], start: int, name: str, out: list[Finding]) -> list[Passage]:
    passages: list[Passage] = []
    for line_no, block in _blocks(lines, start):
        anchor = _anchor(block[-1])
        if anchor is None:
            out.append(Finding(name, line_no + len(block) - 1, "passage has no anchor {#id} at its end"))
            continue
        passage_id, anchor_start = anchor
        block = [*block[:-1], block[-1][:anchor_start]]
        if not passage_id.startswith(source_id + "."):
            out.append(Finding(name, line_no, f"passage id {passage_id!r} must start with '{source_id}.'"))
        kind, level, label, body = _classify(block)
        text, notes = _markers(body)
        if not text.strip():
            out.append(Finding(name, line_no, f"passage {passage_id} is empty"))
        passages.append(
            Passage(
                id=passage_id,
                source_id=source_id,
                seq=len(passages),
                kind=kind,
                text=text,
                level=level,
                label=label,
                notes=notes,
                line=line_no,
            )
        )
    return passages


def _anchor(line: str) -> tuple[str, int] | None:
    """The id of the anchor ending `line`, and where it starts (with the spaces before it).

    Looking for the last '{#' first is ten times faster than a regex search from the left.
    """
    at = line.rfind("{#")
    match = _ANCHOR.match(line, at) if at >= 0 else None
    if match is None:
        return None
    return match.group(1), len(line[:at].rstrip())


def _classify(block: list[str]) -> tuple[str, int, str, str]:
    """Return (kind, heading level, label, text) of a block."""
    first = block[0]
    if match := _HEADING.match(first):
        return "heading", len(match.group(1)), "", _join([first[match.end() :], *block[1:]])
    if first.startswith("> "):
        return "quote", 0, "", _join([line.removeprefix(">").strip() for line in block])
    if first.startswith("| "):
        return "verse", 0, "", "\n".join(line.removeprefix("|").strip() for line in block)
    if match := _NOTE.match(first):
        return "note", 0, match.group(1), _join([first[match.end() :], *block[1:]])
    if match := _LIST_ITEM.match(first):
        return "list_item", 0, match.group(1), _join([first[match.end() :], *block[1:]])
    if match := _TAGGED.match(first):
        return match.group(1), 0, "", _join([first[match.end() :], *block[1:]])
    return "paragraph", 0, "", _join(block)


def _join(lines: list[str]) -> str:
    """The lines' words, one space apart."""
    return " ".join(" ".join(lines).split())


def _markers(body: str) -> tuple[str, tuple[NoteRef, ...]]:
    """Take footnote markers out of the text, remembering where they stood."""
    parts: list[str] = []
    notes: list[NoteRef] = []
    pos = 0
    length = 0
    for match in _MARKER.finditer(body):
        chunk = body[pos : match.start()]
        parts.append(chunk)
        length += len(chunk)
        notes.append(NoteRef(offset=length, label=match.group(1), note_id=None))
        pos = match.end()
    parts.append(body[pos:])
    return "".join(parts), tuple(notes)
