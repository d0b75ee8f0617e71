"""The one module that talks to the corpus SQLite database.

Builds write it and the reader reads it (read-only) with the standard library's sqlite3: sqlite-utils
(about 100 ms to import) is kept off both. The tables are those sqlite-utils would write.
"""

# No postponed annotations here: a search process defines this module's named tuples (CONTRIBUTING.md, Start-up).

import contextlib
import errno
import json
import sqlite3
from _thread import allocate_lock as new_lock  # threading.Lock itself; `threading` costs a search ~1 ms
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from gulagreader.core import fingerprint
from gulagreader.core.errors import StoreError

if TYPE_CHECKING:
    from gulagreader.core.glossary import Term
    from gulagreader.core.model import Corpus, Event, Location, Name, Passage, Source
    from gulagreader.core.names.forms import NameForm

# The corpus model's classes are imported where rows become them, not with this module: a search
# process needs none of them, and defining them costs it more than the search itself.

SCHEMA_VERSION = 2  # 2: events: kind, note, discrepancies; figures a note; passages their original lines


class SourceLabel(NamedTuple):
    """What a search hit shows of its source."""

    title: str
    date: str
    provenance_warning: str


class NameTables(NamedTuple):
    """What a build derives of the gazetteer: every form of each name, the keys a query finds a
    name by (key, name id, acronym), where the texts print each name (name id, passage id,
    spelling as printed), and the words a query word of a name expands to (see `lexicon.name_aliases`)."""

    forms: Sequence["NameForm"] = ()
    keys: Sequence[tuple[str, str, bool]] = ()
    printed: Sequence[tuple[str, str, str]] = ()
    aliases: Mapping[str, frozenset[str]] = {}  # (never changed)


class CorpusWriter:
    """Writes a new corpus database as a build streams the corpus: each source's passages (with the
    names they print and the places they mention) as they come, then everything else at `finish`.

    One transaction with the standard library's sqlite3 (sqlite-utils costs ~0.1 s to import). A
    failed write (a full disk) is an OSError, as for the other files of a build.
    """

    def __init__(self, path: Path, places: bool) -> None:
        """`places`: the corpus has places.toml (then the database has the map's tables)."""
        self._places = places
        self._mentions = 0
        with _as_os_error():
            self._conn = sqlite3.connect(path, isolation_level=None)
            self._conn.execute("PRAGMA journal_mode=DELETE")
            self._conn.execute("BEGIN")
            _create(self._conn, "passages", _PASSAGE_COLUMNS, pk="id")
            self._conn.execute("CREATE TABLE name_passages (name_id TEXT, passage_id TEXT, spelling TEXT)")
            if places:
                _create(self._conn, "mentions", {"name_id": str, "passage_id": str, "seq": int})

    def __enter__(self) -> "CorpusWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self._conn.close()  # without `finish`, nothing is committed

    def add(
        self,
        passages: Sequence["Passage"],
        printed: Iterable[tuple[str, str, str]],
        mentions: Sequence[tuple[str, str]],
    ) -> None:
        """One source's passages; (name id, passage id, spelling) of each name they print; (place or
        camp id, passage id) of each place they mention."""
        marks = ",".join("?" * len(_PASSAGE_COLUMNS))
        with _as_os_error():
            self._conn.executemany(f"INSERT INTO passages VALUES ({marks})", map(_passage_values, passages))
            self._conn.executemany("INSERT INTO name_passages VALUES (?, ?, ?)", printed)
            if self._places and mentions:
                seq = range(self._mentions, self._mentions + len(mentions))
                self._conn.executemany(
                    "INSERT INTO mentions VALUES (?, ?, ?)",
                    ((n, p, i) for i, (n, p) in zip(seq, mentions, strict=True)),
                )
                self._mentions += len(mentions)

    def finish(
        self,
        corpus: "Corpus",
        vocabulary: Iterable[tuple[str, str, int, bool]],
        suggestion_words: Iterable[str] = (),
        names: NameTables | None = None,
    ) -> None:
        """Write the rest from `corpus` (its sources, names, events, glossary and locations; its
        passages and mentions were `add`ed), the word list, the suggestion index of
        `suggestion_words` and the derived name tables; then commit."""
        with _as_os_error():
            _write_rest(self._conn, corpus, vocabulary, suggestion_words, names or NameTables(), self._places)
            self._conn.execute("COMMIT")


@contextlib.contextmanager
def _as_os_error() -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        raise OSError(errno.ENOSPC if "full" in str(exc) else errno.EIO, str(exc)) from exc


