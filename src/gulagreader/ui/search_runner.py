"""Runs searches off the GUI thread, debounced, and drops results that a newer query replaced."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from gulagreader.core.search import SearchResult, SearchService

DEBOUNCE_MS = 120
RESULT_LIMIT = 50


class _Relay(QObject):
    done = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, service: SearchService, text: str, generation: int, relay: _Relay) -> None:
        super().__init__()
        self._service, self._text, self._generation, self._relay = service, text, generation, relay

    def run(self) -> None:
        # tantivy releases the GIL while it searches, so the GUI keeps painting meanwhile
        self._relay.done.emit(self._generation, self._service.search(self._text, limit=RESULT_LIMIT))


class SearchRunner(QObject):
    """Debounced, threaded search; only the newest query's result is delivered.

    Signals:
        finished(SearchResult): the result of the newest query, on the GUI thread.
    """

    finished = Signal(object)

    def __init__(self, service: SearchService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._generation = 0
        self._pending = ""
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self.deliver)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)

    @property
    def generation(self) -> int:
        """Bumped by every query; a result carrying an older number is stale."""
        return self._generation

    def request(self, text: str) -> None:
        """Search for `text` once typing pauses for `DEBOUNCE_MS`."""
        self._generation += 1
        self._pending = text
        self._timer.start()

    def search_now(self, text: str) -> None:
        """Search for `text` at once (Enter, a 'did you mean' click)."""
        self._generation += 1
        self._pending = text
        self._timer.stop()
        self._start()

    def cancel(self) -> None:
        """Forget any query in flight (the field was cleared)."""
        self._generation += 1
        self._timer.stop()

    def deliver(self, generation: int, result: SearchResult) -> None:
        """Pass `result` on unless a newer query has been made since."""
        if generation == self._generation:
            self.finished.emit(result)

    def wait(self) -> None:
        """Block until running searches end (before the window goes away)."""
        self._timer.stop()
        self._pool.waitForDone()

    def _start(self) -> None:
        self._pool.start(_Job(self._service, self._pending, self._generation, self._relay))
