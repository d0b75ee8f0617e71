"""Our notes and the stated discrepancies, where a reader sees them: compare view, events view,
source panel, library. Each check asserts what is laid out and painted, not only what is held."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gulagreader.core.compare import CompareService
from gulagreader.core.store import Store
from gulagreader.ui.compare.tables import FiguresModel
from gulagreader.ui.compare.view import DISCREPANCIES_TAB, FIGURES_TAB, CompareView
from gulagreader.ui.events.view import EventsView
from gulagreader.ui.main_window import MainWindow


@pytest.fixture(scope="module")
def service(store: Store) -> CompareService:
    return CompareService(store)


def _painted(widget: QWidget) -> bool:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    return len(colours) > 2


def _compare(qtbot: QtBot, service: CompareService, event_id: str) -> CompareView:
    view = CompareView(service, event_id)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_compare_view_shows_our_note_on_the_event(qtbot: QtBot, service: CompareService) -> None:
    view = _compare(qtbot, service, "vorkuta-1955")
    assert view.event_note.isVisible() and view.event_note.height() > 0
    assert "Our note:" in view.event_note.text() and "in passing" in view.event_note.text()
    assert _painted(view.event_note)
    quiet = _compare(qtbot, service, "vorkuta-1953")  # no note on this event: nothing shown
    assert not quiet.event_note.isVisible()


def test_the_discrepancies_tab_states_each_side_and_links_its_passages(qtbot: QtBot, service: CompareService) -> None:
    view = _compare(qtbot, service, "vorkuta-1953")
    count = len(view.comparison.discrepancies)
    assert count >= 3 and view.tabs.tabText(DISCREPANCIES_TAB) == f"&Discrepancies ({count})"
    view.tabs.setCurrentIndex(DISCREPANCIES_TAB)
    qtbot.waitUntil(view.discrepancies.isVisible)
    text = view.discrepancies.toPlainText()
    assert "Who headed the Moscow commission" in text and "returned to Moscow" in text and "Maslenikov" in text
    assert text.count("Our note:") == count
    assert _painted(view.discrepancies.viewport())
    with qtbot.waitSignal(view.open_passage) as opened:
        view.discrepancies.anchorClicked.emit(QUrl("passage:newsletters-2003.p015"))
    assert opened.args == ["newsletters-2003.p015"]


def test_figure_rows_are_flagged_by_the_editors_with_our_notes(qtbot: QtBot, service: CompareService) -> None:
    view = _compare(qtbot, service, "vorkuta-hunger-strike-1936")
    view.tabs.setCurrentIndex(FIGURES_TAB)
    model: FiguresModel = view.figures_model
    labels = [str(model.index(r, 0).data()) for r in range(model.rowCount())]
    assert labels and not any(label.startswith("≠") for label in labels)  # dates and counts that agree
    notes = [str(model.index(r, 1).data()) for r in range(model.rowCount())]
    assert any("our note: At the end of the first month" in n for n in notes)
    view.disagreeing_box.setChecked(True)
    assert model.rowCount() == 0
    vorkuta = _compare(qtbot, service, "vorkuta-1953")
    model = vorkuta.figures_model
    flagged = [r for r in range(model.rowCount()) if str(model.index(r, 0).data()).startswith("≠")]
    assert flagged
    tip = str(model.index(flagged[0], 0).data(3))  # ToolTipRole
    assert "Our note:" in tip and "as the editors state" in tip


def test_the_events_view_shows_kind_and_our_note(qtbot: QtBot, store: Store) -> None:
    view = EventsView(store)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    qtbot.waitExposed(view)
    first = view.model.event_at(0)
    assert first.kind == "resistance"
    assert str(view.model.index(0).data()).split(": ", 1)[1].startswith("Resistance")
    row = view.model.row_of("vorkuta-1955")
    view.list.setCurrentIndex(view.model.index(row))
    assert "Our note:" in view.details.text() and "in passing" in view.details.text()
    assert view.details.isVisible() and _painted(view.details)


def test_the_source_panel_gives_our_notes_and_the_discrepancy(window: MainWindow) -> None:
    window.open_passage("lituanus-2005.p060")
    panel = window.source_panel.toPlainText()
    assert "Figures this passage gives:" in panel and "sixteen in all" in panel
    assert "Discrepancy (stated by the editors)" in panel and "sixteen" in panel
    window.open_passage("isr-1963.p060")
    panel = window.source_panel.toPlainText()
    assert "Was Serge Sedov tried publicly?" in panel and "Never tried publicly" in panel
    window.open_passage("newsletters-2003.p002")
    assert "Discrepancy" not in window.source_panel.toPlainText()


def test_the_library_lists_resistance_first(window: MainWindow) -> None:
    text = window.panel.home.toPlainText()
    events = text[text.index("Events") :]
    assert events.index("Resistance") < events.index("Repression") < events.index("Context")
    assert events.index("Vorkuta strike") < events.index("Lena goldfields shooting")


def test_the_reader_sets_our_sic_beside_the_passage_left_as_printed(window: MainWindow) -> None:
    window.open_passage("russia-pictures.p080")
    text = window.reader.page.toPlainText()
    at = text.index("Poland, Hungry, and")  # the source's word, as printed
    sic = text.index("[Sic “Hungry”] Ours: Sic: for 'Hungary'")
    assert 0 < sic - at < 600  # beside it: right after the passage
    window.open_passage("isr-1963.p014")
    text = window.reader.page.toPlainText()
    assert text.index("[Structure] Ours: the editors' introduction") < text.index("During the middle and at the end")


def test_the_source_panel_lists_our_corrections_and_attribution(window: MainWindow) -> None:
    window.open_source("lituanus-2005")
    panel = window.source_panel.toPlainText()
    assert "[L. Latkovskis]" in panel and "Attribution (ours): Our attribution, shown in brackets" in panel
    assert "Our corrections and clarifications" in panel and "Locator (n69)" in panel
    window.open_source("russia-pictures")
    panel = window.source_panel.toPlainText()
    assert "Caption “katyn massacre body arms tied.jpg” (p047)" in panel


def test_the_names_tab_marks_a_disputed_identification(qtbot: QtBot, service: CompareService) -> None:
    from gulagreader.ui.compare.tables import HTML_ROLE

    view = _compare(qtbot, service, "vorkuta-1953")
    model = view.names_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Kuzma Derevyanko")
    assert "identification disputed" in str(model.index(row, 0).data(HTML_ROLE))
    assert "Identification disputed (our note)" in str(model.index(row, 0).data(3))


def test_glossary_terms_are_underlined_with_our_definition(qtbot: QtBot, window: MainWindow) -> None:
    window.open_passage("lituanus-2005.p050")
    reader = window.reader
    html = reader.page.toHtml()
    assert 'href="term:zek"' in html
    assert "zeks" in reader.page.toPlainText()  # the text as printed, only underlined
    definition = reader.note_text(QUrl("term:zek"))
    assert definition.startswith("zek (our definition): Camp slang for a prisoner")
    with qtbot.waitSignal(reader.status) as said:
        reader.page.anchorClicked.emit(QUrl("term:zek"))
    assert said.args[0].startswith("Glossary: zek")
    # laid out: the underlined word is a link fragment in the document with an underlined format
    block = reader.page.document().begin()
    underlined = False
    while block.isValid() and not underlined:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == "term:zek":
                underlined = fragment.charFormat().fontUnderline() and fragment.text() == "zeks"
            it += 1
        block = block.next()
    assert underlined


def test_the_glossary_page_lists_terms_and_opens_their_passages(qtbot: QtBot, window: MainWindow) -> None:
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if a.text() == "&Glossary").trigger()
    assert window._help is not None
    qtbot.waitUntil(window._help.isVisible)
    text = window._help.text.toPlainText()
    assert window._help.windowTitle().startswith("Glossary")
    for term in ("zek", "makhorka", "Chekist", "besprizorniki", "Democratic Centralists (Decists)"):
        assert term in text
    assert "Our definition:" in text and "As printed: Besprisornyje" in text
    assert _painted(window._help.text.viewport())
    window._help.text.anchorClicked.emit(QUrl("passage:russia-pictures.p026"))
    assert window.reader.source is not None and window.reader.source.id == "russia-pictures"


def test_the_source_panel_locates_the_open_passage(window: MainWindow) -> None:
    window.open_passage("lituanus-2005.n69")
    panel = window.source_panel.toPlainText()
    assert "This passage: lituanus-2005.n69, note 70 as printed, line 230 of the received file" in panel
    assert "Locator (ours): Our note: the passage id lituanus-2005.n69 holds the note" in panel


def test_the_compare_view_sets_our_sic_beside_the_passage(qtbot: QtBot, service: CompareService) -> None:
    from gulagreader.ui.compare.markup import cell_html

    view = _compare(qtbot, service, "poles-deportation-1939")
    column = view.comparison.columns[0]
    html = "".join(
        cell_html(row.cells[0], row.title, column, {}) for row in view.comparison.rows if not row.cells[0].gap
    )
    assert "Soviet-Maisky agreement" in html  # as printed
    assert "[Sic “Soviet-Maisky”]" in html and "Sikorski–Maisky" in html
