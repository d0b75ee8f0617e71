"""Search filters: what a search is narrowed to, and how its results are ordered, in one table.

Like datasette's facets, each way of narrowing a search is one entry of `FACETS`. The entry knows
its key, its label in the reader's words, how it is said to the reader ('source: Lituanus',
'years 1953–1954'), its record form (what the search history and the saved searches keep), the
command line's flag for it, and what it narrows the passages to. `SearchFilters` holds one
search's settings; the search service, the concordance, the history, the saved searches, the filter
bar and the command line all go through this table, so a new facet is one entry here and its
widget in the filter bar.

The order of the results (`RESULT_ORDERS`) and exact spelling ride along in `SearchFilters` but
narrow nothing, so they are not facets.

Only the standard library, and light: the filter bar imports this for the first window, and a
search process for its one search (no dataclasses: each costs ~1 ms to define).
"""

# No postponed annotations here: a search process defines this module's named tuples (CONTRIBUTING.md, Start-up).

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

Years = tuple[int, int]  # (first, last), inclusive

RESULT_ORDERS = {"relevance": "Best match first", "source": "In source order"}  # key -> words
DEFAULT_ORDER = "relevance"
ORDER_RECORD = "sort"  # the order's key in the record form, and the command line's --sort


# --- what a facet narrows the passages to, in the index's terms (the search service makes engine queries) ---


class FieldIs(NamedTuple):
    """Passages whose index field `field` holds `value` (as `source:ID` in a query)."""

    field: str
    value: str


class OfGenre(NamedTuple):
    """Passages of the sources whose genre is `genre` (any case), as the reader gave it."""

    genre: str


class InYears(NamedTuple):
    """Passages about or mentioning a year from `first` to `last` (as `year:first..last` in a query)."""

    first: int
    last: int


Narrowing = FieldIs | OfGenre | InYears


# --- the facets ---


class Facet(NamedTuple):
    """One way to narrow a search, whose value is a word: an id (a source, an event) or a name (a genre).

    `key` is the attribute of `SearchFilters` and the key of the record form; '' means 'any'.
    """

    key: str
    label: str  # the reader's word for it: the filter bar's label
    access_key: str  # the letter of `label` that Alt+letter reaches its field by
    narrow: Callable[[Any], Narrowing]  # a value set -> what it narrows the passages to
    named: bool = False  # its values are ids, said to the reader by their names (titles)
    flag: str = ""  # the command line's option for it ('' where the command line has none)
    flag_help: str = ""

    @property
    def dest(self) -> str:
        """The flag's name among the parsed arguments ('--source' -> 'source')."""
        return self.flag.lstrip("-").replace("-", "_")

    def said(self, value: Any, names: Mapping[str, str]) -> str:
        """'source: Lituanus': `value` in words (an id by its name in `names`)."""
        return f"{self.label.lower()}: {names.get(value, value) if self.named else value}"

    def record(self, value: Any) -> str:
        """The value as the search history keeps it ('' for none)."""
        return str(value).strip()

    def read(self, text: str) -> Any:
        """The value of a record (or a flag); what cannot be read means 'any'."""
        return text.strip()


class YearsFacet(Facet):
    """A span of years, kept as '1953..1954' (the form saved searches have always had)."""

    __slots__ = ()

    def said(self, value: Any, names: Mapping[str, str]) -> str:
        first, last = value
        return f"year {first}" if first == last else f"years {first}–{last}"

    def record(self, value: Any) -> str:
        return f"{value[0]}..{value[1]}"

    def read(self, text: str) -> Years | None:
        first, _, last = text.strip().partition("..")
        if first.isdigit() and last.isdigit():
            return _span(int(first), int(last))
        return None


def _by_id(key: str, label: str, access_key: str) -> Facet:
    """A facet whose values are ids in the index's field `key`, said by their names, with a flag `--key`."""
    return Facet(
        key,
        label,
        access_key,
        lambda v: FieldIs(key, v.strip().lower()),
        named=True,
        flag=f"--{key}",
        flag_help=f"only this {key} id",
    )


