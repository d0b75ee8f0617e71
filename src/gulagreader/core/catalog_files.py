"""Read the gazetteer (names.toml) and the event catalogue (events.toml)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gulagreader.core.bounded_input import RefusedInput, toml_loads
from gulagreader.core.errors import Finding
from gulagreader.core.model import EVENT_KINDS, Account, Discrepancy, Episode, Event, Figure, Name, Side
from gulagreader.core.source_file import read_corpus_text

NAME_KINDS = frozenset({"person", "place", "camp", "organisation"})


def _load(path: Path, out: list[Finding]) -> tuple[dict[str, Any], list[str]]:
    if not path.exists():
        out.append(Finding(path.name, 0, "file is missing"))
        return {}, []
    text = read_corpus_text(path, path.name, out)
    if text is None:
        return {}, []
    try:
        return toml_loads(text), text.splitlines()
    except RefusedInput as exc:
        out.append(Finding(path.name, 1, f"malformed TOML: {exc}"))
        return {}, []
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        out.append(Finding(path.name, int(match.group(1)) if match else 0, f"malformed TOML: {exc}"))
        return {}, []


def _id_lines(lines: list[str]) -> dict[str, int]:
    """The 1-based line where each `id = "..."` is written (for findings)."""
    found: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        match = _ID_LINE.match(line)
        if match:
            found.setdefault(match.group(1), number)
    return found


_ID_LINE = re.compile(r"""^\s*id\s*=\s*["']([^"']*)["']""")


def _entries(data: dict[str, Any], table: str, lines: list[str]) -> list[tuple[int, dict[str, Any]]]:
    """Each `[[table]]` entry with the line of its header (the n-th entry starts at the n-th header)."""
    header = re.compile(rf"^\s*\[\[\s*{table}\s*\]\]")
    starts = [n for n, line in enumerate(lines, 1) if header.match(line)]
    found = data.get(table, [])
    entries = found if isinstance(found, list) else [found]
    return [(starts[i] if i < len(starts) else 0, e if isinstance(e, dict) else {}) for i, e in enumerate(entries)]


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())
    return ()


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _tables(value: Any) -> list[dict[str, Any]]:
    """The tables of an array of tables; anything else a hand edit left there is skipped."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _identified(
    path: Path, table: str, article: str, out: list[Finding], where: dict[str, int]
) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """Each `[[table]]` entry of the file with its id and the line of its id, noted in `where`; an
    entry with no id, or an id already used, is reported in `out` and left out."""
    data, lines = _load(path, out)
    id_lines = _id_lines(lines)
    for start, entry in _entries(data, table, lines):
        entry_id = _text(entry.get("id"))
        if not entry_id:
            out.append(Finding(path.name, start, f"{article} [[{table}]] has no id"))
        elif entry_id in where:
            out.append(Finding(path.name, start, f"duplicate {table} id {entry_id!r} (also line {where[entry_id]})"))
        else:
            where[entry_id] = id_lines.get(entry_id, start)
            yield entry_id, where[entry_id], entry


def read_names(path: Path, out: list[Finding]) -> tuple[list[Name], dict[str, int]]:
    """The gazetteer entries and the line each starts on."""
    names: list[Name] = []
    where: dict[str, int] = {}
    for name_id, line, entry in _identified(path, "name", "a", out, where):
        kind = _text(entry.get("kind"))
        if kind not in NAME_KINDS:
            out.append(Finding(path.name, line, f"name {name_id!r}: kind must be one of {sorted(NAME_KINDS)}"))
        spellings = _strings(entry.get("spellings"))
        if not spellings:
            out.append(Finding(path.name, line, f"name {name_id!r} has no spellings"))
        names.append(
            Name(
                id=name_id,
                canonical=_text(entry.get("canonical")) or name_id,
                kind=kind,
                spellings=spellings,
                variants=_strings(entry.get("variants")),
                note=_text(entry.get("note")),
                disputed=_text(entry.get("disputed")),
                supplied=_text(entry.get("supplied")),
                cyrillic=_one_or_more(entry.get("cyrillic")),
                cyrillic_uk=_one_or_more(entry.get("cyrillic_uk")),
                cyrillic_be=_one_or_more(entry.get("cyrillic_be")),
            )
        )
    return names, where


def _one_or_more(value: Any) -> tuple[str, ...]:
    """A string or a list of strings (a form we give in another script)."""
    return (value.strip(),) if isinstance(value, str) and value.strip() else _strings(value)


def read_events(path: Path, out: list[Finding]) -> tuple[list[Event], dict[str, int]]:
    """The event catalogue and the line each event starts on."""
    events: list[Event] = []
    where: dict[str, int] = {}
    for event_id, line, entry in _identified(path, "event", "an", out, where):
        accounts = tuple(
            Account(
                source_id=_text(a.get("source")),
                passage_ids=_strings(a.get("passages")),
                episodes={str(k): _strings(v) for k, v in _table(a.get("episodes")).items() if isinstance(v, list)},
            )
            for a in _tables(entry.get("account"))
        )
        figures = tuple(
            Figure(
                what=_text(f.get("what")),
                value=str(f.get("value", "")).strip(),
                passage_id=_text(f.get("passage")),
                source_id=_text(f.get("passage")).split(".", 1)[0],
                subject=_text(f.get("subject")),
                given_by=_text(f.get("given_by")),
                note=_text(f.get("note")),
            )
            for f in _tables(entry.get("figure"))
        )
        kind = _text(entry.get("kind"))
        if not kind:  # an older catalogue: the event is listed after those with a kind
            out.append(
                Finding(path.name, line, f"event {event_id!r} has no kind ({', '.join(EVENT_KINDS)})", "warning")
            )
        elif kind not in EVENT_KINDS:
            out.append(Finding(path.name, line, f"event {event_id!r}: kind must be one of {sorted(EVENT_KINDS)}"))
        events.append(
            Event(
                id=event_id,
                title=_text(entry.get("title")) or event_id,
                start=str(entry.get("start", "")).strip(),
                end=str(entry.get("end", "")).strip(),
                date_text=_text(entry.get("date_text")),
                places=_strings(entry.get("places")),
                other_names=_strings(entry.get("other_names")),
                summary=_text(entry.get("summary")),
                episodes=tuple(
                    Episode(id=_text(e.get("id")), title=_text(e.get("title"))) for e in _tables(entry.get("episode"))
                ),
                accounts=accounts,
                figures=figures,
                kind=kind,
                note=_text(entry.get("note")),
                discrepancies=_discrepancies(entry, event_id, line, path.name, out),
            )
        )
    return events, where


def _discrepancies(
    entry: dict[str, Any], event_id: str, line: int, rel: str, out: list[Finding]
) -> tuple[Discrepancy, ...]:
    """The event's `[[event.discrepancy]]` tables: each needs a subject, our note and two sides or more."""
    found = []
    for d in _tables(entry.get("discrepancy")):
        sides = tuple(
            Side(says=_text(s.get("says")), passage_ids=_strings(s.get("passages")), given_by=_text(s.get("given_by")))
            for s in _tables(d.get("side"))
        )
        subject = _text(d.get("subject"))
        if (
            not subject
            or not _text(d.get("note"))
            or len(sides) < 2
            or not all(s.says and s.passage_ids for s in sides)
        ):
            out.append(
                Finding(
                    rel,
                    line,
                    f"event {event_id!r}: a discrepancy needs a subject, a note and two sides or more"
                    " (each with 'says' and 'passages')",
                )
            )
            continue
        found.append(Discrepancy(subject=subject, note=_text(d.get("note")), sides=sides, what=_text(d.get("what"))))
    return tuple(found)
