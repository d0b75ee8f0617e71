"""The corpus store: a SQLite corpus database plus a tantivy index, built atomically.

A store is a folder holding `corpus.db`, `index/` and `manifest.json`. Builds go into a
temporary folder that is renamed into place only when complete, so a crash mid-build never
leaves half a store, and a corpus with errors never replaces a working store.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gulagreader.core import paths
from gulagreader.core.corpus_loader import load_corpus
from gulagreader.core.corpusdb import CorpusDB, write_corpus_db
from gulagreader.core.errors import CorpusError, Finding, StoreError, UserError
from gulagreader.core.index import IndexDoc, PassageIndex, write_index
from gulagreader.core.model import Corpus
from gulagreader.core.text import skeleton

STORE_FORMAT = 1
_CORPUS_FILES = ("names.toml", "events.toml", "not-names.txt")
_YEAR_IN_TEXT = re.compile(r"\b(1[89]\d\d|20[0-2]\d)\b")
_LOCKS = (".tantivy-meta.lock", ".tantivy-writer.lock")


def corpus_key(folder: Path) -> str:
    """A hash of everything in `folder` the store is built from (not the originals)."""
    digest = hashlib.sha256(f"store-format-{STORE_FORMAT}".encode())
    files = sorted((folder / "sources").glob("*.md")) + [folder / n for n in _CORPUS_FILES]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


@dataclass
class BuildReport:
    """What a build produced and what the linter said."""

    store: Path
    sources: int
    passages: int
    names: int
    events: int
    seconds: float
    warnings: list[Finding] = field(default_factory=list)


def build_store(corpus_dir: Path, out: Path | None = None) -> BuildReport:
    """Lint and build `corpus_dir` into the store folder `out` (default: the cache, by hash).

    Raises CorpusError (listing file:line problems) without touching any existing store.
    """
    started = time.perf_counter()
    if not (corpus_dir / "sources").is_dir():
        raise UserError(f"{corpus_dir} is not a corpus folder (it has no sources/ folder).")
    key = corpus_key(corpus_dir)
    corpus, findings = load_corpus(corpus_dir)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise CorpusError(findings)
    target = out if out is not None else paths.cache_dir() / f"store-{key}"
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.parent / f".building-{target.name}-{uuid.uuid4().hex[:8]}"
    try:
        temp.mkdir()
        write_corpus_db(temp / "corpus.db", corpus, _vocabulary(corpus))
        (temp / "index").mkdir()
        write_index(temp / "index", _index_docs(corpus))
        manifest = {
            "format": STORE_FORMAT,
            "corpus_key": key,
            "sources": len(corpus.sources),
            "passages": len(corpus.passages),
            "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        (temp / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        _swap_into_place(temp, target)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise UserError(f"The store could not be written to {target.parent} ({exc.strerror}).") from exc
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return BuildReport(
        store=target,
        sources=len(corpus.sources),
        passages=len(corpus.passages),
        names=len(corpus.names),
        events=len(corpus.events),
        seconds=time.perf_counter() - started,
        warnings=findings,
    )


def _swap_into_place(temp: Path, target: Path) -> None:
    """Replace `target` with the finished `temp` folder; each rename is atomic."""
    old = None
    if target.exists():
        old = target.parent / f".old-{target.name}-{uuid.uuid4().hex[:8]}"
        target.rename(old)
    temp.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _index_docs(corpus: Corpus) -> Iterator[IndexDoc]:
    sources = {s.id: s for s in corpus.sources}
    events = {e.id: e for e in corpus.events}
    for passage in corpus.passages:
        years = {y for e in passage.events if e in events for y in events[e].years}
        years.update(int(y) for y in _YEAR_IN_TEXT.findall(passage.text))
        source = sources[passage.source_id]
        yield IndexDoc(
            id=passage.id,
            source=passage.source_id,
            kind=passage.kind,
            text=passage.text,
            events=passage.events,
            reprint_of=passage.reprint_of,
            authors=" ".join(source.authors),
            years=sorted(years),
            seq=passage.seq,
            content_note=passage.content_note,
        )


def _vocabulary(corpus: Corpus) -> list[tuple[str, str, int, bool]]:
    """Every folded word with its skeleton, frequency and whether it is mostly capitalised."""
    from gulagreader.core.text import fold

    total: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for passage in corpus.passages:
        for match in re.finditer(r"[^\W_]+", passage.text):
            raw = match.group()
            word = fold(raw)
            total[word] += 1
            if raw[0].isupper():
                upper[word] += 1
    return [(w, skeleton(w), n, upper[w] * 2 > n) for w, n in total.items()]


@dataclass
class Store:
    """An open store: the corpus database, the index, and anything the user should be told."""

    folder: Path
    db: CorpusDB
    index: PassageIndex
    notices: list[str] = field(default_factory=list)


def open_store_at(folder: Path) -> Store:
    """Open and verify the store in `folder`: exists -> compatible -> open -> search -> fetch."""
    manifest_path = folder / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"the store in {folder} has no readable manifest") from exc
    if manifest.get("format") != STORE_FORMAT:
        raise StoreError("the store was built by another version of GulagReader")
    index_dir = _writable_index(folder / "index", str(manifest.get("corpus_key", "")))
    db = CorpusDB(folder / "corpus.db")
    try:
        db.verify()
        index = PassageIndex(index_dir)
        index.verify()
    except StoreError:
        db.close()
        raise
    return Store(folder=folder, db=db, index=index)


def _writable_index(index_dir: Path, key: str) -> Path:
    """tantivy needs to write a lock file beside the index, even to search: copy it if needed."""
    if os.access(index_dir, os.W_OK):
        return index_dir
    copy = paths.cache_dir() / f"index-copy-{key or 'unknown'}"
    if not (copy / "meta.json").exists():
        temp = copy.parent / f".copying-{uuid.uuid4().hex[:8]}"
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(index_dir, temp, ignore=shutil.ignore_patterns(*_LOCKS), copy_function=shutil.copyfile)
        temp.chmod(0o755)  # copytree copies the read-only mode of the shipped folder
        shutil.rmtree(copy, ignore_errors=True)
        temp.rename(copy)
    return copy


def open_store(corpus_dir: Path | None = None, store_dir: Path | None = None) -> Store:
    """Open the store for `corpus_dir` (default: the bundled edition), building or repairing it.

    A missing store is built; a damaged one is moved aside and rebuilt, and `notices` says so.
    """
    corpus_dir = corpus_dir or paths.bundled_corpus()
    notices: list[str] = []
    in_cache = store_dir is None
    if store_dir is None:
        key = corpus_key(corpus_dir) if (corpus_dir / "sources").is_dir() else ""
        prebuilt = paths.prebuilt_store()
        if key and _manifest_key(prebuilt) == key:
            try:
                return open_store_at(prebuilt)
            except StoreError:
                notices.append("The store shipped with this installation is damaged; a new one was built.")
        if not key:
            raise UserError(f"No corpus found at {corpus_dir}.")
        store_dir = paths.cache_dir() / f"store-{key}"
    if (store_dir / "manifest.json").exists() or store_dir.exists():
        try:
            store = open_store_at(store_dir)
            store.notices[:0] = notices
            return store
        except StoreError as exc:
            aside = store_dir.parent / f"{store_dir.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"
            store_dir.rename(aside)
            notices.append(f"The corpus store was damaged ({exc}); it was rebuilt.")
    build_store(corpus_dir, store_dir)
    if in_cache:
        _remove_stale_stores(store_dir)
    store = open_store_at(store_dir)
    store.notices[:0] = notices
    return store


def _remove_stale_stores(current: Path) -> None:
    """Stores of earlier corpus versions are only cache: drop them once a new one is built."""
    for other in current.parent.glob("store-*"):
        if other != current and other.is_dir() and "." not in other.name:
            shutil.rmtree(other, ignore_errors=True)


def _manifest_key(folder: Path) -> str:
    try:
        return str(json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("corpus_key", ""))
    except (OSError, ValueError):
        return ""