FACETS: tuple[Facet, ...] = (
    _by_id("source", "Source", "S"),
    _by_id("event", "Event", "v"),
    Facet("genre", "Genre", "G", OfGenre),
    YearsFacet("years", "Years", "Y", lambda v: InYears(*v)),
)
"""The facets, in the order the filter bar shows them and a description says them."""


class _Settings(NamedTuple):
    source: str = ""
    event: str = ""
    genre: str = ""
    years: Years | None = None
    order: str = DEFAULT_ORDER  # a key of RESULT_ORDERS
    exact: bool = False  # exact spelling (a reading mode: the filter bar's set_filters and clear leave it)


class SearchFilters(_Settings):
    """What a search is narrowed to ('' or None means any), and how its results are ordered.

    Each narrowing field is the facet of `FACETS` with that key. Years are kept first to last.
    """

    __slots__ = ()

    def __new__(
        cls,
        source: str = "",
        event: str = "",
        genre: str = "",
        years: Years | None = None,
        order: str = DEFAULT_ORDER,
        exact: bool = False,
    ) -> "SearchFilters":
        return super().__new__(cls, source, event, genre, None if years is None else _span(*years), order, exact)

    def replace(self, **changes: Any) -> "SearchFilters":
        """These filters with `changes` (by field name)."""
        return SearchFilters(**{**self._asdict(), **changes})

    def value(self, facet: Facet) -> Any:
        """This search's value of `facet` ('' or None for any)."""
        return getattr(self, facet.key)

    @property
    def narrowing(self) -> bool:
        """True when something narrows the results (the order alone does not)."""
        return any(self.value(f) for f in FACETS)

    def narrowings(self) -> list[Narrowing]:
        """What each facet set narrows the passages to, in the order of `FACETS`."""
        return [f.narrow(v) for f in FACETS if (v := self.value(f))]

    def said(self, names: Mapping[str, str] | None = None) -> list[str]:
        """Each facet set, in words: ['source: Lituanus', 'years 1953–1954']; `names` names ids (titles)."""
        return [f.said(v, names or {}) for f in FACETS if (v := self.value(f))]

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """'source: Lituanus; years 1953–1954; in source order' ('' when the search is plain)."""
        bits = self.said(names)
        if self.order != DEFAULT_ORDER and self.order in RESULT_ORDERS:
            words = RESULT_ORDERS[self.order]
            bits.append(words[:1].lower() + words[1:])
        return "; ".join(bits)

    def record(self) -> dict[str, str]:
        """The record form the search history and saved searches keep: {'source': 'isr-1963',
        'years': '1953..1954', 'sort': 'source'}; what is not set is left out, and so is exact spelling."""
        found = {f.key: f.record(v) for f in FACETS if (v := self.value(f))}
        if self.order != DEFAULT_ORDER:
            found[ORDER_RECORD] = self.order
        return {k: v for k, v in found.items() if v}

    @classmethod
    def from_record(cls, record: Mapping[str, str]) -> "SearchFilters":
        """The filters of a record, old or new; keys it does not know and values it cannot read are left out."""
        values = {f.key: f.read(text) for f in FACETS if isinstance(text := record.get(f.key), str)}
        order = record.get(ORDER_RECORD, DEFAULT_ORDER)
        return cls(**{k: v for k, v in values.items() if v}, order=order if order in RESULT_ORDERS else DEFAULT_ORDER)

    @classmethod
    def from_flags(cls, flags: Mapping[str, Any]) -> "SearchFilters":
        """The filters the command line's flags give (`vars(args)`: --source, --event, --sort, --exact)."""
        values = {f.key: f.read(text) for f in FACETS if f.flag and isinstance(text := flags.get(f.dest), str)}
        order = flags.get(ORDER_RECORD) or DEFAULT_ORDER
        return cls(**{k: v for k, v in values.items() if v}, order=order, exact=bool(flags.get("exact")))


NO_FILTERS = SearchFilters()


def facet(key: str) -> Facet:
    """The facet with `key`."""
    return next(f for f in FACETS if f.key == key)


def _span(first: int, last: int) -> Years:
    return (min(first, last), max(first, last))
