"""Runs searches off the GUI thread and drops results that a newer query replaced.

There is no typing delay: a query starts at once when no search is running; while one runs,
only the newest query waits, and it starts as soon as the running one ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from gulagreader.core.search_filters import SearchFilters
from gulagreader.ui.collector import collect_on_gui_thread
from gulagreader.ui.roles import RESULT_LIMIT

if TYPE_CHECKING:  # the search core is loaded with the store, after the first window has painted
    from gulagreader.core.concordance import Concordance
    from gulagreader.core.search import SearchResult, SearchService

WARM_AFTER_MS = 250  # the word lists would compete with the first paint for the interpreter


# (NamedTuples, not dataclasses: this module loads between the first paint and the first search)
class SearchRequest(NamedTuple):
    """A query with its filters; `concordance` asks for the concordance lines as well."""

    text: str
    filters: SearchFilters = SearchFilters()  # (frozen: one shared default will do)
    concordance: bool = False


class SearchAnswer(NamedTuple):
    """What a request found (the concordance only if it was asked for)."""

    request: SearchRequest
    result: SearchResult
    concordance: Concordance | None = None


def answer(service: SearchService, request: SearchRequest) -> SearchAnswer:
    """Run `request` against `service` (in whichever thread calls it)."""
    f, text = request.filters, request.text
    result = service.search(text, limit=RESULT_LIMIT, filters=f)
    lines = None
    if request.concordance:
        from gulagreader.core.concordance import concordance

        lines = concordance(service, text, f)  # with the list's filters and spelling, so the two agree
    return SearchAnswer(request, result, lines)


class _Warm(QRunnable):
    """Loads the word lists a first search needs, off the GUI thread, before any search runs."""

    def __init__(self, service: SearchService) -> None:
        super().__init__()
        self._service = service

    def run(self) -> None:
        _ = self._service.lexicon


class _Relay(QObject):
    done = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, service: SearchService, request: SearchRequest, generation: int, relay: _Relay) -> None:
        super().__init__()
        self._service, self._request, self._generation, self._relay = service, request, generation, relay

    def run(self) -> None:
        # tantivy releases the GIL while it searches, so the GUI keeps painting meanwhile
        self._relay.done.emit(self._generation, answer(self._service, self._request))


class SearchRunner(QObject):
    """Threaded search; only the newest request's answer is delivered.

    Signals:
        finished(SearchAnswer): the answer to the newest request, on the GUI thread.
    """

    finished = Signal(object)

    def __init__(self, service: SearchService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        collect_on_gui_thread()  # the worker thread must never free a widget
        self._service = service
        self._generation = 0
        self._pending: tuple[int, SearchRequest] | None = None
        self._busy = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)

    @property
    def generation(self) -> int:
        """Bumped by every request; an answer carrying an older number is stale."""
        return self._generation

    def request(self, request: SearchRequest | str) -> None:
        """Search now, or as soon as the running search ends (a newer request replaces a waiting one)."""
        if isinstance(request, str):
            request = SearchRequest(request)
        self._generation += 1
        self._pending = (self._generation, request)
        if not self._busy:
            self._start()

    search_now = request

    def warm(self, after_ms: int = WARM_AFTER_MS) -> None:
        """Load what searching needs in the worker once the window has painted (`after_ms`), so the
        first keystroke does not wait for it; a search made before then loads it itself."""
        QTimer.singleShot(after_ms, self, self._warm_now)

    def _warm_now(self) -> None:
        if self._generation == 0:  # no search yet; searches would queue behind this (one worker thread)
            self._pool.start(_Warm(self._service))

    def cancel(self) -> None:
        """Forget any request in flight (the field was cleared)."""
        self._generation += 1
        self._pending = None

    def deliver(self, generation: int, found: SearchAnswer) -> None:
        """Pass `found` on unless a newer request has been made since."""
        if generation == self._generation:
            self.finished.emit(found)

    def wait(self) -> None:
        """Block until running searches end (before the window goes away)."""
        self._pending = None
        self._pool.waitForDone()

    def _start(self) -> None:
        if self._pending is None:
            return
        generation, request = self._pending
        self._pending = None
        self._busy = True
        self._pool.start(_Job(self._service, request, generation, self._relay))

    def _done(self, generation: int, found: SearchAnswer) -> None:
        self._busy = False
        self._start()
        self.deliver(generation, found)