def _write_rest(
    conn: sqlite3.Connection,
    corpus: "Corpus",
    vocabulary: Iterable[tuple[str, str, int, bool]],
    suggestion_words: Iterable[str],
    names: NameTables,
    places: bool,
) -> None:
    from gulagreader.core.model import Event, Location, Name, Source  # building only

    conn.execute(f"CREATE INDEX {_q('idx_passages_source_id_seq')} ON passages (source_id, seq)")
    _insert(conn, "meta", {"key": str, "value": str}, [("schema_version", str(SCHEMA_VERSION))], pk="key")
    source_rows = ((*_row(s), i) for i, s in enumerate(corpus.sources))
    _insert(conn, "sources", {**_columns(Source), "seq": int}, source_rows, pk="id")
    _insert(conn, "names", _columns(Name), map(_row, corpus.names), pk="id")
    event_rows = ((*_row(e), i) for i, e in enumerate(corpus.events))
    _insert(conn, "events", {**_columns(Event), "seq": int}, event_rows, pk="id")
    glossary = {"id": str, "seq": int, "term": str, "forms": str, "definition": str, "passages": str}
    glossary_rows = (
        (t.id, i, t.term, _json(t.forms), t.definition, _json(t.passages)) for i, t in enumerate(corpus.glossary)
    )
    _insert(conn, "glossary", glossary, glossary_rows, pk="id")
    vocabulary_rows = ((w, k, f, int(p)) for w, k, f, p in vocabulary)
    _insert(conn, "vocabulary", {"word": str, "skeleton": str, "freq": int, "proper": int}, vocabulary_rows, pk="word")
    conn.execute(f"CREATE INDEX {_q('idx_vocabulary_skeleton')} ON vocabulary (skeleton)")
    _write_suggestion_keys(conn, suggestion_words)
    if places:
        _insert(conn, "locations", _columns(Location), map(_row, corpus.locations), pk="id")
        conn.execute(f"CREATE INDEX {_q('idx_mentions_name_id')} ON mentions (name_id)")
    _write_name_tables(conn, names)


_SQL_TYPES = {"int": "INTEGER", "float": "REAL", "bool": "INTEGER"}  # anything else (str, JSON lists): TEXT


def _columns(kind: type) -> dict[str, type | str]:
    """A dataclass's fields as columns: their annotation (a string, by `from __future__ import annotations`)."""
    from dataclasses import fields  # (only a build writes: a search process defines no dataclass)

    return {f.name: str(f.type) for f in fields(kind)}


def _sql_type(kind: type | str) -> str:
    name = kind if isinstance(kind, str) else kind.__name__
    return _SQL_TYPES.get(name.split("|")[0].strip(), "TEXT")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create(conn: sqlite3.Connection, table: str, columns: Mapping[str, type | str], pk: str | None = None) -> None:
    """CREATE TABLE as sqlite-utils writes it (its types, the primary key inline)."""
    defs = [f"{_q(c)} {_sql_type(t)}{' PRIMARY KEY' if c == pk else ''}" for c, t in columns.items()]
    conn.execute(f"CREATE TABLE {_q(table)} ({', '.join(defs)})")


def _insert(
    conn: sqlite3.Connection, table: str, columns: Mapping[str, type | str], rows: Iterable[Sequence[Any]], pk: str
) -> None:
    _create(conn, table, columns, pk)
    conn.executemany(f"INSERT INTO {_q(table)} VALUES ({','.join('?' * len(columns))})", rows)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _row(item: Any) -> tuple[Any, ...]:
    """A dataclass as a row in field order, lists and nested dataclasses as JSON (as sqlite-utils writes them)."""
    from dataclasses import fields  # (only a build writes: a search process defines no dataclass)

    values = (_plain(getattr(item, f.name)) for f in fields(item))
    return tuple(json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for v in values)


