"""The glossary (corpus/glossary.toml): terms of the camps and of the period, our definitions, and
the passages that use them.

A term's `forms` are spelled exactly as the texts print them ("zeks", "Besprisornyje"); they are
found as whole words, whatever their case, so "Ciszek" is not "zek". The loader fills each term's
`passages` and the linter reports a form no passage uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from gulagreader.core.errors import Finding

Span = tuple[int, int, str]  # start, end, term id


@dataclass(frozen=True)
class Term:
    """One glossary entry: the term as we head it, the forms the texts use, our definition."""

    id: str
    term: str
    forms: tuple[str, ...]
    definition: str
    passages: tuple[str, ...] = ()  # the passages that use it, in corpus order


class TermFinder:
    """Finds the glossary's terms in a passage's text: whole words, any case, the longest form first."""

    def __init__(self, terms: Iterable[Term]) -> None:
        forms = sorted(((f, t.id) for t in terms for f in t.forms), key=lambda x: -len(x[0]))
        self._id_of = {f.casefold(): term_id for f, term_id in forms}
        alternatives = "|".join(re.escape(f) for f, _ in forms)
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if forms else None

    def spans(self, text: str) -> list[Span]:
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), self._id_of[m.group(0).casefold()]) for m in self._pattern.finditer(text)]


def read_glossary(path: Path, out: list[Finding]) -> list[Term]:
    """The `[[term]]` entries of glossary.toml (a missing file is an empty glossary)."""
    import tomllib

    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        out.append(Finding(path.name, 0, f"malformed glossary: {exc}"))
        return []
    terms: list[Term] = []
    entries = data.get("term", [])
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        term_id = str(entry.get("id", "")).strip()
        forms = tuple(f.strip() for f in entry.get("forms", []) if isinstance(f, str) and f.strip())
        definition = str(entry.get("definition", "")).strip()
        if not term_id or not forms or not definition:
            out.append(Finding(path.name, 0, f"term {term_id or '?'!r} needs an id, forms and a definition"))
            continue
        if any(t.id == term_id for t in terms):
            out.append(Finding(path.name, 0, f"duplicate term id {term_id!r}"))
            continue
        terms.append(Term(term_id, str(entry.get("term", "")).strip() or forms[0], forms, definition))
    return terms


class GlossaryLinker:
    """Fills each term's passages as the passages are `add`ed in corpus order; `finish` reports forms
    no passage uses as printed."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self._terms = terms
        self._finder = TermFinder(terms)
        self._used: dict[str, list[str]] = {t.id: [] for t in terms}
        self._printed: set[str] = set()

    def add(self, passage_id: str, text: str) -> None:
        used = self._used
        for start, end, term_id in self._finder.spans(text):
            if not used[term_id] or used[term_id][-1] != passage_id:
                used[term_id].append(passage_id)
            self._printed.add(text[start:end])

    def finish(self, out: list[Finding]) -> list[Term]:
        for term in self._terms:
            for form in term.forms:
                if form not in self._printed:
                    out.append(
                        Finding("glossary.toml", 0, f"term {term.id!r}: form {form!r} is in no passage as printed")
                    )
        return [replace(t, passages=tuple(self._used[t.id])) for t in self._terms]
