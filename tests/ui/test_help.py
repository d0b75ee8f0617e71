"""F1 shows the query language (from its one description); About names the sources, their rights and our licences."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gulagreader.core.library import Library
from gulagreader.core.query_language import NOTES, OPERATORS
from gulagreader.core.store import Store
from gulagreader.ui.help_html import rights_note
from gulagreader.ui.main_window import MainWindow


def test_f1_shows_the_query_language(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_F1)
    help_window = window._help
    assert help_window is not None
    qtbot.waitUntil(help_window.isVisible)
    text = help_window.text.toPlainText()
    words = " ".join(text.split())  # a table: the columns wrap
    for op in OPERATORS:  # an example of each operator and what it finds
        assert op.example in words and op.meaning.replace("`", "") in words, op
    assert NOTES in words
    assert "Ctrl+Shift+C" in text and "F3, Shift+F3" in text
    assert help_window.windowTitle().startswith("Searching")


def test_about_lists_sources_rights_and_licences(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    window.show_about()
    assert window._help is not None
    text = window._help.text.toPlainText()
    for source in Library(store).sources():
        assert source.title in text
    for source in Library(store).sources():
        assert source.rights and source.rights in text  # each source's rights statement from the corpus
    assert "Copyright © 2005 LITUANUS Foundation, Inc. (as printed)" in text
    for name, licence in (
        ("PySide6", "GNU LGPL version 3"),
        ("tantivy", "MIT"),
        ("SQLite", "public domain"),
        ("platformdirs", "MIT"),
        ("sqlite-utils", "Apache 2.0"),
        ("Python", "Python Software Foundation License"),
    ):
        lines = text.splitlines()
        row = next(i for i, line in enumerate(lines) if name in line and "sqlite-utils)" not in line)
        assert licence in lines[row] + lines[row + 1], lines[row]


def test_rights_note_reads_the_provenance(store: Store) -> None:
    notes = {s.id: rights_note(replace(s, rights="")) for s in Library(store).sources()}  # a corpus without them
    assert notes["isr-1963"] == "Rights not established."
    assert "LITUANUS Foundation" in notes["lituanus-2005"]
    assert "not established" in notes["lituanus-2005"]


def test_the_help_menu_opens_the_editorial_principles(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QImage

    from gulagreader.core.paths import editorial_principles
    from tests.conftest import REPO

    assert editorial_principles() == REPO / "docs" / "editorial-principles.md"
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    action = next(a for a in help_menu.actions() if a.text() == "&Editorial principles")
    action.trigger()
    assert window._help is not None
    qtbot.waitUntil(window._help.isVisible)
    text = window._help.text.toPlainText()
    assert window._help.windowTitle().startswith("Editorial principles")
    for heading in ("What is verbatim", "What is ours", "Names", "Dates", "Figures and discrepancies", "Locators"):
        assert heading in text
    assert "[L. Latkovskis]" in text and "never alters a passage's text" in text
    image = window._help.text.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert len({image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}) > 2
