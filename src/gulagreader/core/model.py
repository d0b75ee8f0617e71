"""The corpus as plain frozen dataclasses: what every layer above the store works with."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class NoteRef:
    """A footnote marker inside a passage: at `offset` of its text, pointing to a note."""

    offset: int
    label: str
    note_id: str | None


@dataclass(frozen=True)
class Passage:
    """The unit of search, display and bookmarking: a paragraph, heading, note, caption..."""

    id: str
    source_id: str
    seq: int
    kind: str
    text: str
    level: int = 0
    label: str = ""
    notes: tuple[NoteRef, ...] = ()
    content_note: str = ""
    reprint_of: str = ""
    events: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Curation:
    """One kind of page furniture removed from the original."""

    kind: str
    note: str
    lines: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reprint:
    """A span of one source that reprints another source."""

    of: str
    first: str
    last: str


@dataclass(frozen=True)
class Source:
    """One document of the corpus, with the metadata our edition gives it."""

    id: str
    title: str
    original: str
    authors: tuple[str, ...] = ()
    publication: str = ""
    date: str = ""
    year: int | None = None
    pages: str = ""
    genre: str = ""
    language: str = ""
    publication_chain: tuple[str, ...] = ()
    provenance: str = ""
    provenance_warning: str = ""
    curation: tuple[Curation, ...] = ()
    reprints: tuple[Reprint, ...] = ()
    passage_count: int = 0
    rights: str = ""  # what we know of its copyright, and why it is included
    # What a citation needs, as the text states it (parsed once, at build): the periodical or site,
    # its volume and issue, ISSN and URL, and the date of issue as precise as given
    # ("2018-02-26", "1963-06", "2005-winter", "2003"); see docs/corpus-format.md.
    container_title: str = ""
    volume: str = ""
    issue: str = ""
    issn: str = ""
    url: str = ""
    issued: str = ""


@dataclass(frozen=True)
class Name:
    """A gazetteer entry: one person, place, camp or organisation and all its spellings."""

    id: str
    canonical: str
    kind: str
    spellings: tuple[str, ...]
    variants: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Episode:
    """A named moment within an event (e.g. 'the commission from Moscow')."""

    id: str
    title: str


@dataclass(frozen=True)
class Account:
    """What one source says of an event: its passages, and which episode each tells."""

    source_id: str
    passage_ids: tuple[str, ...]
    episodes: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Figure:
    """A number an account gives (killed, wounded, ...), tied to its passage and its teller."""

    what: str
    value: str
    passage_id: str
    source_id: str
    subject: str = ""
    given_by: str = ""


@dataclass(frozen=True)
class Event:
    """A distinct event the texts recount, with its accounts, episodes and figures."""

    id: str
    title: str
    start: str = ""
    end: str = ""
    date_text: str = ""
    places: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    summary: str = ""
    episodes: tuple[Episode, ...] = ()
    accounts: tuple[Account, ...] = ()
    figures: tuple[Figure, ...] = ()

    @property
    def years(self) -> tuple[int, ...]:
        """Every calendar year the event spans."""
        first = _year(self.start)
        last = _year(self.end) or first
        if first is None or last is None:
            return ()
        return tuple(range(first, last + 1))

    def without_sources(self, hidden: frozenset[str]) -> Event:
        """The event as told by the other sources: accounts and figures of `hidden` sources left out."""
        if not hidden:
            return self
        return replace(
            self,
            accounts=tuple(a for a in self.accounts if a.source_id not in hidden),
            figures=tuple(f for f in self.figures if f.source_id not in hidden),
        )


def visible_events(events: list[Event], hidden: frozenset[str]) -> list[Event]:
    """`events` without the accounts of `hidden` sources; an event only they tell is left out."""
    if not hidden:
        return events
    return [shown for e in events if (shown := e.without_sources(hidden)).accounts or not e.accounts]


def _year(iso: str) -> int | None:
    head = iso[:4]
    return int(head) if head.isdigit() else None


@dataclass(frozen=True)
class Corpus:
    """Everything parsed from a corpus folder."""

    sources: tuple[Source, ...]
    passages: tuple[Passage, ...]
    names: tuple[Name, ...]
    events: tuple[Event, ...]
