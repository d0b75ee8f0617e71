"""What a reader sees, not what the models hold: for a battery of queries drawn from the corpus, at
three screen sizes, the hits are laid out and painted in the list, the hit opened is on the page
with its match in view, and the concordance shows it.

The battery: every event's title, every gazetteer name that finds a passage, the corpus's commonest
words, and boolean, phrase, prefix and fuzzy queries built from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gulagreader.core.index import COMMON_WORDS
from gulagreader.core.library import Library
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store
from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.roles import HIT_ROLE
from gulagreader.ui.visible import blank, drawn_problem, grab, layout_problem, rows_in_view

SIZES = [(1280, 720), (1366, 800), (1920, 1080)]


def battery(store: Store, search: SearchService) -> list[str]:
    """Queries a reader would type, generated from the corpus (each finds at least one passage)."""
    library = Library(store)
    titles = [e.title for e in library.events()]
    names = [n.canonical for n in store.db.names()]
    common = [w for w, _ in store.db.commonest_words(200) if w not in COMMON_WORDS and len(w) > 3][:12]
    found_names = [n for n in names if search.search(n, limit=1).total]
    surnames = [n.split()[-1] for n in found_names if len(n.split()[-1]) > 4][:40]
    queries = [*titles, *found_names, *common]
    for a, b, c in zip(surnames[::3], surnames[1::3], surnames[2::3], strict=False):
        queries += [f"{a} OR {b}", f"{a} {b}", f"{a} OR {b} -{c}"]
    for source in library.sources():
        for passage in library.passages_of(source.id)[3:60:12]:
            words = re.findall(r"[A-Za-z]{3,}", passage.text)
            if len(words) >= 3:
                queries.append(f'"{" ".join(words[:3])}"')
    queries += [f"{s[:4]}*" for s in surnames[:8]] + [f"{s}~" for s in surnames[8:14]]
    queries += [f"{c} year:1953" for c in common[:3]]
    unique = list(dict.fromkeys(q for q in queries if search.search(q, limit=1).total))
    return unique


@pytest.fixture(scope="module")
def queries(store: Store, search: SearchService) -> list[str]:
    found = battery(store, search)
    assert len(found) >= 50
    return found


@pytest.fixture
def sized(qtbot: QtBot, store: Store, request: pytest.FixtureRequest) -> Iterator[MainWindow]:
    width, height = request.param
    win = MainWindow()
    qtbot.addWidget(win)
    win.attach(store)
    win.setGeometry(0, 0, width, height)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    yield win
    win.close()


def show(qtbot: QtBot, win: MainWindow, query: str) -> None:
    win.panel.search_field.setText(query)
    qtbot.waitUntil(lambda: win.panel.shown_query == query, timeout=10_000)
    QApplication.processEvents()  # the list lays out its rows and paints them


def test_the_battery_has_every_kind_of_query(queries: list[str]) -> None:
    assert any(" OR " in q for q in queries) and any(q.startswith('"') for q in queries)
    assert any(q.endswith("*") for q in queries) and any(" -" in q for q in queries)
    assert "Vorkuta" in " ".join(queries) and len(queries) >= 100


@pytest.mark.parametrize("sized", SIZES, indirect=True, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_query_draws_its_hits(qtbot: QtBot, sized: MainWindow, queries: list[str]) -> None:
    view = sized.panel.results_view
    failures = []
    chosen = queries if sized.width() == 1366 else queries[::2]  # every query at one size, half at the others
    for query in chosen:
        show(qtbot, sized, query)
        assert sized.panel.results_model.rowCount() > 0, query
        problem = drawn_problem(view)
        if problem:
            failures.append(f"{query!r}: {problem}")
    assert not failures, f"{len(failures)} of {len(chosen)} queries: " + "; ".join(failures[:10])


@pytest.mark.parametrize("sized", SIZES, indirect=True, ids=[f"{w}x{h}" for w, h in SIZES])
def test_fast_typing_and_filters_leave_every_row_drawn(qtbot: QtBot, sized: MainWindow) -> None:
    view = sized.panel.results_view
    for query in ("Vorkuta", "Stalin", "Norilsk", "Kengir OR Norilsk -Vorkuta"):
        sized.panel.search_field.clear()
        qtbot.keyClicks(sized.panel.search_field, query)  # one key at a time, each a new search
        qtbot.waitUntil(lambda q=query: sized.panel.shown_query == q, timeout=10_000)
        QApplication.processEvents()
        assert drawn_problem(view) == "", query
    show(qtbot, sized, "Stalin")
    boxes = sized.panel.filter_bar
    boxes.event_box.setCurrentIndex(boxes.event_box.findData("vorkuta-1953"))
    qtbot.waitUntil(lambda: sized.panel.shown_filters is not None and bool(sized.panel.shown_filters.event))
    QApplication.processEvents()
    assert sized.panel.results_model.rowCount() > 0 and drawn_problem(view) == ""
    sized.resize(sized.width() - 300, sized.height() - 120)  # narrower: the rows wrap again
    QApplication.processEvents()
    assert drawn_problem(view) == ""


@pytest.mark.parametrize("sized", [(1366, 800)], indirect=True, ids=["1366x800"])
def test_the_batched_layout_that_drew_blank_is_seen_as_blank(qtbot: QtBot, sized: MainWindow) -> None:
    """The checks above can fail: a list laid out in batches, as before, is caught by them."""
    from PySide6.QtWidgets import QListView

    view = sized.panel.results_view
    view.setLayoutMode(QListView.LayoutMode.Batched)
    view.setBatchSize(8)
    problems = []
    for query in ("Vorkuta", "Stalin", "Norilsk", "Gorlag"):
        show(qtbot, sized, query)
        problems.append(layout_problem(view))
    assert any(problems)


@pytest.mark.parametrize("sized", SIZES, indirect=True, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_hit_opened_is_on_the_page_with_its_match_in_view(
    qtbot: QtBot, sized: MainWindow, queries: list[str], request: pytest.FixtureRequest
) -> None:
    view, reader = sized.panel.results_view, sized.reader
    # a third of the queries at the usual laptop size, an eighth at the others (opening a source is slow)
    chosen = queries[::3] if sized.width() == 1366 else queries[::8]
    failures = []
    for query in chosen:
        show(qtbot, sized, query)
        view.setFocus()
        view.setCurrentIndex(view.model().index(0, 0))
        hit = view.currentIndex().data(HIT_ROLE)
        qtbot.keyClick(view, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda h=hit: reader.source is not None and reader.source.id == h.source_id)
        if not reader.match_count:
            failures.append(f"{query!r}: no match marked in {hit.passage_id}")
            continue
        if reader.match_passage(reader.current_match) != hit.passage_id:
            failures.append(f"{query!r}: the current match is in {reader.match_passage(reader.current_match)}")
            continue
        start, _ = reader.match_position(reader.current_match)
        cursor = QTextCursor(reader.page.document())
        cursor.setPosition(start)
        where = reader.page.cursorRect(cursor)
        if not reader.page.viewport().rect().contains(where):
            failures.append(f"{query!r}: the match of {hit.passage_id} is at y={where.top()}, out of view")
    assert not failures, f"{len(failures)} of {len(chosen)}: " + "; ".join(failures[:10])


@pytest.mark.parametrize("sized", [(1366, 800)], indirect=True, ids=["1366x800"])
def test_the_concordance_opened_from_a_hit_shows_its_line(qtbot: QtBot, sized: MainWindow, queries: list[str]) -> None:
    table, concordance = sized.panel.concordance.table, sized.panel.concordance
    failures, shown = [], 0
    for query in queries[::3]:
        show(qtbot, sized, query)
        row = min(5, sized.panel.results_model.rowCount() - 1)  # a hit down the list, not only the first
        hit = sized.panel.results_model.hit(row)
        sized.panel.results_view.setFocus()
        sized.panel.results_view.setCurrentIndex(sized.panel.results_model.index(row, 0))
        qtbot.keyClick(sized.panel.results_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "occurrence" in concordance.count_label.text())
        QApplication.processEvents()
        model = concordance.model
        lines = [r for r in range(model.rowCount()) if model.line(r).passage_id == hit.passage_id]
        if lines:
            shown += 1
            current = table.currentIndex()
            rect = table.visualRect(current)
            if current.row() != lines[0]:
                failures.append(f"{query!r}: the concordance is at row {current.row()}, not {lines[0]}")
            elif not table.viewport().rect().contains(rect) or blank(grab(table.viewport()), rect):
                failures.append(f"{query!r}: the line of {hit.passage_id} is not drawn in view")
        elif model.rowCount() and not rows_in_view(table):
            failures.append(f"{query!r}: no concordance line in view")
        sized.panel.tabs.setCurrentIndex(0)
    assert not failures, f"{len(failures)}: " + "; ".join(failures[:10])
    assert shown > len(queries) // 6  # most hits have lines of their own (a loose match may have none)


def test_a_point_in_an_empty_list_is_no_row(qtbot: QtBot, window: MainWindow) -> None:
    """The results list of the library page draws nothing and is not taken for a blank list."""
    assert window.panel.results_view.indexAt(QPoint(5, 5)).isValid() is False
    assert drawn_problem(window.panel.results_view) == ""


@pytest.mark.parametrize("sized", [(1280, 720), (1366, 800)], indirect=True, ids=["1280x720", "1366x800"])
def test_the_compare_view_opened_from_a_hit_shows_it(qtbot: QtBot, sized: MainWindow, queries: list[str]) -> None:
    """Ctrl+Shift+E on a hit that tells of an event: its accounts side by side, at that hit, in view."""
    view = sized.panel.results_view
    failures, opened, seen_events = [], 0, set()
    for query in queries:
        show(qtbot, sized, query)
        model = sized.panel.results_model
        row = next((r for r in range(model.rowCount()) if model.hit(r).events), None)
        if row is None or model.hit(row).events[0] in seen_events:
            continue
        hit = model.hit(row)
        seen_events.add(hit.events[0])
        view.setFocus()
        view.setCurrentIndex(model.index(row, 0))
        qtbot.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        compare = sized.event_actions.last_compare
        assert compare is not None
        qtbot.waitExposed(compare)
        QApplication.processEvents()
        opened += 1
        screen = compare.screen().availableGeometry()
        if not screen.contains(compare.frameGeometry()) and not screen.contains(compare.geometry()):
            failures.append(f"{query!r}: the compare view {compare.geometry()} is outside {screen}")
        marked = compare.marked_passage()
        if marked is None or not marked.visible:
            failures.append(f"{query!r}: {hit.passage_id} is not marked in view ({marked})")
        compare.close()
        sized.event_actions.last_compare = None
        sized.activateWindow()
        qtbot.waitUntil(sized.isActiveWindow)
    assert opened >= 8, opened
    assert not failures, "; ".join(failures[:10])
