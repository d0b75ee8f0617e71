"""Citations, exports (all, shown, selected) and imports from the bookmarks panel and the reader."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bibtexparser
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gulagreader.core.bookmarks.exports import FILE_FORMATS
from gulagreader.core.bookmarks.model import Bookmark
from gulagreader.core.citations.render import cite_passage
from gulagreader.core.library import Library
from gulagreader.core.store import Store
from gulagreader.ui.bookmarks.panel import BookmarksPanel
from gulagreader.ui.main_window import MainWindow


@pytest.fixture
def panel(qtbot: QtBot, window: MainWindow) -> BookmarksPanel:
    qtbot.keyClick(window.panel.search_field, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.bookmark_actions.panel is not None
    return window.bookmark_actions.panel


@pytest.fixture
def kept(panel: BookmarksPanel) -> list[Bookmark]:
    service = panel.service
    made = [
        service.add("isr-1963.p012", 10, 50, note="Ciliga's *reports*", tags=["trotskyists"]),
        service.add("lituanus-2005.p046", note="On the commission", tags=["vorkuta"]),
        service.add("russia-pictures.p042", tags=["katyn"]),  # a passage with a content note
    ]
    panel.refresh()
    return made


def test_copy_a_bookmarks_citation_in_each_style_rich_and_plain_alike(
    panel: BookmarksPanel, store: Store, kept: list[Bookmark]
) -> None:
    panel.select(kept[0].id)
    for style in ("chicago", "apa", "mla"):
        citation = cite_passage(Library(store), "isr-1963.p012", style)
        text = panel.copy_citation(style)
        clipboard = QApplication.clipboard().mimeData()
        assert text == clipboard.text() == citation.text
        assert "*" not in text and citation.html in clipboard.html()
    assert "para. 12" in panel.copy_citation("chicago")


def test_copy_a_passages_citation_from_the_edit_menu_and_context_menus(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    window.open_passage("lituanus-2005.p046")
    window.reader.page.setFocus()
    chicago, apa, mla, _settings = window.bookmark_actions.cite_actions
    chicago.trigger()
    assert QApplication.clipboard().text() == cite_passage(Library(store), "lituanus-2005.p046").text
    assert "para. 46" in QApplication.clipboard().text()
    apa.trigger()
    assert QApplication.clipboard().text() == cite_passage(Library(store), "lituanus-2005.p046", "apa").text
    mla.trigger()
    assert QApplication.clipboard().text().endswith("par. 46)")
    assert window.statusBar().currentMessage().startswith("Copied: ")


@pytest.mark.parametrize("fmt", list(FILE_FORMATS))
def test_export_all_bookmarks_in_every_format(
    panel: BookmarksPanel, kept: list[Bookmark], tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"all{FILE_FORMATS[fmt].suffix}"
    assert panel.export_to(out, fmt, "all") == 3
    text = out.read_text(encoding="utf-8")
    assert "Ciliga" in text  # the note travels in every format
    assert all(b.passage_id in text for b in kept)
    assert f"Exported 3 bookmarks to {out}." == panel.message.text()


def test_export_the_shown_and_the_selected_bookmarks(
    panel: BookmarksPanel, kept: list[Bookmark], tmp_path: Path
) -> None:
    panel.tag_box.setCurrentIndex(panel.tag_box.findData("vorkuta"))
    shown = tmp_path / "shown.csv"
    assert panel.export_to(shown, "csv", "shown") == 1
    rows = list(csv.DictReader(io.StringIO(shown.read_text(encoding="utf-8"), newline="")))
    assert [r["passage_id"] for r in rows] == ["lituanus-2005.p046"] and rows[0]["note"] == "On the commission"
    panel.tag_box.setCurrentIndex(0)
    panel.select(kept[0].id)
    panel.select(kept[2].id, clear=False)
    chosen = tmp_path / "chosen.bib"
    assert panel.export_to(chosen, "bibtex", "selected") == 2
    library = bibtexparser.parse_string(chosen.read_text(encoding="utf-8"))
    assert len(library.entries) == 2 and not library.failed_blocks
    panel.view.clearSelection()
    assert panel.export_to(tmp_path / "none.ris", "ris", "selected") == 0
    assert panel.message.text() == "Select bookmarks to export."
    assert not (tmp_path / "none.ris").exists()


def test_a_csl_json_export_carries_quote_note_and_content_note(
    panel: BookmarksPanel, store: Store, kept: list[Bookmark], tmp_path: Path
) -> None:
    out = tmp_path / "zotero.json"
    panel.export_to(out, "csl-json", "all")
    items = json.loads(out.read_text(encoding="utf-8"))
    text = json.dumps(items, ensure_ascii=False)
    assert Library(store).passage("russia-pictures.p042").content_note[:40] in text
    assert kept[0].quote.exact in text and "Ciliga's *reports*" in text


def test_import_brings_bookmarks_back_without_doubling_them(
    panel: BookmarksPanel, kept: list[Bookmark], tmp_path: Path
) -> None:
    out = tmp_path / "mine.jsonld"
    panel.export_to(out, "jsonld", "all")
    panel.select(kept[0].id)
    panel.select(kept[1].id, clear=False)
    panel.delete_selected()
    assert panel.model.rowCount() == 1
    report = panel.import_from(out)
    assert report is not None and (report.added, report.updated, report.unchanged) == (0, 2, 1)
    assert (
        panel.model.rowCount() == 3
        and "Imported mine.jsonld: 0 new, 2 updated, 1 already here." in panel.message.text()
    )
    again = panel.import_from(out)
    assert again is not None and (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert panel.model.rowCount() == 3


def test_importing_a_file_that_is_not_an_export_says_so(panel: BookmarksPanel, tmp_path: Path) -> None:
    broken = tmp_path / "photo.json"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not text")
    assert panel.import_from(broken) is None
    assert "is not a text file" in panel.message.text()
    assert panel.import_from(tmp_path / "missing.csv") is None
    assert "cannot be read" in panel.message.text()
