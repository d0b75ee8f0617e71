"""A library of thousands of sources: the home page lists the first ones and links to all of them."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from gulagreader.core.library import Library
from gulagreader.core.model import Source
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store
from gulagreader.ui.library_html import ALL_SOURCES_LINK, FIRST_SOURCES
from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.search_panel import SearchPanel, count_text
from gulagreader.ui.search_runner import RESULT_LIMIT


def _library_of(count: int, store: Store) -> list[Source]:
    """`count` sources: the edition's, then numbered copies of them (as a large archive would have)."""
    real = Library(store).sources()
    copies = [replace(real[i % len(real)], id=f"copy-{i:04d}", title=f"Copy {i:04d}") for i in range(count)]
    return real + copies[: count - len(real)]


def _titles_listed(panel: SearchPanel) -> int:
    html = panel.home.toHtml()
    return html.count('href="source:')


def test_a_large_library_lists_its_first_sources_then_all_on_request(
    qtbot: QtBot, store: Store, search: SearchService
) -> None:
    panel = SearchPanel()
    qtbot.addWidget(panel)
    sources = _library_of(FIRST_SOURCES + 150, store)
    panel.attach(search, sources, Library(store).events())
    assert _titles_listed(panel) == FIRST_SOURCES
    text = panel.home.toPlainText()
    assert f"The first {FIRST_SOURCES} of {len(sources)} sources" in text
    assert f"List all {len(sources)} sources" in text
    panel.home.anchorClicked.emit(QUrl(ALL_SOURCES_LINK))
    assert _titles_listed(panel) == len(sources)
    assert "List all" not in panel.home.toPlainText()
    assert sources[-1].title in panel.home.toPlainText()


def test_the_edition_lists_every_source_without_a_link(qtbot: QtBot, store: Store, search: SearchService) -> None:
    panel = SearchPanel()
    qtbot.addWidget(panel)
    library = Library(store)
    panel.attach(search, library.sources(), library.events())
    assert _titles_listed(panel) == len(library.sources())
    assert "List all" not in panel.home.toPlainText()


def test_large_counts_are_written_with_thousands_separators(search: SearchService) -> None:
    result = search.search("the", limit=RESULT_LIMIT)
    assert len(result.hits) == RESULT_LIMIT
    many = replace(result, total=106_371)
    assert count_text(many) == f"106,371 passages match · the best {RESULT_LIMIT} shown"


def test_attaching_the_window_reads_the_sources_once(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window, its events actions and its bookmark actions share one library: at 2,000 sources
    each extra reading cost the reader's start ~25 ms."""
    reads: list[int] = []
    real = store.db.sources

    def counted() -> list[Source]:
        reads.append(1)
        return real()

    monkeypatch.setattr(store.db, "sources", counted)
    window = MainWindow()
    qtbot.addWidget(window)
    window.attach(store)
    assert len(reads) == 1
    window.search_field.setText("strike")
    window.filter_bar.genre_box.setCurrentIndex(1)  # a genre filter reads the sources' genres once
    qtbot.waitUntil(lambda: window.panel.shown_filters is not None and window.panel.shown_filters.genre != "")
    window.search_field.setText("strike camp")
    qtbot.waitUntil(lambda: window.shown_query == "strike camp")
    assert len(reads) == 2
