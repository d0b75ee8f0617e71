"""The corpus as plain frozen dataclasses: what every layer above the store works with."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gulagreader.core.glossary import Term


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
    original_first: int = 0  # the lines of the received file it comes from (1-based; 0: not located)
    original_last: int = 0

    @property
    def original_lines(self) -> str:
        """'lines 120–121' (or 'line 7') of the received file; '' when not located."""
        if not self.original_first:
            return ""
        if self.original_last == self.original_first:
            return f"line {self.original_first}"
        return f"lines {self.original_first}–{self.original_last}"


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


# What a correction of ours is about; every one is shown as ours and never alters a passage's text.
CORRECTION_KINDS: dict[str, str] = {
    "sic": "Sic",  # an obvious error of the source, kept as printed; `original` is the words as printed
    "attribution": "Attribution",
    "title": "Title",
    "metadata": "Metadata",
    "structure": "Structure",
    "caption": "Caption",  # `original` is the image file name the original printed before the caption
    "reprint": "Reprint",
    "duplicate": "Duplicate",
    "locator": "Locator",
}


@dataclass(frozen=True)
class Correction:
    """A correction or clarification of ours on a source or some of its passages (the text stays verbatim)."""

    kind: str
    note: str
    passages: tuple[str, ...] = ()
    original: str = ""  # the words of the original it concerns, exactly as printed

    @property
    def label(self) -> str:
        return CORRECTION_KINDS.get(self.kind, self.kind.capitalize())


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
    attributed_to: tuple[str, ...] = ()  # ours, shown in brackets: authors the text itself does not name
    attribution_note: str = ""  # ours: on what grounds
    corrections: tuple[Correction, ...] = ()

    @property
    def byline_authors(self) -> str:
        """The authors as given, else our attribution in brackets, else 'author not named'."""
        if self.authors:
            return ", ".join(self.authors)
        if self.attributed_to:
            return "[" + ", ".join(self.attributed_to) + "]"
        return "author not named"

    def corrections_of(self, passage_id: str) -> tuple[Correction, ...]:
        return tuple(c for c in self.corrections if passage_id in c.passages)


@dataclass(frozen=True)
class Name:
    """A gazetteer entry: one person, place, camp or organisation and all its spellings."""

    id: str
    canonical: str
    kind: str
    spellings: tuple[str, ...]
    variants: tuple[str, ...] = ()
    note: str = ""
    disputed: str = ""  # ours: why the identification of the texts' mentions as one person is disputed
    supplied: str = ""  # ours: which parts of the canonical form come from outside the texts
    cyrillic: tuple[str, ...] = ()  # ours: the name in Russian Cyrillic (forms derive from it)
    cyrillic_uk: tuple[str, ...] = ()  # ours: in Ukrainian
    cyrillic_be: tuple[str, ...] = ()  # ours: in Belarusian

    @property
    def own_script(self) -> tuple[tuple[str, str], ...]:
        """(language, form) of each Cyrillic form we give: 'ru', 'uk' or 'be'."""
        return (
            *(("ru", c) for c in self.cyrillic),
            *(("uk", c) for c in self.cyrillic_uk),
            *(("be", c) for c in self.cyrillic_be),
        )


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
    note: str = ""  # ours: what the figure does or does not cover


@dataclass(frozen=True)
class Side:
    """One side of a discrepancy: what it holds (our words), where the texts say so, and who says it."""

    says: str
    passage_ids: tuple[str, ...]
    given_by: str = ""

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.split(".", 1)[0] for p in self.passage_ids))


@dataclass(frozen=True)
class Discrepancy:
    """A conflict between accounts (or tellers) that the editors state, with our note.

    `what` is set when the discrepancy is between figures: it then covers the figure rows of the
    same `subject` and `what`. Other discrepancies (who headed a commission, whether a man was
    tried) are stated in words only.
    """

    subject: str
    note: str
    sides: tuple[Side, ...]
    what: str = ""

    @property
    def passage_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for side in self.sides for p in side.passage_ids))


# What an event is, for the edition: resistance (in the camps and against the regime) leads.
EVENT_KINDS: dict[str, str] = {
    "resistance": "Resistance",
    "repression": "Repression",
    "context": "Context",
}


def kind_rank(kind: str) -> int:
    """Where events of `kind` stand in lists: resistance first, an unknown kind last."""
    ranks = list(EVENT_KINDS)
    return ranks.index(kind) if kind in ranks else len(ranks)


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
    kind: str = ""  # one of EVENT_KINDS
    note: str = ""  # ours: what the texts do and do not say of the event
    discrepancies: tuple[Discrepancy, ...] = ()

    @property
    def kind_label(self) -> str:
        return EVENT_KINDS.get(self.kind, "Unclassified")

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
            discrepancies=tuple(
                d for d in self.discrepancies if len([s for s in d.sides if set(s.source_ids) - hidden]) > 1
            ),
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
    glossary: tuple[Term, ...] = ()
    locations: tuple[Location, ...] = ()  # where the gazetteer's places and camps are (places.toml)
    mentions: tuple[tuple[str, str], ...] = ()  # (place or camp id, passage id) for each passage naming it


@dataclass(frozen=True)
class Location:
    """Where a place or camp of the gazetteer is (ours, from places.toml), or why it cannot be placed.

    `accuracy` is "exact", "approximate" (a camp division, a river: `note` says what the point stands
    for) or "region" (a country or area: the point only carries its marker).
    """

    id: str
    lat: float | None = None
    lon: float | None = None
    accuracy: str = ""
    ref: str = ""
    country: str = ""
    note: str = ""
    unlocatable: str = ""

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None
