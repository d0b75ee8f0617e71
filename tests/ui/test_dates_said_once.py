"""The Event filters and About say each date once ('1932–33, 1932–1933' and 'Summer 1963 · Summer 1963' were seen)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from gulagreader.core.library import Library
from gulagreader.core.model import Event
from gulagreader.core.store import Store
from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.search.filter_bar import event_label

from .conftest import type_query

_SPAN = re.compile(r"\b(\d{4})(?:\s*[–-]\s*(\d{2,4}))?\b")


def _spans(text: str) -> list[tuple[int, int]]:
    """Every year or span of years the text states, as (first, last): '1932–33' is (1932, 1933)."""
    found = []
    for first, last in _SPAN.findall(text):
        end = int(first[: 4 - len(last)] + last) if last else int(first)
        found.append((int(first), end))
    return found


def _check_labels(box: QComboBox, events: list[Event]) -> int:
    by_id = {e.id: e for e in events}
    checked = 0
    for i in range(1, box.count()):
        text, event = box.itemText(i), by_id[str(box.itemData(i))]
        spans = _spans(text)
        assert len(spans) == len(set(spans)), text  # no year or span said twice
        assert text.startswith(event.title)
        if event.years:  # the event's years are said (by the title, or after it)
            assert any(a <= event.years[0] and event.years[-1] <= b for a, b in spans) or (
                {event.years[0], event.years[-1]} <= {y for s in spans for y in s}
            ), text
        checked += 1
    return checked


def test_the_event_filter_says_each_events_years_once(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    type_query(qtbot, window, "strike")
    events = Library(store).events()
    assert _check_labels(window.panel.filter_bar.event_box, events) == len(events)
    holodomor = next(e for e in events if "1932" in e.title)
    assert event_label(holodomor) == holodomor.title


def test_the_bookmarks_event_filter_says_each_events_years_once(window: MainWindow, store: Store) -> None:
    window.bookmark_actions.toggle_panel()
    panel = window.bookmark_actions.panel
    assert panel is not None
    events = Library(store).events()
    assert _check_labels(panel.event_box, events) == len(events)


def test_about_says_each_sources_date_once(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    window.show_about()
    help_window = window._help
    assert help_window is not None
    qtbot.waitExposed(help_window)
    text = help_window.text.toPlainText()
    checked = 0
    for source in Library(store).sources():
        lines = text.splitlines()
        line = lines[lines.index(source.title) + 1]  # the line under the title: authors · publication · date
        parts = [p.strip().casefold() for p in line.split(" · ")]
        for i, part in enumerate(parts):
            assert not any(part in other for j, other in enumerate(parts) if j != i), line
        if source.date:
            assert line.count(source.date) == 1, line
            checked += 1
    assert checked >= 2
    help_window.close()
