"""The reader's page: a serif at a comfortable measure, headings and block quotes kept, and the
source panel's provenance and curation notes."""

from __future__ import annotations

from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.style import MEASURE_EM, READING_FAMILIES


def test_the_text_is_set_in_a_serif_no_wider_than_the_measure(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1400, 760)
    window.open_source("isr-1963")
    page = window.reader.page
    font = page.document().defaultFont()
    assert font.families() == READING_FAMILIES and font.styleHint() == QFont.StyleHint.Serif
    # (which of them Qt finds depends on the fonts installed, so that is not asserted here)
    em = page.fontMetrics().horizontalAdvance("M")
    qtbot.waitUntil(lambda: page.document().rootFrame().frameFormat().leftMargin() > 24)
    fmt = page.document().rootFrame().frameFormat()
    text_width = page.viewport().width() - fmt.leftMargin() - fmt.rightMargin()
    assert MEASURE_EM * em - em <= text_width <= MEASURE_EM * em + em  # a line of ~40 ems, centred
    assert abs(fmt.leftMargin() - fmt.rightMargin()) < 1


def test_headings_and_block_quotes_are_kept(window: MainWindow) -> None:
    window.open_source("isr-1963")
    html = window.reader.page.toHtml()
    text = window.reader.page.toPlainText()
    assert "Trotskyists at Vorkuta" in text and "The Different Groups" in text
    assert "<h1" in html and "<h2" in html
    doc = window.reader.page.document()
    block = doc.begin()
    levels, indented = set(), 0
    while block.isValid():
        levels.add(block.blockFormat().headingLevel())
        indented += block.blockFormat().leftMargin() >= 28  # a block quote's indent (see reader_pane._STYLE)
        block = block.next()
    assert {1, 2} <= levels
    assert indented > 0


def test_the_source_panel_gives_the_provenance_and_what_our_edition_removed(window: MainWindow) -> None:
    window.open_source("russia-pictures")
    panel = window.source_panel.toPlainText()
    assert "Provenance" in panel and "an anonymous blog-style compilation headed" in panel
    assert "What our edition removed" in panel
    assert "Bare file names of the pictures, which are not in the corpus; the captions are kept." in panel
