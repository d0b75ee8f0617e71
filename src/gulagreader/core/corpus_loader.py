"""Load a corpus folder into a `Corpus`, linking notes, reprints and events, and lint it.

`load_corpus` never raises on bad content: every problem is a `Finding` naming file and line.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path

from gulagreader.core.catalog_files import read_events, read_names
from gulagreader.core.errors import Finding
from gulagreader.core.glossary import link_glossary, read_glossary
from gulagreader.core.locators import original_lines
from gulagreader.core.model import Corpus, Event, Name, NoteRef, Passage, Source
from gulagreader.core.source_file import read_source_file

# A capitalised word, as the name linter sees it (possessive 's stripped, hyphens split).
_CAPITALISED = re.compile(r"[^\W\d_][\w'’\-]*")
_POSSESSIVE = re.compile(r"['’]s$")
_ASCII_BREAKS = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) in "_'-")}


def load_corpus(folder: Path) -> tuple[Corpus, list[Finding]]:
    """Parse every file of `folder`; return the corpus and what the linter found."""
    findings: list[Finding] = []
    sources: list[Source] = []
    passages: list[Passage] = []
    where: dict[str, tuple[str, int]] = {}
    source_files = sorted((folder / "sources").glob("*.md"))
    if not source_files:
        findings.append(Finding("sources/", 0, "no source files (*.md) found"))
    for path in source_files:
        parsed = read_source_file(path)
        findings.extend(_in_folder("sources", parsed.findings))
        if parsed.source is None:
            continue
        rel = f"sources/{path.name}"
        if any(s.id == parsed.source.id for s in sources):
            findings.append(Finding(rel, 2, f"duplicate source id {parsed.source.id!r}"))
            continue
        if parsed.source.original and not (folder / "originals" / parsed.source.original).exists():
            findings.append(Finding(rel, 2, f"original {parsed.source.original!r} not in originals/"))
        linked = _locate(_link_notes(parsed.passages, rel, findings), folder / "originals" / parsed.source.original)
        for passage in linked:
            if passage.id in where:
                first = where[passage.id]
                findings.append(
                    Finding(rel, passage.line, f"duplicate passage id {passage.id!r} (also {first[0]}:{first[1]})")
                )
                continue
            where[passage.id] = (rel, passage.line)
            note = parsed.content_notes.get(passage.id, "")
            passages.append(dataclasses.replace(passage, content_note=note) if note else passage)
        for passage_id in parsed.content_notes:
            if passage_id not in where:
                findings.append(Finding(rel, 2, f"content note for unknown passage {passage_id!r}"))
        findings.extend(_lint_corrections(parsed.source, linked, rel))
        sources.append(parsed.source)

    names, _ = read_names(folder / "names.toml", findings)
    events, event_lines = read_events(folder / "events.toml", findings)
    passages = _link_reprints(sources, passages, where, findings)
    passages = _link_events(events, event_lines, passages, {s.id for s in sources}, {n.id for n in names}, findings)
    findings.extend(lint_names(passages, names, _not_names(folder / "not-names.txt"), where))
    terms = read_glossary(folder / "glossary.toml", findings)
    terms = link_glossary(terms, ((p.id, p.text) for p in passages), findings)
    from gulagreader.core.places.file import place_mentions, read_places

    locations = read_places(folder / "places.toml", names, findings)
    mentions = place_mentions(passages, names) if locations else ()
    corpus = Corpus(
        tuple(sources),
        tuple(passages),
        tuple(names),
        tuple(events),
        glossary=tuple(terms),
        locations=tuple(locations),
        mentions=mentions,
    )
    return corpus, findings


def _in_folder(folder: str, findings: list[Finding]) -> list[Finding]:
    return [dataclasses.replace(f, path=f"{folder}/{f.path}") for f in findings]


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


def _link_reprints(
    sources: list[Source], passages: list[Passage], where: dict[str, tuple[str, int]], out: list[Finding]
) -> list[Passage]:
    """Point each passage of a reprint span at the passage of the original it reprints."""
    by_source: dict[str, list[Passage]] = {}
    for passage in passages:
        by_source.setdefault(passage.source_id, []).append(passage)
    reprint_of: dict[str, str] = {}
    for source in sources:
        rel = f"sources/{source.id}.md"
        for span in source.reprints:
            if span.of not in by_source:
                out.append(Finding(rel, 2, f"reprint of unknown source {span.of!r}"))
                continue
            ids = [p.id for p in by_source.get(source.id, [])]
            if span.first not in ids or span.last not in ids:
                out.append(Finding(rel, 2, f"reprint span {span.first}..{span.last} names unknown passages"))
                continue
            span_passages = by_source[source.id][ids.index(span.first) : ids.index(span.last) + 1]
            originals = by_source[span.of]
            verbatim = {o.text: o for o in reversed(originals)}
            for passage in span_passages:
                if passage.text in verbatim:  # a word-for-word reprint needs no comparing
                    reprint_of[passage.id] = verbatim[passage.text].id
                    continue
                best = max(originals, key=lambda o: _similarity(passage.text, o.text))
                if _similarity(passage.text, best.text) >= 0.8:
                    reprint_of[passage.id] = best.id
    return [dataclasses.replace(p, reprint_of=reprint_of[p.id]) if p.id in reprint_of else p for p in passages]


def _similarity(a: str, b: str) -> float:
    if not a or not b or min(len(a), len(b)) / max(len(a), len(b)) < 0.6:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # quick_ratio only compares letter counts: a cheap upper bound before the real ratio
    return matcher.ratio() if matcher.quick_ratio() >= 0.8 else 0.0


def _link_events(
    events: list[Event],
    lines: dict[str, int],
    passages: list[Passage],
    source_ids: set[str],
    name_ids: set[str],
    out: list[Finding],
) -> list[Passage]:
    known = {p.id: p for p in passages}
    tags: dict[str, list[str]] = {}
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
                passage = known.get(passage_id)
                if passage is None:
                    out.append(Finding("events.toml", line, f"event {event.id!r}: unknown passage {passage_id!r}"))
                elif passage.source_id != account.source_id:
                    out.append(
                        Finding("events.toml", line, f"event {event.id!r}: {passage_id} is not in {account.source_id}")
                    )
                else:
                    tags.setdefault(passage_id, []).append(event.id)
        for figure in event.figures:
            if figure.passage_id not in known:
                out.append(
                    Finding(
                        "events.toml", line, f"event {event.id!r}: figure cites unknown passage {figure.passage_id!r}"
                    )
                )
        figure_keys = {(f.subject or f.what, f.what) for f in event.figures}
        for discrepancy in event.discrepancies:
            for passage_id in discrepancy.passage_ids:
                if passage_id not in known:
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
    return [dataclasses.replace(p, events=tuple(dict.fromkeys(tags[p.id]))) if p.id in tags else p for p in passages]


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


def lint_names(
    passages: list[Passage], names: list[Name], not_names: set[str], where: dict[str, tuple[str, int]]
) -> list[Finding]:
    """Warn about capitalised words that are neither a gazetteer name nor listed as not a name."""
    known = _name_words(names) | not_names
    findings: list[Finding] = []
    reported: set[str] = set()
    seen: set[str] = set()  # words already checked: a large corpus repeats them millions of times
    for passage in passages:
        fresh = set(_candidates(passage.text)) - seen
        if not fresh:
            continue
        seen |= fresh
        if all(part in known for word in fresh for part in _capitalised_parts(word)):
            continue
        for token in capitalised_tokens(passage.text):
            if token not in known and token not in reported:
                reported.add(token)
                rel, line = where.get(passage.id, ("sources/", 0))
                findings.append(Finding(rel, line, f"name not in gazetteer: {token!r}", "warning"))
    return findings
