"""Typing a query shows hits at once, off the GUI thread, and only the newest query's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gulagreader.core.search import SearchResult, SearchService
from gulagreader.ui.library_html import lead_sentence
from gulagreader.ui.main_window import HOME, RESULTS, MainWindow
from gulagreader.ui.roles import HIT_ROLE, HTML_ROLE
from gulagreader.ui.search.results_model import ResultsModel
from gulagreader.ui.search.runner import SearchAnswer, SearchRequest
from gulagreader.ui.theme import theme_for
from tests.ui.conftest import type_query


def test_home_lists_sources_and_events(window: MainWindow) -> None:
    assert window.windowTitle() == "GulagReader"
    assert window.panel.stack.currentIndex() == HOME
    home = window.panel.home.toPlainText()
    assert "Trotskyists at Vorkuta: An Eyewitness Report" in home
    assert "author not named" in home and "Raya Dunayevskaya" in home
    assert "Events" in home and "Katyn massacre" in home
    # each source's date and genre, and the start of our provenance note and warning
    assert "Summer 1963 · eyewitness report · 83 passages" in home
    assert "Provenance (our note): a blog post by Paul Goble dated 'Monday, February 26, 2018'" in home
    assert "[M.B.]" in home and "[L. Latkovskis]" in home  # our attributions, in brackets
    assert "Warning (ours): this is an anonymous compilation that mixes picture captions" in home
    assert "(only 'Latgale Research Center')." in home and "Some Lithuanian and Latvian letters" not in home


def test_the_home_page_shows_a_notes_first_sentence_cut_at_a_word() -> None:
    first = "Edited by M. G. Slavënas in No.4 (2005)."
    assert lead_sentence(f"{first} Then more.") == first
    assert lead_sentence("It says 'so.' Then more.") == "It says 'so.'"
    long = "word " * 100
    assert lead_sentence(long, 50) == ("word " * 10).strip() + " …"  # 49 characters, then the mark


def test_typing_shows_highlighted_hits(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Derevyanko")
    assert window.panel.stack.currentIndex() == RESULTS
    assert window.panel.results_model.rowCount() > 0
    assert "match" in window.panel.count_label.text()
    html = window.panel.results_model.index(0, 0).data(HTML_ROLE)
    assert f"background-color:{theme_for(window.palette()).match}" in html and "Derevianko</span>" in html
    rows = [
        window.panel.results_model.index(r, 0).data(HTML_ROLE) for r in range(window.panel.results_model.rowCount())
    ]
    assert any("Event: Vorkuta" in row for row in rows)
    assert any("Also in: Communist Russia in pictures" in row for row in rows)
    # the source's date beside its title, and 'undated' where the edition gives none
    assert any("Baltic Prisoners of the Gulag Revolts of 1953</b>" in row and "· Winter 2005" in row for row in rows)
    assert any("The gulag uprising at Vorkuta, 1953</b>" in row and "· undated" in row for row in rows)


def test_a_stale_result_is_dropped(qtbot: QtBot, window: MainWindow, search: SearchService) -> None:
    runner = window.panel.runner
    assert runner is not None
    shown: list[str] = []
    runner.finished.connect(lambda found: shown.append(found.result.query))
    runner.search_now("Kengir")
    runner.search_now("Derevyanko")  # a newer keystroke wins
    qtbot.waitUntil(lambda: shown == ["Derevyanko"])
    runner.wait()
    QApplication.processEvents()
    assert shown == ["Derevyanko"]
    old = runner.generation - 1
    with qtbot.assertNotEmitted(runner.finished):
        runner.deliver(old, SearchAnswer(SearchRequest("Vorkuta"), search.search("Vorkuta")))
    assert window.panel.shown_query == "Derevyanko"


def test_esc_clears_and_shows_home(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Norilsk")
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_Escape)
    assert window.panel.search_field.text() == ""
    assert window.panel.stack.currentIndex() == HOME
    assert window.panel.results_model.rowCount() == 0 and not window.panel.count_label.isVisible()


def test_did_you_mean_click_searches_again(qtbot: QtBot, window: MainWindow) -> None:
    window.panel.filter_bar.exact_box.setChecked(True)  # exact spelling: no near spellings, a suggestion
    type_query(qtbot, window, "Vorkutta")
    assert window.panel.results_model.rowCount() == 0
    qtbot.waitUntil(window.panel.suggestion_button.isVisible)
    assert "Vorkuta" in window.panel.suggestion_button.text()
    qtbot.mouseClick(window.panel.suggestion_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.panel.shown_query == "Vorkuta")
    assert window.panel.search_field.text() == "Vorkuta"
    assert window.panel.results_model.rowCount() > 0 and not window.panel.suggestion_button.isVisible()


def test_a_malformed_query_shows_its_message(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, '"camp no. 29')
    assert window.panel.message_label.isVisible() and window.panel.message_label.text()


def test_results_model_passes_the_model_tester(qtmodeltester: ModelTester, search: SearchService) -> None:
    model = ResultsModel()
    result: SearchResult = search.search("Vorkuta strike")
    model.set_hits(result.hits)
    qtmodeltester.check(model)
    assert model.rowCount() == len(result.hits) > 0
    assert model.index(0, 0).data(HIT_ROLE) == result.hits[0]


def test_rows_fit_their_text_when_the_list_narrows(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Derevyanko")
    view, model = window.panel.results_view, window.panel.results_model
    for sizes in ([0, 10_000], [10_000, 10_000]):  # as narrow as it goes, then wider
        width = window.panel.width()
        window.splitter.setSizes(sizes)
        qtbot.waitUntil(lambda width=width: abs(window.panel.width() - width) > 20)
        QApplication.processEvents()
        for row in range(model.rowCount()):
            doc = QTextDocument()
            doc.setDefaultFont(view.font())
            doc.setDocumentMargin(0)
            doc.setHtml(model.index(row, 0).data(HTML_ROLE))
            doc.setTextWidth(view.viewport().width() - 20)  # the text as wide as the row can show it
            assert doc.size().height() + 20 <= view.visualRect(model.index(row, 0)).height() + 1, row
