"""The one module that talks to the corpus SQLite database.

Builds write it with sqlite-utils; reading uses the standard library's sqlite3 in read-only
mode, which keeps sqlite-utils (about 100 ms to import) off the reader's start-up path.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from gulagreader.core.errors import StoreError
from gulagreader.core.model import (
    Account,
    Corpus,
    Curation,
    Episode,
    Event,
    Figure,
    Name,
    NoteRef,
    Passage,
    Reprint,
    Source,
)

SCHEMA_VERSION = 1


def write_corpus_db(path: Path, corpus: Corpus, vocabulary: Iterable[tuple[str, str, int, bool]]) -> None:
    """Write `corpus` (and the word list used for suggestions) into a new database at `path`."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA journal_mode=DELETE")
    with db.conn:
        db.table("meta").insert_all([{"key": "schema_version", "value": str(SCHEMA_VERSION)}], pk="key")
        db.table("sources").insert_all(({**_source_row(s), "seq": i} for i, s in enumerate(corpus.sources)), pk="id")
        db.table("passages").insert_all((_passage_row(p) for p in corpus.passages), pk="id", batch_size=2000)
        db.table("passages").create_index(["source_id", "seq"])
        db.table("names").insert_all((_json_row(asdict(n)) for n in corpus.names), pk="id")
        db.table("events").insert_all((_event_row(e, i) for i, e in enumerate(corpus.events)), pk="id")
        db.table("vocabulary").insert_all(
            ({"word": w, "skeleton": k, "freq": f, "proper": int(p)} for w, k, f, p in vocabulary),
            pk="word",
            batch_size=5000,
        )
        db.table("vocabulary").create_index(["skeleton"])


def _json_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple, dict)) else v for k, v in row.items()}


def _source_row(source: Source) -> dict[str, Any]:
    return _json_row(asdict(source))


def _passage_row(p: Passage) -> dict[str, Any]:
    row = asdict(p)
    row["notes"] = [[n.offset, n.label, n.note_id] for n in p.notes]
    return _json_row(row)


def _event_row(event: Event, seq: int) -> dict[str, Any]:
    row = asdict(event)
    row["accounts"] = [asdict(a) for a in event.accounts]
    row["seq"] = seq
    return _json_row(row)


class CorpusDB:
    """Read access to a built corpus database."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise StoreError(f"corpus database missing: {path.name}")
        try:
            self._conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._conn.row_factory = sqlite3.Row
            version = self._conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the corpus database is damaged ({exc})") from exc
        if version is None or int(version[0]) != SCHEMA_VERSION:
            raise StoreError("the corpus database was built by another version")

    def close(self) -> None:
        self._conn.close()

    def verify(self) -> None:
        """Check the database's pages and that it holds passages."""
        try:
            check = self._conn.execute("PRAGMA quick_check").fetchone()[0]
            count = self._conn.execute("SELECT count(*) FROM passages").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the corpus database is damaged ({exc})") from exc
        if check != "ok" or count == 0:
            raise StoreError(f"the corpus database is damaged ({check}, {count} passages)")

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the corpus database is damaged ({exc})") from exc

    def sources(self) -> list[Source]:
        return [_source(r) for r in self._rows("SELECT * FROM sources ORDER BY seq")]

    def passages_of(self, source_id: str) -> list[Passage]:
        return [_passage(r) for r in self._rows("SELECT * FROM passages WHERE source_id=? ORDER BY seq", [source_id])]

    def passages(self, ids: Sequence[str]) -> dict[str, Passage]:
        found: dict[str, Passage] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self._rows(f"SELECT * FROM passages WHERE id IN ({marks})", chunk):
                found[row["id"]] = _passage(row)
        return found

    def names(self) -> list[Name]:
        return [
            Name(
                id=r["id"],
                canonical=r["canonical"],
                kind=r["kind"],
                spellings=tuple(json.loads(r["spellings"])),
                variants=tuple(json.loads(r["variants"])),
                note=r["note"] or "",
            )
            for r in (self._rows("SELECT * FROM names") if self._has("names") else [])
        ]

    def events(self) -> list[Event]:
        return [_event(r) for r in self._rows("SELECT * FROM events ORDER BY seq")] if self._has("events") else []

    def vocabulary(self) -> list[tuple[str, str, int, bool]]:
        if not self._has("vocabulary"):
            return []
        rows = self._rows("SELECT word, skeleton, freq, proper FROM vocabulary")
        return [(r[0], r[1], r[2], bool(r[3])) for r in rows]

    def _has(self, table: str) -> bool:
        return bool(self._rows("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", [table]))


def _tuple(raw: str | None) -> tuple[Any, ...]:
    return tuple(json.loads(raw)) if raw else ()


def _source(r: sqlite3.Row) -> Source:
    return Source(
        id=r["id"],
        title=r["title"],
        original=r["original"],
        authors=_tuple(r["authors"]),
        publication=r["publication"] or "",
        date=r["date"] or "",
        year=r["year"],
        pages=r["pages"] or "",
        genre=r["genre"] or "",
        language=r["language"] or "",
        publication_chain=_tuple(r["publication_chain"]),
        provenance=r["provenance"] or "",
        provenance_warning=r["provenance_warning"] or "",
        curation=tuple(
            Curation(c["kind"], c["note"], tuple(c["lines"]), tuple(c["patterns"])) for c in _tuple(r["curation"])
        ),
        reprints=tuple(Reprint(x["of"], x["first"], x["last"]) for x in _tuple(r["reprints"])),
        passage_count=r["passage_count"],
    )


def _passage(r: sqlite3.Row) -> Passage:
    return Passage(
        id=r["id"],
        source_id=r["source_id"],
        seq=r["seq"],
        kind=r["kind"],
        text=r["text"],
        level=r["level"],
        label=r["label"] or "",
        notes=tuple(NoteRef(o, label, note) for o, label, note in _tuple(r["notes"])),
        content_note=r["content_note"] or "",
        reprint_of=r["reprint_of"] or "",
        events=_tuple(r["events"]),
        line=r["line"],
    )


def _event(r: sqlite3.Row) -> Event:
    return Event(
        id=r["id"],
        title=r["title"],
        start=r["start"] or "",
        end=r["end"] or "",
        date_text=r["date_text"] or "",
        places=_tuple(r["places"]),
        other_names=_tuple(r["other_names"]),
        summary=r["summary"] or "",
        episodes=tuple(Episode(e["id"], e["title"]) for e in _tuple(r["episodes"])),
        accounts=tuple(
            Account(a["source_id"], tuple(a["passage_ids"]), {k: tuple(v) for k, v in a["episodes"].items()})
            for a in _tuple(r["accounts"])
        ),
        figures=tuple(Figure(**f) for f in _tuple(r["figures"])),
    )
