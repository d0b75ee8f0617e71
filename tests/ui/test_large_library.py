"""A library of thousands of sources: the home page lists the first ones and links to all of them,
and opening it reads the sources' titles, not every source in full."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from gulagreader.core.library import Library
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store, build_store, open_store_at
from gulagreader.ui.library_html import ALL_SOURCES_LINK, FIRST_SOURCES
from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.roles import RESULT_LIMIT
from gulagreader.ui.search.panel import SearchPanel, count_text
from tests.conftest import scale_corpus_module

ARCHIVE_SOURCES = FIRST_SOURCES + 50


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A synthetic archive of 150 sources of four passages (the scale benchmark's generator)."""
    folder = tmp_path_factory.mktemp("archive")
    scale_corpus_module().generate(folder / "corpus", ARCHIVE_SOURCES * 4, seed=5, per_source=4, workers=1)
    build_store(folder / "corpus", folder / "store")
    return open_store_at(folder / "store")


def _count_calls(monkeypatch: pytest.MonkeyPatch, store: Store, method: str) -> list[int]:
    """Count the calls of one of `store.db`'s methods (the calls go through to it)."""
    calls: list[int] = []
    real = getattr(store.db, method)

    def counted(*args: object) -> object:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(store.db, method, counted)
    return calls


def _titles_listed(panel: SearchPanel) -> int:
    html = panel.home.toHtml()
    return html.count('href="source:')


def test_a_large_library_lists_its_first_sources_then_all_on_request(
    qtbot: QtBot, archive: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_reads = _count_calls(monkeypatch, archive, "sources")
    panel = SearchPanel()
    qtbot.addWidget(panel)
    library = Library(archive)
    panel.attach(SearchService(archive), library)
    assert len(library.titles()) == ARCHIVE_SOURCES
    assert _titles_listed(panel) == FIRST_SOURCES
    assert full_reads == []  # the titles, and the first sources in full: not all of them
    text = panel.home.toPlainText()
    assert f"The first {FIRST_SOURCES} of {ARCHIVE_SOURCES} sources" in text
    assert f"List all {ARCHIVE_SOURCES} sources" in text
    assert panel.filter_bar.source_box.count() == ARCHIVE_SOURCES + 1  # and "All sources"
    panel.home.anchorClicked.emit(QUrl(ALL_SOURCES_LINK))
    assert _titles_listed(panel) == ARCHIVE_SOURCES
    assert "List all" not in panel.home.toPlainText()
    assert library.sources()[-1].title in panel.home.toPlainText()


def test_a_source_read_alone_equals_the_same_source_read_with_all(archive: Store) -> None:
    alone = Library(archive)
    last = list(alone.titles())[-1]
    assert alone.source(last) == Library(archive).sources()[-1]
    assert alone.sources(3) == Library(archive).sources()[:3]
    assert alone.genres() == sorted({s.genre for s in alone.sources() if s.genre})


def test_the_edition_lists_every_source_without_a_link(qtbot: QtBot, store: Store, search: SearchService) -> None:
    panel = SearchPanel()
    qtbot.addWidget(panel)
    library = Library(store)
    panel.attach(search, library)
    assert _titles_listed(panel) == len(library.sources())
    assert "List all" not in panel.home.toPlainText()


def test_large_counts_are_written_with_thousands_separators(search: SearchService) -> None:
    result = search.search("the", limit=RESULT_LIMIT)
    assert len(result.hits) == RESULT_LIMIT
    many = result._replace(total=106_371)
    assert count_text(many) == f"106,371 passages match · the best {RESULT_LIMIT} shown"


def test_attaching_the_window_reads_the_sources_once(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window, its events actions and its bookmark actions share one library, and a genre
    filter reads only the sources' titles and genres: at 2,000 sources each reading in full cost
    the reader's start ~20 ms."""
    full_reads = _count_calls(monkeypatch, store, "sources")
    window = MainWindow()
    qtbot.addWidget(window)
    window.attach(store)
    assert len(full_reads) == 1  # the edition's five sources are all on the home page
    window.panel.search_field.setText("strike")
    window.panel.filter_bar.genre_box.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.panel.shown_filters is not None and window.panel.shown_filters.genre != "")
    window.panel.search_field.setText("strike camp")
    qtbot.waitUntil(lambda: window.panel.shown_query == "strike camp")
    assert len(full_reads) == 1


def test_sources_keep_their_fields_when_read_by_title_first(store: Store) -> None:
    everything = {s.id: s for s in store.db.sources()}
    library = Library(store)
    for source_id in reversed(list(library.titles())):
        assert library.source(source_id) == everything[source_id]
    assert library.titles() == {s.id: s.title for s in everything.values()}
