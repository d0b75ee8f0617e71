"""The corpus store: a SQLite corpus database plus a tantivy index, built atomically.

A store is a folder holding `corpus.db`, `index/` and `manifest.json`. Builds go into a
temporary folder that is renamed into place only when complete, so a crash mid-build never
leaves half a store, and a corpus with errors never replaces a working store.
"""

# No postponed annotations here: a search process defines this module's named tuples (CONTRIBUTING.md, Start-up).

import atexit
import contextlib
import json
import os
import re
import stat
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from gulagreader.core import fingerprint, paths
from gulagreader.core.bounded_input import json_loads, read_text
from gulagreader.core.config import Settings, load_settings
from gulagreader.core.corpusdb import CorpusDB, CorpusWriter, NameTables
from gulagreader.core.errors import CorpusError, Finding, StoreError, UserError
from gulagreader.core.index import LONGEST_TOKEN, IndexDoc, PassageIndex, common_pairs, write_index
from gulagreader.core.lexicon import name_aliases, suggestion_words
from gulagreader.core.text import skeleton, words_as_written

if TYPE_CHECKING:  # the build's types: a search process never loads them
    from gulagreader.core.corpus_loader import CorpusReader
    from gulagreader.core.model import Corpus, Event, Passage, Source
    from gulagreader.core.names.table import NameFinder

# 2: the index `seq` is the passage's place in the whole corpus; 3: the `pairs` field; 4: event notes;
# 5: the places' locations and mentions; 6: the names each passage prints (index field `names`), the
# names' derived forms and keys; 7: the name aliases a query word expands to (table `name_aliases`)
STORE_FORMAT = 7
_CORPUS_FILES = ("names.toml", "events.toml", "not-names.txt", "glossary.toml", "places.toml")
_YEAR_IN_TEXT = re.compile(r"\b(1[89]\d\d|20[0-2]\d)\b")
_MAYBE_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_LOCKS = (".tantivy-meta.lock", ".tantivy-writer.lock")
_DAMAGED = "damaged"  # written into a store found damaged in use


def corpus_key(folder: Path) -> str:
    """A hash of everything in `folder` the store is built from (not the originals).

    Remembered in the cache folder by each file's size and time, so a large corpus is not read
    on every start (see `fingerprint`).
    """
    try:
        with os.scandir(folder / "sources") as entries:
            sources = sorted(f"sources/{e.name}" for e in entries if e.name.endswith(".md"))
    except OSError:
        sources = []
    return fingerprint.remembered_hash(folder, [*sources, *_CORPUS_FILES], f"store-format-{STORE_FORMAT}")


class BuildReport(NamedTuple):
    """What a build produced and what the linter said."""

    store: Path
    sources: int
    passages: int
    names: int
    events: int
    seconds: float
    warnings: list[Finding]


