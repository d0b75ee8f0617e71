"""Garbage is collected on the GUI thread only, so a search thread never frees a widget (Qt would crash)."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from pytestqt.qtbot import QtBot

from gulagreader.core.search import SearchService
from gulagreader.ui.search.runner import SearchRunner


class _Cycle:
    """Garbage in a reference cycle that notes which thread freed it."""

    freed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_on.append(threading.current_thread().name)


def test_a_search_runner_moves_collection_to_the_gui_thread(qtbot: QtBot, search: SearchService) -> None:
    runner = SearchRunner(search)
    assert not gc.isenabled()
    _Cycle.freed_on.clear()
    _Cycle()

    kept: list[list[int]] = []

    def allocate() -> None:  # far more new containers than the collector's thresholds allow
        kept.extend([] for _ in range(200_000))

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert _Cycle.freed_on == []  # the worker thread did not collect it
    qtbot.waitUntil(lambda: _Cycle.freed_on != [], timeout=3000)
    assert _Cycle.freed_on == [threading.main_thread().name]
    runner.wait()
    kept.clear()


def test_searches_still_answer_with_the_collector_on_the_gui_thread(qtbot: QtBot, search: SearchService) -> None:
    runner = SearchRunner(search)
    with qtbot.waitSignal(runner.finished, timeout=5000) as answered:
        runner.request("Vorkuta")
    assert answered.args[0].result.hits
    runner.wait()