def _plain(value: Any) -> Any:
    """What `dataclasses.asdict` makes of a field's value, as JSON sees it (tuples as lists), without
    its deep copies."""
    if isinstance(value, (str, int, float)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    from dataclasses import fields, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def _write_name_tables(conn: sqlite3.Connection, names: NameTables) -> None:
    conn.execute("CREATE TABLE name_forms (name_id TEXT, form TEXT, origin TEXT, key TEXT, derivation TEXT)")
    conn.executemany(
        "INSERT INTO name_forms VALUES (?, ?, ?, ?, ?)",
        ((f.name_id, f.form, f.origin, f.key, f.derivation) for f in names.forms),
    )
    conn.execute("CREATE INDEX name_forms_name ON name_forms (name_id)")
    conn.execute(
        "CREATE TABLE name_keys (key TEXT, name_id TEXT, acronym INTEGER, PRIMARY KEY (key, name_id, acronym))"
        " WITHOUT ROWID"
    )
    conn.executemany("INSERT OR IGNORE INTO name_keys VALUES (?, ?, ?)", ((k, n, int(a)) for k, n, a in names.keys))
    conn.executemany("INSERT INTO name_passages VALUES (?, ?, ?)", names.printed)  # after those `add`ed
    conn.execute("CREATE INDEX name_passages_name ON name_passages (name_id)")
    conn.execute("CREATE INDEX name_passages_passage ON name_passages (passage_id)")
    conn.execute("CREATE TABLE name_aliases (word TEXT PRIMARY KEY, aliases TEXT) WITHOUT ROWID")
    conn.executemany(  # a folded word has no space: the aliases are kept space-separated
        "INSERT INTO name_aliases VALUES (?, ?)", ((w, " ".join(sorted(a))) for w, a in sorted(names.aliases.items()))
    )


def _write_suggestion_keys(conn: sqlite3.Connection, words: Iterable[str]) -> None:
    """The deletion index for 'did you mean': each word under itself and under every form of it with
    one letter dropped (as `lexicon._deletes`), generated and sorted by SQLite rather than Python.

    Each word is joined to the letter positions 0 (itself) to its length: a join costs SQLite
    about half what a recursive query over the words does, whose every step goes through a queue.
    """
    conn.execute("CREATE TEMP TABLE suggestion_words (word TEXT PRIMARY KEY)")
    conn.executemany("INSERT OR IGNORE INTO suggestion_words VALUES (?)", ((w,) for w in words))
    conn.execute(
        "CREATE TABLE suggestion_keys (key TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (key, word)) WITHOUT ROWID"
    )
    conn.execute(
        """INSERT OR IGNORE INTO suggestion_keys
        WITH RECURSIVE positions(at) AS (
            SELECT 0 UNION ALL SELECT at + 1 FROM positions
            WHERE at < (SELECT max(length(word)) FROM suggestion_words)
        )
        SELECT CASE at WHEN 0 THEN word ELSE substr(word, 1, at - 1) || substr(word, at + 1) END, word
        FROM suggestion_words JOIN positions ON at <= length(word) ORDER BY 1, 2"""
    )
    conn.execute("DROP TABLE suggestion_words")


_PASSAGE_COLUMNS: dict[str, type] = {
    "id": str,
    "source_id": str,
    "seq": int,
    "kind": str,
    "text": str,
    "level": int,
    "label": str,
    "notes": str,
    "content_note": str,
    "reprint_of": str,
    "events": str,
    "line": int,
    "original_first": int,
    "original_last": int,
}


def _passage_values(p: "Passage") -> tuple[Any, ...]:
    """One passages row, in _PASSAGE_COLUMNS order (lists as JSON, as sqlite-utils writes them)."""
    notes = json.dumps([[n.offset, n.label, n.note_id] for n in p.notes], ensure_ascii=False) if p.notes else "[]"
    events = json.dumps(list(p.events), ensure_ascii=False) if p.events else "[]"
    return (
        p.id,
        p.source_id,
        p.seq,
        p.kind,
        p.text,
        p.level,
        p.label,
        notes,
        p.content_note,
        p.reprint_of,
        events,
        p.line,
        p.original_first,
        p.original_last,
    )


class CorpusDB:
    """Read access to a built corpus database."""

    def __init__(self, path: Path, on_damage: Callable[[], None] | None = None) -> None:
        """`on_damage` is called when damage shows only in use (so the store is rebuilt next time)."""
        self._on_damage = on_damage
        if not path.exists():
            raise StoreError(f"corpus database missing: {path.name}")
        try:
            self._conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._conn.row_factory = sqlite3.Row
            self._path = path
            self._lock = new_lock()
            self._tables: set[str] | None = None  # the reader searches in a worker thread while it shows passages
            version = self._conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the corpus database is damaged ({exc})") from exc
        if version is None or int(version[0]) != SCHEMA_VERSION:
            raise StoreError("the corpus database was built by another version")

    def close(self) -> None:
        self._conn.close()

    def verify(self) -> None:
        """Check the database's pages and that it holds passages.

        The page check reads the whole file (seconds for a million passages), so it runs once per
        version of the file and is remembered by the file's size and time (see `fingerprint`).
        """
        fingerprint.remembered(self._path.parent, [self._path.name], "quick_check", self._quick_check)
        try:
            found = self._conn.execute("SELECT EXISTS (SELECT 1 FROM passages)").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the corpus database is damaged ({exc})") from exc
        if not found:
            raise StoreError("the corpus database is damaged (no passages)")

    def _quick_check(self) -> str:
        try:
            check = str(self._conn.execute("PRAGMA quick_check").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the corpus database is damaged ({exc})") from exc
        if check != "ok":
            raise StoreError(f"the corpus database is damaged ({check})")
        return check

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            with self._lock:
                return self._conn.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            if self._on_damage is None:
                raise StoreError(f"the corpus database is damaged ({exc})") from exc
            self._on_damage()
            raise StoreError(f"the corpus database is damaged ({exc}); it will be rebuilt at the next start") from exc

    def sources(self) -> list["Source"]:
        return [_source(r) for r in self._rows("SELECT * FROM sources ORDER BY seq")]

    def source_titles(self) -> list[tuple[str, str, str]]:
        """Every source's id, title and genre, in edition order: what lists and filters need, read
        without the rest (a tenth of the time, at an archive's thousands of sources)."""
        rows = self._rows("SELECT id, title, genre FROM sources ORDER BY seq")
        return [(r["id"], r["title"], r["genre"] or "") for r in rows]

    def sources_with_ids(self, ids: Sequence[str]) -> dict[str, "Source"]:
        """The sources with these ids (unknown ids are left out)."""
        found: dict[str, Source] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            rows = self._rows(f"SELECT * FROM sources WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            found.update((r["id"], _source(r)) for r in rows)
        return found

    def source_labels(self, ids: Sequence[str]) -> dict[str, SourceLabel]:
        """What a search hit shows of each of these sources (unknown ids are left out)."""
        found: dict[str, SourceLabel] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            sql = f"SELECT id, title, date, provenance_warning FROM sources WHERE id IN ({','.join('?' * len(chunk))})"
            found.update((r[0], SourceLabel(r[1], r[2] or "", r[3] or "")) for r in self._rows(sql, chunk))
        return found

    def passages_of(self, source_id: str) -> list["Passage"]:
        return [_passage(r) for r in self._rows("SELECT * FROM passages WHERE source_id=? ORDER BY seq", [source_id])]

    def passages(self, ids: Sequence[str]) -> dict[str, "Passage"]:
        found: dict[str, Passage] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self._rows(f"SELECT * FROM passages WHERE id IN ({marks})", chunk):
                found[row["id"]] = _passage(row)
        return found

    def names(self) -> list["Name"]:
        from gulagreader.core.model import Name

        return [
            Name(
                id=r["id"],
                canonical=r["canonical"],
                kind=r["kind"],
                spellings=tuple(json.loads(r["spellings"])),
                variants=tuple(json.loads(r["variants"])),
                note=r["note"] or "",
                disputed=r["disputed"] or "",
                supplied=r["supplied"] or "",
                cyrillic=_tuple(r["cyrillic"]),
                cyrillic_uk=_tuple(r["cyrillic_uk"]),
                cyrillic_be=_tuple(r["cyrillic_be"]),
            )
            for r in (self._rows("SELECT * FROM names") if self._has("names") else [])
        ]

    def name_spellings(self, ids: Sequence[str]) -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """(kind, spellings, variants) of each of these names (unknown ids are left out)."""
        if not self._has("names"):
            return {}
        found: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            sql = f"SELECT id, kind, spellings, variants FROM names WHERE id IN ({','.join('?' * len(chunk))})"
            rows = self._rows(sql, chunk)
            found.update((r[0], (r[1], tuple(json.loads(r[2])), tuple(json.loads(r[3])))) for r in rows)
        return found

    def glossary(self) -> list["Term"]:
        """The glossary's terms in the order of glossary.toml (none in a store built without one)."""
        if not self._has("glossary"):
            return []
        from gulagreader.core.glossary import Term

        rows = self._rows("SELECT * FROM glossary ORDER BY seq")
        return [Term(r["id"], r["term"], _tuple(r["forms"]), r["definition"], _tuple(r["passages"])) for r in rows]

    def locations(self) -> list["Location"]:
        """Where the places and camps are (an empty list for a corpus without places.toml)."""
        if not self._has("locations"):
            return []
        from gulagreader.core.model import Location

        return [
            Location(
                id=r["id"],
                lat=r["lat"],
                lon=r["lon"],
                accuracy=r["accuracy"] or "",
                ref=r["ref"] or "",
                country=r["country"] or "",
                note=r["note"] or "",
                unlocatable=r["unlocatable"] or "",
            )
            for r in self._rows("SELECT * FROM locations")
        ]

    def mentions(self) -> list[tuple[str, str, str]]:
        """(place or camp id, passage id, source id) for each passage naming a place, in corpus order."""
        if not self._has("mentions"):
            return []
        rows = self._rows(
            "SELECT m.name_id, m.passage_id, p.source_id FROM mentions m JOIN passages p ON p.id = m.passage_id "
            "ORDER BY m.seq"
        )
        return [(r[0], r[1], r[2]) for r in rows]

    # --- the names' derived forms and where the texts print them (see core.name_forms) ---

    def names_with_key(self, key: str) -> list[tuple[str, bool]]:
        """(name id, the form is an acronym) of every name a query word of this key finds."""
        if not key or not self._has("name_keys"):
            return []
        return [(r[0], bool(r[1])) for r in self._rows("SELECT name_id, acronym FROM name_keys WHERE key=?", [key])]

    def name_aliases(self) -> Mapping[str, frozenset[str]] | None:
        """Each word of a name with the words it expands to, as the build computed them (None: a
        database without them), read a word at a time."""
        if not self._has("name_aliases"):
            return None
        return StoredAliases(self)

    def aliases_of(self, word: str) -> frozenset[str] | None:
        """The words the name word `word` expands to (None: not a word of a name)."""
        rows = self._rows("SELECT aliases FROM name_aliases WHERE word=?", [word])
        return frozenset(rows[0][0].split()) if rows else None

    def every_alias(self) -> dict[str, frozenset[str]]:
        return {r[0]: frozenset(r[1].split()) for r in self._rows("SELECT word, aliases FROM name_aliases")}

    def name_forms(self, name_id: str) -> list["NameForm"]:
        if not self._has("name_forms"):
            return []
        from gulagreader.core.names.forms import NameForm

        rows = self._rows("SELECT * FROM name_forms WHERE name_id=? ORDER BY rowid", [name_id])
        return [NameForm(r["name_id"], r["form"], r["origin"], r["key"], r["derivation"] or "") for r in rows]

    def name_passages(self, name_id: str) -> list[tuple[str, str]]:
        """(passage id, spelling as printed) of each time the texts print the name, in order."""
        if not self._has("name_passages"):
            return []
        rows = self._rows(
            "SELECT np.passage_id, np.spelling FROM name_passages np JOIN passages p ON p.id = np.passage_id"
            " JOIN sources s ON s.id = p.source_id WHERE np.name_id=? ORDER BY s.seq, p.seq",
            [name_id],
        )
        return [(r[0], r[1]) for r in rows]

    def names_in_passage(self, passage_id: str) -> list[tuple[str, str]]:
        """(name id, spelling as printed) of the names a passage prints, in order."""
        if not self._has("name_passages"):
            return []
        rows = self._rows("SELECT name_id, spelling FROM name_passages WHERE passage_id=? ORDER BY rowid", [passage_id])
        return [(r[0], r[1]) for r in rows]

    def name_counts(self) -> dict[str, tuple[int, int]]:
        """For each name the texts print: (passages, occurrences)."""
        if not self._has("name_passages"):
            return {}
        rows = self._rows("SELECT name_id, count(DISTINCT passage_id), count(*) FROM name_passages GROUP BY name_id")
        return {r[0]: (int(r[1]), int(r[2])) for r in rows}

    def events(self) -> list["Event"]:
        return [_event(r) for r in self._rows("SELECT * FROM events ORDER BY seq")] if self._has("events") else []

    # --- the word list, looked up word by word (a large corpus has hundreds of thousands) ---

    def word_counts(self, words: Iterable[str]) -> dict[str, tuple[int, bool]]:
        """How often each of `words` occurs, and whether it is mostly capitalised (absent: not in)."""
        if not self._has("vocabulary"):
            return {}
        wanted = sorted(set(words))
        found: dict[str, tuple[int, bool]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            sql = f"SELECT word, freq, proper FROM vocabulary WHERE word IN ({','.join('?' * len(chunk))})"
            found.update((r[0], (int(r[1]), bool(r[2]))) for r in self._rows(sql, chunk))
        return found

    def proper_words_with_skeleton(self, skeleton: str) -> list[str]:
        """The mostly capitalised words (names) whose transliteration skeleton is `skeleton`."""
        if not self._has("vocabulary"):
            return []
        return [r[0] for r in self._rows("SELECT word FROM vocabulary WHERE skeleton=? AND proper", [skeleton])]

    def commonest_words(self, limit: int) -> list[tuple[str, int]]:
        """The `limit` most frequent words with their frequencies."""
        if not self._has("vocabulary"):
            return []
        rows = self._rows("SELECT word, freq FROM vocabulary ORDER BY freq DESC, word LIMIT ?", [limit])
        return [(r[0], int(r[1])) for r in rows]

    def suggestion_candidates(self, keys: Iterable[str]) -> dict[str, int] | None:
        """Words of the suggestion index under any of `keys`, with their frequencies (None: the
        store was built without the index)."""
        if not self._has("suggestion_keys"):
            return None
        wanted = sorted(set(keys))
        found: dict[str, int] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            sql = (
                "SELECT DISTINCT s.word, v.freq FROM suggestion_keys s JOIN vocabulary v ON v.word = s.word"
                f" WHERE s.key IN ({','.join('?' * len(chunk))})"
            )
            found.update((r[0], int(r[1])) for r in self._rows(sql, chunk))
        return found

    def vocabulary(self) -> list[tuple[str, str, int, bool]]:
        if not self._has("vocabulary"):
            return []
        rows = self._rows("SELECT word, skeleton, freq, proper FROM vocabulary")
        return [(r[0], r[1], r[2], bool(r[3])) for r in rows]

    def _has(self, table: str) -> bool:
        if self._tables is None:
            self._tables = {r[0] for r in self._rows("SELECT name FROM sqlite_master WHERE type='table'")}
        return table in self._tables


class StoredAliases(Mapping[str, frozenset[str]]):
    """The name aliases a build stored, read a word at a time: a search looks up a few words of the
    hundreds, and only near spellings need them all."""

    def __init__(self, db: CorpusDB) -> None:
        self._db = db
        self._read: dict[str, frozenset[str] | None] = {}
        self._all: dict[str, frozenset[str]] | None = None

    def __getitem__(self, word: str) -> frozenset[str]:
        if self._all is not None:
            return self._all[word]
        if word not in self._read:
            self._read[word] = self._db.aliases_of(word)
        found = self._read[word]
        if found is None:
            raise KeyError(word)
        return found

    def _every(self) -> dict[str, frozenset[str]]:
        if self._all is None:
            self._all = self._db.every_alias()
        return self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self._every())

    def __len__(self) -> int:
        return len(self._every())


def _tuple(raw: str | None) -> tuple[Any, ...]:
    return tuple(json.loads(raw)) if raw and raw != "[]" else ()


def _source(row: sqlite3.Row) -> "Source":
    from gulagreader.core.model import Correction, Curation, Reprint, Source

    r = dict(zip(row.keys(), row, strict=True))  # a dict looks names up faster than a Row
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
        rights=r.get("rights") or "",  # stores built before rights were kept have no such column
        attributed_to=_tuple(r.get("attributed_to")),
        attribution_note=r.get("attribution_note") or "",
        corrections=tuple(
            Correction(c["kind"], c["note"], tuple(c["passages"]), c["original"]) for c in _tuple(r.get("corrections"))
        ),
        container_title=r.get("container_title") or "",
        volume=r.get("volume") or "",
        issue=r.get("issue") or "",
        issn=r.get("issn") or "",
        url=r.get("url") or "",
        issued=r.get("issued") or "",
    )


def _passage(r: sqlite3.Row) -> "Passage":
    from gulagreader.core.model import NoteRef, Passage

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
        original_first=r["original_first"],
        original_last=r["original_last"],
    )


def _event(r: sqlite3.Row) -> "Event":
    from gulagreader.core.model import Account, Discrepancy, Episode, Event, Figure, Side

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
        kind=r["kind"] or "",
        note=r["note"] or "",
        discrepancies=tuple(
            Discrepancy(
                subject=d["subject"],
                note=d["note"],
                sides=tuple(Side(s["says"], tuple(s["passage_ids"]), s["given_by"]) for s in d["sides"]),
                what=d["what"],
            )
            for d in _tuple(r["discrepancies"])
        ),
    )


def engine_version() -> str:
    """The version of the SQLite library in use (for `gulagreader doctor`)."""
    return sqlite3.sqlite_version