def build_store(corpus_dir: Path, out: Path | None = None) -> BuildReport:
    """Lint and build `corpus_dir` into the store folder `out` (default: the cache, by hash).

    The corpus streams through, one source at a time: read and linted, written into the corpus
    database and handed to the index, so a build's memory does not grow with the corpus (only the
    passage ids, the word counts and the catalogue files are kept whole).
    Raises CorpusError (listing file:line problems) without touching any existing store.
    """
    started = time.perf_counter()
    if not (corpus_dir / "sources").is_dir():
        raise UserError(f"{corpus_dir} is not a corpus folder (it has no sources/ folder).")
    key = corpus_key(corpus_dir)
    import shutil  # building only: a search process never needs it

    target = out if out is not None else paths.cache_dir() / f"store-{key}"
    if not _utf8(target):
        raise UserError(
            f"The store folder {target} has a name that is not valid UTF-8, which the search index cannot "
            "use; choose another folder."
        )
    from gulagreader.core.corpus_loader import CorpusReader  # building only: keep it off the reader's start

    reader = CorpusReader(corpus_dir, mentions=False)  # the places each passage names: found with the names
    findings: list[Finding] = []
    temp = target.parent / f".building-{target.name}-{_tag()}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp.mkdir()
        (temp / "index").mkdir()
        with CorpusWriter(temp / "corpus.db", places=bool(reader.locations)) as db:
            passages = write_index(temp / "index", _store_docs(reader, db, findings))
        manifest = {
            "format": STORE_FORMAT,
            "corpus_key": key,
            "corpus": str(corpus_dir.resolve()),  # so a broken edit of this corpus can fall back to this store
            "sources": len(reader.source_list),
            "passages": passages,
            "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        (temp / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        _swap_into_place(temp, target)
    except OSError as exc:  # a read-only folder, a full disk (the engines' errors arrive as OSError)
        shutil.rmtree(temp, ignore_errors=True)
        why = exc.strerror or str(exc)
        raise UserError(
            f"The store could not be written to {target.parent} ({why}); "
            "make room or make that folder writable, or start with --basedir DIR."
        ) from exc
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return BuildReport(
        store=target,
        sources=len(reader.source_list),
        passages=passages,
        names=len(reader.names),
        events=len(reader.events),
        seconds=time.perf_counter() - started,
        warnings=findings,
    )


def _store_docs(reader: "CorpusReader", db: CorpusWriter, findings: list[Finding]) -> Iterator[IndexDoc]:
    """The index documents of the corpus, source by source; each source's passages go into the
    corpus database on the way. Once the last document is handed to tantivy (whose own thread is
    still indexing), the linter's whole-corpus findings go into `findings` (raising CorpusError
    if any is an error) and the rest of the database is written.

    After the first error the sources are only read, for the linter's findings.
    """
    from gulagreader.core.names.table import NameFinder  # building only
    from gulagreader.core.places.file import MAPPED_KINDS

    as_written: Counter[str] = Counter()  # the corpus's words, counted while tantivy indexes
    events = {e.id: e for e in reader.events}
    finder = NameFinder(reader.names)
    mapped = {n.id for n in reader.names if n.kind in MAPPED_KINDS} if reader.locations else set()
    order = 0
    for read in reader.sources():
        if reader.failed:
            continue
        printed: list[tuple[str, str, str]] = []  # (name id, passage id, spelling), found on the way
        mentions: list[tuple[str, str]] = []  # (place or camp id, passage id), once a passage
        for passage in read.passages:
            found = len(printed)
            yield _index_doc(passage, read.source, events, finder, order, as_written, printed)
            if mapped:
                places = dict.fromkeys(name_id for name_id, _, _ in printed[found:] if name_id in mapped)
                mentions.extend((place, passage.id) for place in places)
            order += 1
        db.add(read.passages, printed, mentions)
    findings.extend(reader.findings())
    if any(f.severity == "error" for f in findings):
        raise CorpusError(findings)
    _write_database(db, reader, as_written)


def _write_database(db: CorpusWriter, reader: "CorpusReader", as_written: Counter[str]) -> None:
    from gulagreader.core.model import Corpus  # building only
    from gulagreader.core.names.kept_forms import name_forms_and_keys

    names = reader.names
    vocabulary = _vocabulary(as_written)
    forms, keys = name_forms_and_keys(names, paths.cache_dir())  # kept between builds of the same names
    generic = {word for word, _, _, proper in vocabulary if not proper}
    aliases = name_aliases(names, generic.__contains__)  # computed once here, not in every search process
    corpus = Corpus(
        tuple(reader.source_list),
        (),  # the passages and the places they mention went in source by source
        tuple(names),
        tuple(reader.events),
        glossary=tuple(reader.glossary),
        locations=tuple(reader.locations),
    )
    db.finish(
        corpus,
        vocabulary,
        suggestion_words(vocabulary, names),
        names=NameTables(forms, keys, aliases=aliases),
    )


def _tag() -> str:
    """A random tag for a temporary folder's name (not `uuid`, which would load `platform` with it)."""
    return os.urandom(4).hex()


def _swap_into_place(temp: Path, target: Path) -> None:
    """Replace `target` with the finished `temp` folder; each rename is atomic."""
    import shutil

    old = None
    if target.exists():
        old = target.parent / f".old-{target.name}-{_tag()}"
        target.rename(old)
    temp.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _index_doc(
    passage: "Passage",
    source: "Source",
    events: dict[str, "Event"],
    finder: "NameFinder",
    order: int,
    as_written: Counter[str] | None = None,
    printed: list[tuple[str, str, str]] | None = None,
) -> IndexDoc:
    """What the index holds of `passage`, the `order`-th of the corpus.

    Its words are counted into `as_written` and the names it prints listed in `printed` on the way:
    tantivy's thread indexes meanwhile, so this costs the build next to nothing.
    """
    years = {y for e in passage.events if e in events for y in events[e].years}
    if _MAYBE_YEAR.search(passage.text):  # a cheap look first: most passages name no year
        years.update(int(y) for y in _YEAR_IN_TEXT.findall(passage.text))
    written = words_as_written(passage.text)
    if as_written is not None:
        as_written.update(written)
    names = finder.occurrences(passage.text, written)
    if printed is not None:
        printed.extend((name_id, passage.id, spelling) for name_id, spelling in names)
    return IndexDoc(
        id=passage.id,
        source=passage.source_id,
        kind=passage.kind,
        text=passage.text,
        events=passage.events,
        reprint_of=passage.reprint_of,
        authors=" ".join(source.authors),
        years=sorted(years),
        seq=order,  # so `sort="source"` keeps each source together
        content_note=passage.content_note,
        pairs=common_pairs(passage.text, written),
        names=[name_id for name_id, _ in names],
    )


def _index_docs(corpus: "Corpus", as_written: Counter[str] | None = None) -> Iterator[IndexDoc]:
    """The index documents of a whole `corpus` (as a build makes them, for tools and tests)."""
    from gulagreader.core.names.table import NameFinder

    sources = {s.id: s for s in corpus.sources}
    events = {e.id: e for e in corpus.events}
    finder = NameFinder(corpus.names)
    for order, passage in enumerate(corpus.passages):
        yield _index_doc(passage, sources[passage.source_id], events, finder, order, as_written)


def _vocabulary(as_written: Counter[str]) -> list[tuple[str, str, int, bool]]:
    """Every folded word with its frequency and whether it is mostly capitalised (a name); names
    also with their transliteration skeleton, which is only ever looked up for names.

    `as_written` counts the words as written (in C); each distinct form is folded once here. A word the
    index leaves out for its length (a pasted blob) is left out here too: nobody can find it, and its
    copies (word, key, skeleton) would make one token cost the store several times its text.
    """
    from gulagreader.core.text import fold

    total: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for raw, n in as_written.items():
        if len(raw) >= LONGEST_TOKEN and len(fold(raw).encode()) >= LONGEST_TOKEN:
            continue
        word = fold(raw)
        total[word] += n
        if raw[0].isupper():
            upper[word] += n
    proper = {w for w, n in total.items() if upper[w] * 2 > n}
    return [(w, skeleton(w) if w in proper else "", n, w in proper) for w, n in total.items()]


class Store:
    """An open store: the corpus database, the index, and anything the user should be told."""

    def __init__(self, folder: Path, db: CorpusDB, index: PassageIndex) -> None:
        self.folder = folder
        self.db = db
        self.index = index
        self.notices: list[str] = []
        self.hidden_sources: frozenset[str] = frozenset()  # left out of search, library and compare (site settings)


def open_store_at(folder: Path) -> Store:
    """Open and verify the store in `folder`: exists -> compatible -> open -> search -> fetch."""
    manifest = _manifest(folder)
    if not manifest:
        raise StoreError(f"the store in {folder} has no readable manifest")
    for part in (folder / "corpus.db", folder / "index" / "meta.json"):  # SQLite and tantivy read unbounded
        with contextlib.suppress(FileNotFoundError):  # (missing: told below, by the engines)
            if not stat.S_ISREG(part.stat().st_mode):
                raise StoreError(f"{part.name} in the store is not a regular file")
    if manifest.get("format") != STORE_FORMAT:
        raise StoreError("the store was built by another version of GulagReader")
    if (folder / _DAMAGED).exists():
        raise StoreError("it was found damaged while in use")
    index_dir = _writable_index(folder / "index", str(manifest.get("corpus_key", "")))
    db = CorpusDB(folder / "corpus.db", on_damage=lambda: _mark_damaged(folder))
    try:
        db.verify()
        index = PassageIndex(index_dir, on_damage=lambda: _mark_damaged(folder))
        index.verify()
    except StoreError:
        db.close()
        raise
    return Store(folder=folder, db=db, index=index)


def _mark_damaged(folder: Path) -> None:
    """Damage found in use (a page or block no check on opening read): rebuild at the next open."""
    with contextlib.suppress(OSError):  # a read-only prebuilt store: it fails again in use, and says so
        (folder / _DAMAGED).touch()


def _writable_index(index_dir: Path, key: str) -> Path:
    """tantivy needs to write a lock file beside the index, even to search: copy it if needed.

    The copy goes to the cache; a user with no writable cache (no home folder, as some kiosk and
    service accounts have) gets a private temporary copy for this run instead.
    """
    if os.access(index_dir, os.W_OK):
        return index_dir
    import shutil
    import tempfile

    try:
        return _index_copy(index_dir, paths.cache_dir() / f"index-copy-{key or 'unknown'}")
    except OSError:
        pass
    try:
        temp = Path(tempfile.mkdtemp(prefix="gulagreader-index-"))  # private (0700) and new: nobody else's
        atexit.register(shutil.rmtree, temp, True)
        return _index_copy(index_dir, temp / "index")
    except OSError as exc:
        raise UserError(f"No folder could be written to open the search index ({exc.strerror}).") from exc


def _index_copy(index_dir: Path, copy: Path) -> Path:
    import shutil

    if not (copy / "meta.json").exists():
        temp = copy.parent / f".copying-{_tag()}"
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(index_dir, temp, ignore=shutil.ignore_patterns(*_LOCKS), copy_function=shutil.copyfile)
        temp.chmod(0o755)  # copytree copies the read-only mode of the shipped folder
        shutil.rmtree(copy, ignore_errors=True)
        temp.rename(copy)
    return copy


def open_store(
    corpus_dir: Path | None = None, store_dir: Path | None = None, settings: Settings | None = None
) -> Store:
    """Open the store for `corpus_dir` (default: the bundled edition), building or repairing it.

    A missing store is built; a damaged one is moved aside and rebuilt, and `notices` says so.
    `settings` (default: the site's and the user's files) may name a prebuilt store and hide sources.
    """
    settings = settings if settings is not None else load_settings()
    store = _open_store(corpus_dir or paths.bundled_corpus(), store_dir, settings)
    store.notices[:0] = settings.notices
    store.hidden_sources = frozenset(settings.hidden_sources)
    return store


def _open_store(corpus_dir: Path, store_dir: Path | None, settings: Settings) -> Store:
    notices: list[str] = []
    in_cache = store_dir is None
    if in_cache and not _utf8(paths.cache_dir()):  # a home folder whose name is not UTF-8
        return _temporary_store(corpus_dir, notices, "has a name that is not valid UTF-8", "rename it")
    if store_dir is None:
        key = corpus_key(corpus_dir) if (corpus_dir / "sources").is_dir() else ""
        if key and settings.store is not None and _manifest_key(settings.store) != key:
            notices.append(
                f"The store named in the settings ({settings.store}) is missing or was built from another "
                "edition of the corpus; the per-user store is used instead."
            )
        shipped = (
            (settings.store, f"The store named in the settings ({settings.store}) is damaged; a new one was built."),
            (paths.prebuilt_store(), "The store shipped with this installation is damaged; a new one was built."),
        )
        for prebuilt, damaged in shipped:
            if prebuilt is None or not key or _manifest_key(prebuilt) != key:
                continue
            try:
                store = open_store_at(prebuilt)
                store.notices[:0] = notices
                return store
            except StoreError:
                if not (paths.cache_dir() / f"store-{key}").exists():  # told once: when it is replaced
                    notices.append(damaged)
        if not key:
            raise UserError(f"No corpus found at {corpus_dir}.")
        store_dir = paths.cache_dir() / f"store-{key}"
    if store_dir.exists():
        try:
            return _told(open_store_at(store_dir), notices)
        except StoreError:
            pass  # repaired below, by one process at a time
    lock = _build_lock(store_dir.parent)
    if lock is None and in_cache:
        return _temporary_store(corpus_dir, notices, "cannot be written", "make it writable")
    with lock or contextlib.nullcontext():
        if store_dir.exists():
            try:
                return _told(open_store_at(store_dir), notices)  # another process built or repaired it
            except StoreError as exc:
                aside = store_dir.parent / f"{store_dir.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"
                store_dir.rename(aside)
                notices.append(f"The corpus store was damaged ({exc}); it was rebuilt.")
        try:
            build_store(corpus_dir, store_dir)
        except CorpusError as exc:
            previous = _previous_store(corpus_dir, store_dir) if in_cache else None
            if previous is None:
                raise
            errors = [f for f in exc.findings if f.severity == "error"]
            notices.append(
                f"The corpus has {len(errors)} error(s) (the first: {errors[0]}), so the previous build of it "
                "is used; run 'gulagreader build' to see them all."
            )
            return _told(previous, notices)
        if in_cache:
            _remove_stale_stores(store_dir)
    return _told(open_store_at(store_dir), notices)


def _told(store: Store, notices: list[str]) -> Store:
    store.notices[:0] = notices
    return store


def _build_lock(folder: Path) -> BinaryIO | None:
    """Hold this open file to be the one process building into `folder` (None: it cannot be written).

    Two readers started at once into an empty cache: one builds, the other waits and then opens it.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = (folder / ".build.lock").open("a+b")
    except OSError:
        return None
    try:
        import fcntl
    except ImportError:  # Windows: no lock; the atomic rename still keeps each store whole
        return handle
    fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
    return handle


def _utf8(path: Path) -> bool:
    """Whether `path` is valid UTF-8 (a name read from bytes that are not keeps surrogates; tantivy refuses it)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _temporary_store(corpus_dir: Path, notices: list[str], why: str, fix: str) -> Store:
    """The cache cannot be used (a read-only home, a name that is not UTF-8): build a private store for
    this run only."""
    import shutil
    import tempfile

    try:
        temp = Path(tempfile.mkdtemp(prefix="gulagreader-store-"))
    except OSError as exc:
        raise UserError(f"No folder could be written to build the corpus store ({exc.strerror}).") from exc
    atexit.register(shutil.rmtree, temp, True)
    build_store(corpus_dir, temp / "store")
    notices.append(
        f"The cache folder {paths.cache_dir()} {why}, so the corpus store was built for this run "
        f"only; {fix} or start with --basedir DIR to keep it."
    )
    return _told(open_store_at(temp / "store"), notices)


def _previous_store(corpus_dir: Path, current: Path) -> Store | None:
    """The newest store built earlier from `corpus_dir` that still opens, if any."""
    where = str(corpus_dir.resolve())
    found = []
    for folder in current.parent.glob("store-*"):
        if folder != current and "." not in folder.name and _manifest(folder).get("corpus") == where:
            with contextlib.suppress(OSError):
                found.append((folder.stat().st_mtime, folder))
    for _, folder in sorted(found, reverse=True):
        with contextlib.suppress(StoreError):
            return open_store_at(folder)
    return None


def _remove_stale_stores(current: Path) -> None:
    """Stores of earlier corpus versions are only cache: drop them once a new one is built."""
    import shutil

    for other in current.parent.glob("store-*"):
        if other != current and other.is_dir() and "." not in other.name:
            shutil.rmtree(other, ignore_errors=True)


def _manifest_key(folder: Path) -> str:
    return str(_manifest(folder).get("corpus_key", ""))


def _manifest(folder: Path) -> dict[str, object]:
    """The store's manifest; {} if it is missing, unreadable, not a regular file or not a JSON object."""
    try:
        manifest = json_loads(read_text(folder / "manifest.json", 1 << 20))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}
