"""The export and import dialogs offer the formats of the one table of bookmark file formats."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from gulagreader.core.bookmarks.exports import DEFAULT_FORMAT, FILE_FORMATS
from gulagreader.ui.bookmarks.files import ask_export_path, ask_import_path


def _when_shown(act: Callable[[QFileDialog], None], seen: list[tuple[list[str], str]]) -> None:
    """Once the file dialog is up, note its filters and the chosen one, then `act` on it."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(10, look)
            return
        seen.append((dialog.nameFilters(), dialog.selectedNameFilter()))
        act(dialog)

    QTimer.singleShot(0, look)


def test_the_export_dialog_offers_every_format_and_the_chosen_one_decides(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    names = [f"{f.label} (*{f.suffix})" for f in FILE_FORMATS.values()]
    seen: list[tuple[list[str], str]] = []

    def save_as_ris(dialog: QFileDialog) -> None:
        dialog.selectNameFilter(names[list(FILE_FORMATS).index("ris")])
        dialog.selectFile(str(tmp_path / "mine"))
        dialog.accept()

    _when_shown(save_as_ris, seen)
    assert ask_export_path(parent) == (tmp_path / "mine.ris", "ris")  # the suffix comes with the format
    assert seen == [(names, f"{FILE_FORMATS[DEFAULT_FORMAT].label} (*.json)")]
    assert "RIS (imports back) (*.ris)" in names and len(names) == len(FILE_FORMATS)

    _when_shown(lambda dialog: dialog.reject(), seen)
    assert ask_export_path(parent) is None


def test_the_import_dialog_offers_the_formats_that_import_back(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    (tmp_path / "theirs.ris").write_text("TY  - GEN\r\nER  - \r\n", encoding="utf-8")
    seen: list[tuple[list[str], str]] = []

    def open_theirs(dialog: QFileDialog) -> None:
        dialog.selectFile(str(tmp_path / "theirs.ris"))
        dialog.accept()

    _when_shown(open_theirs, seen)
    assert ask_import_path(parent) == tmp_path / "theirs.ris"
    offered = seen[0][0][0]
    assert offered == "Bookmarks and annotations (*.csv *.bib *.ris *.json *.jsonld)"
    assert seen[0][0][1] == "All files (*)"
