"""Load a corpus folder, linking notes, reprints and events, and lint it.

`CorpusReader` reads the sources one at a time, so a build never holds more than one source's
passages: the small catalogue files (names, events, glossary, places) are read first, and the
checks that need the whole corpus keep only passage ids and what they report. `load_corpus`
collects the whole corpus (for tests and tools). Neither raises on bad content: every problem is
a `Finding` naming file and line.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gulagreader.core.catalog_files import read_events, read_names
from gulagreader.core.errors import Finding
from gulagreader.core.glossary import GlossaryLinker, Term, read_glossary
from gulagreader.core.locators import original_lines
from gulagreader.core.model import Corpus, Event, Location, Name, NoteRef, Passage, Source
from gulagreader.core.source_file import read_source_file

# A capitalised word, as the name linter sees it (possessive 's stripped, hyphens split).
_CAPITALISED = re.compile(r"[^\W\d_][\w'’\-]*")
_POSSESSIVE = re.compile(r"['’]s$")
_ASCII_BREAKS = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) in "_'-")}


def load_corpus(folder: Path) -> tuple[Corpus, list[Finding]]:
    """Parse every file of `folder`; return the whole corpus and what the linter found."""
    reader = CorpusReader(folder)
    passages: list[Passage] = []
    mentions: list[tuple[str, str]] = []
    for read in reader.sources():
        passages.extend(read.passages)
        mentions.extend(read.mentions)
    findings = reader.findings()
    corpus = Corpus(
        tuple(reader.source_list),
        tuple(passages),
        tuple(reader.names),
        tuple(reader.events),
        glossary=tuple(reader.glossary),
        locations=tuple(reader.locations),
        mentions=tuple(mentions),
    )
    return corpus, findings


@dataclass
class SourceRead:
    """One source as the reader hands it on: its metadata, its linked passages in order, and
    (place or camp id, passage id) for each of them that names a place (if the corpus has places)."""

    source: Source
    passages: list[Passage]
    mentions: list[tuple[str, str]] = field(default_factory=list)


class CorpusReader:
    """A corpus folder, read one source at a time.

    Iterate `sources()` once; then `findings()` runs the checks that need the whole corpus (events
    citing passages) and returns every finding in file order, and `glossary` holds each term's
    passages. What is kept across sources: the sources' metadata, each passage id with its source
    (duplicates, events), the catalogue files, the linter's words and the glossary's uses. `failed`
    says an error has been found so far (a build then stops writing and only reads on, for the findings).
    """

    def __init__(self, folder: Path, mentions: bool = True) -> None:
        """`mentions=False`: leave each source's `mentions` empty (a build finds them with every
        other name it looks for in the passages)."""
        self.folder = folder
        self._catalog: list[list[Finding]] = [[], [], [], []]  # names, events, glossary, places
        names_out, events_out, glossary_out, places_out = self._catalog
        self.names, _ = read_names(folder / "names.toml", names_out)
        self.events, self._event_lines = read_events(folder / "events.toml", events_out)
        self._terms = read_glossary(folder / "glossary.toml", glossary_out)
        from gulagreader.core.places.file import MentionFinder, read_places

        self.locations: list[Location] = read_places(folder / "places.toml", self.names, places_out)
        self._places = MentionFinder(self.names) if self.locations and mentions else None
        self._linter = NameLinter(self.names, _not_names(folder / "not-names.txt"))
        self._glossary = GlossaryLinker(self._terms)
        self._tags = _event_tags(self.events)
        self.source_list: list[Source] = []
        self.glossary: list[Term] = list(self._terms)
        self._where: dict[str, int] = {}  # passage id -> its source's number (one int per source: small)
        self._files: list[tuple[str, Path]] = []  # each source's file (rel, path), by source number
        self._number: dict[str, int] = {}  # source id -> source number
        self._ahead: dict[str, Path] = {}  # source id -> a file not yet read, found looking for a reprint's original
        self._pending: list[Path] = []
        self._findings: list[Finding] = []  # the sources' own, in file order
        self._reprint_findings: list[Finding] = []
        self.failed = any(f.severity == "error" for out in self._catalog for f in out)

    def sources(self) -> Iterator[SourceRead]:
        """Each source in file order, its passages linked (notes, original lines, content notes,
        reprints, events) and linted (names, glossary)."""
        source_files = sorted((self.folder / "sources").glob("*.md"))
        if not source_files:
            self._report(Finding("sources/", 0, "no source files (*.md) found"))
        self._pending = source_files[::-1]
        while self._pending:
            read = self._read(self._pending.pop())
            if read is not None:
                yield read

    def findings(self) -> list[Finding]:
        """Every finding, as a whole-corpus lint reports them (call after `sources()` is spent)."""
        events_out: list[Finding] = []
        _lint_events(
            self.events,
            self._event_lines,
            self._source_of,
            set(self._number),
            {n.id for n in self.names},
            events_out,
        )
        names_out, catalog_events_out, glossary_out, places_out = self._catalog
        glossary_linked: list[Finding] = []
        self.glossary = self._glossary.finish(glossary_linked)
        return [
            *self._findings,
            *names_out,
            *catalog_events_out,
            *self._reprint_findings,
            *events_out,
            *self._linter.findings,
            *glossary_out,
            *glossary_linked,
            *places_out,
        ]

    def _report(self, finding: Finding) -> None:
        self._findings.append(finding)
        self.failed = self.failed or finding.severity == "error"

    def _source_of(self, passage_id: str) -> str | None:
        number = self._where.get(passage_id)
        return None if number is None else self.source_list[number].id

    def _read(self, path: Path) -> SourceRead | None:
        parsed = read_source_file(path)
        for finding in _in_folder("sources", parsed.findings):
            self._report(finding)
        if parsed.source is None:
            return None
        source = parsed.source
        rel = f"sources/{path.name}"
        if source.id in self._number:
            self._report(Finding(rel, 2, f"duplicate source id {source.id!r}"))
            return None
        if source.original and not (self.folder / "originals" / source.original).exists():
            self._report(Finding(rel, 2, f"original {source.original!r} not in originals/"))
        linked = _locate(_link_notes(parsed.passages, rel, self._findings), self.folder / "originals" / source.original)
        self.failed = self.failed or any(f.severity == "error" for f in self._findings)
        number = len(self.source_list)
        passages = []
        for passage in linked:
            first = self._where.get(passage.id)
            if first is not None:
                also = self._first_place(passage.id, first, rel, linked)
                self._report(Finding(rel, passage.line, f"duplicate passage id {passage.id!r} (also {also})"))
                continue
            self._where[passage.id] = number
            note = parsed.content_notes.get(passage.id, "")
            passages.append(dataclasses.replace(passage, content_note=note) if note else passage)
        for passage_id in parsed.content_notes:
            if passage_id not in self._where:
                self._report(Finding(rel, 2, f"content note for unknown passage {passage_id!r}"))
        for finding in _lint_corrections(source, linked, rel):
            self._report(finding)
        self.source_list.append(source)
        self._files.append((rel, path))
        self._number[source.id] = number
        passages = self._link(source, passages)
        for passage in passages:
            self._linter.check(passage, rel, passage.line)
            self._glossary.add(passage.id, passage.text)
        mentions = self._places.mentions(passages) if self._places is not None else []
        return SourceRead(source, passages, mentions)

    def _first_place(self, passage_id: str, number: int, rel: str, passages: list[Passage]) -> str:
        """Where the passage id first occurs ('sources/x.md:12'), for a duplicate: only the source is
        kept for every passage, so its file is read again (or, in the source at hand, looked through)."""
        if number < len(self._files):
            rel, path = self._files[number]
            passages = read_source_file(path).passages
        return f"{rel}:{next((p.line for p in passages if p.id == passage_id), 0)}"

    def _link(self, source: Source, passages: list[Passage]) -> list[Passage]:
        """Give each passage the passage of an original it reprints and the events citing it."""
        reprint_of = self._reprints(source, passages) if source.reprints else {}
        linked = []
        for passage in passages:
            if passage.id in reprint_of:
                passage = dataclasses.replace(passage, reprint_of=reprint_of[passage.id])
            tags = self._tags.get(passage.id)
            events = tuple(dict.fromkeys(e for e, s in tags if s == passage.source_id)) if tags else ()
            if events:
                passage = dataclasses.replace(passage, events=events)
            linked.append(passage)
        return linked

    def _reprints(self, source: Source, passages: list[Passage]) -> dict[str, str]:
        """Point each passage of a reprint span at the passage of the original it reprints."""
        rel = f"sources/{source.id}.md"
        reprint_of: dict[str, str] = {}
        ids = [p.id for p in passages]
        for span in source.reprints:
            originals = passages if span.of == source.id else self._passages_of(span.of)
            if not originals:
                self._reprint_findings.append(Finding(rel, 2, f"reprint of unknown source {span.of!r}"))
                continue
            if span.first not in ids or span.last not in ids:
                self._reprint_findings.append(
                    Finding(rel, 2, f"reprint span {span.first}..{span.last} names unknown passages")
                )
                continue
            verbatim = {o.text: o for o in reversed(originals)}
            for passage in passages[ids.index(span.first) : ids.index(span.last) + 1]:
                if passage.text in verbatim:  # a word-for-word reprint needs no comparing
                    reprint_of[passage.id] = verbatim[passage.text].id
                    continue
                best = _most_similar(passage.text, originals)
                if best is not None:
                    reprint_of[passage.id] = best.id
        self.failed = self.failed or any(f.severity == "error" for f in self._reprint_findings)
        return reprint_of

    def _passages_of(self, source_id: str) -> list[Passage]:
        """The passages of source `source_id`, read again from its file (only its texts and ids are
        needed, and only for the few sources reprinted: keeping every source's would hold the corpus)."""
        number = self._number.get(source_id)
        if number is not None:
            passages = read_source_file(self._files[number][1]).passages
            return [p for p in passages if self._where.get(p.id, -1) == number]
        path = self._ahead.get(source_id) or self._look_ahead(source_id)
        if path is None:
            return []
        return [p for p in read_source_file(path).passages if p.id not in self._where]

    def _look_ahead(self, source_id: str) -> Path | None:
        """The file not yet read that holds source `source_id` (an original after its reprint)."""
        guess = self.folder / "sources" / f"{source_id}.md"
        candidates = ([guess] if guess in self._pending else []) + self._pending[::-1]
        seen = set(self._ahead.values())
        for path in candidates:
            if path in seen:
                continue
            parsed = read_source_file(path)
            if parsed.source is not None:
                self._ahead.setdefault(parsed.source.id, path)
                seen.add(path)
                if parsed.source.id == source_id:
                    return path
        return None


def _in_folder(folder: str, findings: list[Finding]) -> list[Finding]:
    return [f._replace(path=f"{folder}/{f.path}") for f in findings]


def _locate(passages: list[Passage], original: Path) -> list[Passage]:
    """Give each passage the lines of the received file it comes from."""
    try:
        text = original.read_text(encoding="utf-8", errors="replace") if original.is_file() else ""
    except OSError:
        text = ""
    if not text:
        return passages
    lines = original_lines(passages, text)
    return [
        dataclasses.replace(p, original_first=lines[p.id][0], original_last=lines[p.id][1]) if p.id in lines else p
        for p in passages
    ]


def _lint_corrections(source: Source, passages: list[Passage], rel: str) -> list[Finding]:
    """A correction names passages of its source; a sic quotes the words as the passage prints them;
    a caption's image file name is a line our curation removed."""
    texts = {p.id: p.text for p in passages}
    removed = {line for c in source.curation for line in c.lines}
    patterns = [re.compile(pattern) for c in source.curation for pattern in c.patterns]
    found = []
    for correction in source.corrections:
        for passage_id in correction.passages:
            if passage_id not in texts:
                found.append(Finding(rel, 2, f"{correction.kind} correction names unknown passage {passage_id!r}"))
            elif correction.kind == "sic" and correction.original not in texts[passage_id]:
                found.append(Finding(rel, 2, f"sic {correction.original!r} is not in the text of {passage_id}"))
        if correction.kind == "caption" and not (
            correction.original in removed or any(p.match(correction.original) for p in patterns)
        ):
            found.append(
                Finding(rel, 2, f"caption file name {correction.original!r} is not a line the curation removed")
            )
        if correction.kind in ("sic", "caption") and not (correction.original and correction.passages):
            found.append(Finding(rel, 2, f"a {correction.kind} correction needs 'original' and 'passages'"))
    return found


def _link_notes(passages: list[Passage], rel: str, out: list[Finding]) -> list[Passage]:
    notes = {p.label: p.id for p in passages if p.kind == "note"}
    linked = []
    for passage in passages:
        if passage.notes:
            refs = []
            for ref in passage.notes:
                if ref.label not in notes:
                    out.append(Finding(rel, passage.line, f"footnote marker [^{ref.label}] has no note", "warning"))
                refs.append(NoteRef(ref.offset, ref.label, notes.get(ref.label)))
            passage = dataclasses.replace(passage, notes=tuple(refs))
        linked.append(passage)
    return linked


def _most_similar(text: str, originals: list[Passage]) -> Passage | None:
    """The first of `originals` most like `text` (difflib's ratio), if that is at least 0.8.

    Two upper bounds of the ratio come first: the letters in common (difflib's `quick_ratio`), and
    the longest common subsequence (difflib's matching blocks are one). The costly ratio is reckoned
    best bound first, and only while a bound can still reach the best so far: the same answer as
    comparing every original in full, in a fraction of the time.
    """
    if not text:
        return None
    letters = Counter(text)
    bounds = []
    for at, original in enumerate(originals):
        other = original.text
        if not other or min(len(text), len(other)) / max(len(text), len(other)) < 0.6:
            continue
        bound = 2.0 * (letters & Counter(other)).total() / (len(text) + len(other))
        if bound >= 0.8:
            bounds.append((-bound, at))
    best, found = 0.8, -1
    for bound, at in sorted(bounds):
        if -bound < best:
            break
        other = originals[at].text
        if 2.0 * _common_subsequence(text, other) / (len(text) + len(other)) < best:
            continue
        ratio = difflib.SequenceMatcher(None, text, other, autojunk=False).ratio()
        if ratio > best or (ratio == best and (found < 0 or at < found)):
            best, found = ratio, at
    return originals[found] if found >= 0 else None


def _common_subsequence(a: str, b: str) -> int:
    """The length of the longest common subsequence of `a` and `b`, bit-parallel (Hyyrö 2004): one
    pass over `a` of a few operations on an integer of len(b) bits."""
    positions: dict[str, int] = {}
    for at, char in enumerate(b):
        positions[char] = positions.get(char, 0) | 1 << at
    full = (1 << len(b)) - 1
    row = full
    for char in a:
        matched = row & positions.get(char, 0)
        row = ((row + matched) | (row - matched)) & full
    return len(b) - row.bit_count()


def _event_tags(events: list[Event]) -> dict[str, list[tuple[str, str]]]:
    """passage id -> (event id, the account's source) of each account citing it, in catalogue order:
    a cited passage is tagged with the event where it belongs to the account's source."""
    tags: dict[str, list[tuple[str, str]]] = {}
    for event in events:
        for account in event.accounts:
            cited = set(account.passage_ids)
            for ids in account.episodes.values():
                cited.update(ids)
            for passage_id in sorted(cited):
                tags.setdefault(passage_id, []).append((event.id, account.source_id))
    return tags


def _lint_events(
    events: list[Event],
    lines: dict[str, int],
    source_of: Callable[[str], str | None],
    source_ids: set[str],
    name_ids: set[str],
    out: list[Finding],
) -> None:
    """Check that the catalogue's events cite places, sources, episodes and passages that exist
    (`source_of`: a passage id's source id, None for no such passage)."""
    for event in events:
        line = lines.get(event.id, 0)
        episode_ids = {e.id for e in event.episodes}
        for place in event.places:
            if place not in name_ids:
                out.append(Finding("events.toml", line, f"event {event.id!r}: place {place!r} not in names.toml"))
        for account in event.accounts:
            if account.source_id not in source_ids:
                out.append(Finding("events.toml", line, f"event {event.id!r}: unknown source {account.source_id!r}"))
            cited = set(account.passage_ids)
            for episode, ids in account.episodes.items():
                if episode not in episode_ids:
                    out.append(Finding("events.toml", line, f"event {event.id!r}: unknown episode {episode!r}"))
                cited.update(ids)
            for passage_id in sorted(cited):
                source_id = source_of(passage_id)
                if source_id is None:
                    out.append(Finding("events.toml", line, f"event {event.id!r}: unknown passage {passage_id!r}"))
                elif source_id != account.source_id:
                    out.append(
                        Finding("events.toml", line, f"event {event.id!r}: {passage_id} is not in {account.source_id}")
                    )
        for figure in event.figures:
            if source_of(figure.passage_id) is None:
                out.append(
                    Finding(
                        "events.toml", line, f"event {event.id!r}: figure cites unknown passage {figure.passage_id!r}"
                    )
                )
        figure_keys = {(f.subject or f.what, f.what) for f in event.figures}
        for discrepancy in event.discrepancies:
            for passage_id in discrepancy.passage_ids:
                if source_of(passage_id) is None:
                    out.append(
                        Finding(
                            "events.toml", line, f"event {event.id!r}: discrepancy cites unknown passage {passage_id!r}"
                        )
                    )
            if discrepancy.what and (discrepancy.subject, discrepancy.what) not in figure_keys:
                out.append(
                    Finding(
                        "events.toml",
                        line,
                        f"event {event.id!r}: discrepancy {discrepancy.subject!r} ({discrepancy.what})"
                        " matches no figure",
                    )
                )


def _not_names(path: Path) -> set[str]:
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _name_words(names: list[Name]) -> set[str]:
    words: set[str] = set()
    for name in names:
        for spelling in name.spellings:
            for word in spelling.split():
                word = re.sub(r"['’]s$", "", word.strip(".,;:()“”\"'‘’«»"))
                words.add(word)
                words.update(word.split("-"))
    return words


def capitalised_tokens(text: str) -> list[str]:
    """The capitalised words of `text` the name linter checks."""
    return [part for match in _CAPITALISED.findall(text) for part in _capitalised_parts(match)]


def _candidates(text: str) -> list[str]:
    """What `_CAPITALISED` finds in `text`, or (for ASCII text, faster) runs of word characters
    that start with it: each run holds exactly one match, its tail from the first letter on."""
    if text.isascii():
        return text.translate(_ASCII_BREAKS).split()
    return _CAPITALISED.findall(text)


def _capitalised_parts(match: str) -> list[str]:
    match = match.lstrip("0123456789_'-")  # a run of word characters (_candidates) starts at a letter
    token = _POSSESSIVE.sub("", match).strip("'’-")
    return [part for part in ([token, *token.split("-")] if "-" in token else [token]) if part and part[0].isupper()]


class NameLinter:
    """Warns about capitalised words that are neither a gazetteer name nor listed as not a name,
    each word once, at the first passage that prints it (`check` the passages in corpus order)."""

    def __init__(self, names: list[Name], not_names: set[str]) -> None:
        self._known = _name_words(names) | not_names
        self._reported: set[str] = set()
        self._seen: set[str] = set()  # words already checked: a large corpus repeats them millions of times
        self.findings: list[Finding] = []

    def check(self, passage: Passage, rel: str, line: int) -> None:
        fresh = set(_candidates(passage.text)) - self._seen
        if not fresh:
            return
        self._seen |= fresh
        known = self._known
        if all(part in known for word in fresh for part in _capitalised_parts(word)):
            return
        for token in capitalised_tokens(passage.text):
            if token not in known and token not in self._reported:
                self._reported.add(token)
                self.findings.append(Finding(rel, line, f"name not in gazetteer: {token!r}", "warning"))


def lint_names(
    passages: list[Passage], names: list[Name], not_names: set[str], where: dict[str, tuple[str, int]]
) -> list[Finding]:
    """Warn about capitalised words that are neither a gazetteer name nor listed as not a name."""
    linter = NameLinter(names, not_names)
    for passage in passages:
        linter.check(passage, *where.get(passage.id, ("sources/", 0)))
    return linter.findings
