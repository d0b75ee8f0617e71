"""What the reader is reading: the query on screen, the source open and the way back to earlier ones.

`Reading` is the one reading controller of the desktop window and of a kiosk visit. It holds plain
state and calls back whoever listens (napari's `ViewerModel` with its Qt views is the model): the
front ends tell it what happened (a query is on screen, a passage was chosen, Return was pressed)
and their views draw what it announces. It never imports Qt; the search core loads when first used,
so the first window can build one before the store is open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from gulagreader.core.errors import UserError

if TYPE_CHECKING:
    from gulagreader.core.highlight import Matcher
    from gulagreader.core.library import Library
    from gulagreader.core.model import Passage, Source
    from gulagreader.core.search import SearchService

T = TypeVar("T")


class Notice(Generic[T]):
    """Callbacks called with a value, in the order they were connected (a Qt-free signal)."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[T], object]] = []

    def connect(self, callback: Callable[[T], object]) -> None:
        self._callbacks.append(callback)

    def emit(self, value: T) -> None:
        for callback in list(self._callbacks):
            callback(value)


class Opening(NamedTuple):
    """A source to show, at a passage (and its n-th match), with the query's matches marked."""

    source: Source
    passages: list[Passage]
    matcher: Matcher
    focus: str = ""  # the passage to show ('' for the top of the source)
    occurrence: int = 0
    passage: Passage | None = None  # the passage asked for, when one was (not a whole source)


Place = tuple[str, str]  # (source id, passage id) of a passage opened


class Reading:
    """The query on screen, the source open, the passages read in order, and each source's passages.

    Notices:
        opened(Opening): show this source (at this passage).
        rematched(Matcher): another query is on screen: mark its matches in the source open.
        next_match(None): Return with matches in the source open: go on to the next one.
        failed(UserError): what was asked for could not be opened: `NotFound` if it is not in the corpus,
            another `UserError` if the store could not be read (its message says why, in a reader's words).
    """

    def __init__(self, in_view: Callable[[], str] | None = None) -> None:
        """`in_view` says which passage the reader has got to (to come back to it); without it the
        way back returns to the passage opened."""
        self._library: Library | None = None
        self._search: SearchService | None = None
        self._in_view = in_view
        self._passages: dict[str, list[Passage]] = {}
        self.query = ""  # the query whose results are on screen ('' for none)
        self.source: Source | None = None  # the source open (None: nothing, or it was closed)
        self.history: list[Place] = []  # each passage opened, in order
        self.at = -1  # where in `history` the reader is
        self.opened: Notice[Opening] = Notice()
        self.rematched: Notice[Matcher] = Notice()
        self.next_match: Notice[None] = Notice()
        self.failed: Notice[UserError] = Notice()

    def attach(self, library: Library, search: SearchService) -> None:
        """Read `library`, marking what `search`'s queries match."""
        self._library, self._search = library, search

    @property
    def is_open(self) -> bool:
        return self.source is not None

    # --- the query ---

    def matcher(self) -> Matcher:
        """What the query on screen matches (nothing when there is none)."""
        from gulagreader.core.highlight import Matcher

        if self._search is None or not self.query.strip():
            return Matcher()
        return self._search.matcher_for(self.query)

    def show_query(self, query: str) -> None:
        """`query`'s results are on screen ('' : none): the source open marks its matches."""
        self.query = query
        if self.source is not None:
            self.rematched.emit(self.matcher())

    def on_return(self, match_count: int, first_hit: str) -> None:
        """Return in the search field: the next of the `match_count` matches in the source open, else
        open the `first_hit` ('' when there are no results)."""
        if self.source is not None and match_count:
            self.next_match.emit(None)
        elif first_hit:
            self.open_passage(first_hit)

    # --- opening ---

    def open_passage(self, passage_id: str, occurrence: int = 0) -> bool:
        """Open the source of `passage_id`, at it (at its `occurrence`-th match); False if it cannot be."""
        if self._library is None:
            return False
        try:
            passage = self._library.passage(passage_id)
        except UserError as exc:
            self.failed.emit(exc)
            return False
        return self._open(passage.source_id, passage_id, occurrence, passage)

    def open_source(self, source_id: str, focus: str = "", occurrence: int = 0) -> bool:
        """Open a whole source (at passage `focus`, if given); False if it cannot be."""
        return self._open(source_id, focus, occurrence)

    def _open(
        self, source_id: str, focus: str, occurrence: int = 0, passage: Passage | None = None, remember: bool = True
    ) -> bool:
        if self._library is None:
            return False
        try:
            source = self._library.source(source_id)
            if source_id not in self._passages:
                self._passages[source_id] = self._library.passages_of(source_id)
        except UserError as exc:
            self.failed.emit(exc)
            return False
        if remember:
            self._remember(source_id, focus)
        self.source = source
        self.opened.emit(Opening(source, self._passages[source_id], self.matcher(), focus, occurrence, passage))
        return True

    def close(self) -> None:
        """Nothing is open any more (a kiosk's new search); the way back stays."""
        self.source = None

    # --- back and forward across the passages opened ---

    def _remember(self, source_id: str, focus: str) -> None:
        """A new place: it follows the one the reader is at, and the places after that are dropped."""
        self._note_where_the_reader_is()
        del self.history[self.at + 1 :]
        self.history.append((source_id, focus))
        self.at = len(self.history) - 1

    def _note_where_the_reader_is(self) -> None:
        """The place being left keeps the passage the reader got to, to come back to it."""
        if 0 <= self.at < len(self.history) and self.source is not None and self._in_view is not None:
            source_id, opened = self.history[self.at]
            self.history[self.at] = (source_id, self._in_view() or opened)

    def back(self) -> bool:
        """The passage opened before this one; False when there is none."""
        return self._step(-1)

    def forward(self) -> bool:
        """The passage opened after this one (after going back); False when there is none."""
        return self._step(1)

    def _step(self, by: int) -> bool:
        wanted = self.at + by
        if not 0 <= wanted < len(self.history):
            return False
        self._note_where_the_reader_is()
        self.at = wanted
        source_id, focus = self.history[wanted]
        self._open(source_id, focus, remember=False)
        return True
