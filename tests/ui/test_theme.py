"""Light and dark follow the system palette: every text reads on its background (WCAG AA), no pixel fonts."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from gulagreader.core.search import SearchService
from gulagreader.ui.main_window import MainWindow
from gulagreader.ui.roles import HTML_ROLE
from gulagreader.ui.search.concordance_view import MATCH, PASSAGE
from gulagreader.ui.theme import MIN_CONTRAST, contrast, theme_for
from tests.ui.conftest import type_query

_DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#262626",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#333333",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    QPalette.ColorRole.Link: "#8ab4f8",
}


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture(params=["light", "dark"])
def palette(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    if request.param == "dark":
        app.setPalette(_dark_palette())
    yield request.param
    app.setPalette(before)


@pytest.fixture
def dark() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    app.setPalette(_dark_palette())
    yield
    app.setPalette(before)


def _background(fmt_brush: object, *fallbacks: object) -> QColor | None:
    for brush in (fmt_brush, *fallbacks):
        if brush is not None and brush.style() != Qt.BrushStyle.NoBrush:  # type: ignore[attr-defined]
            return QColor(brush.color())  # type: ignore[attr-defined]
    return None


def _hard_to_read(doc: QTextDocument, palette: QPalette) -> list[str]:
    """Runs of text whose colour is too close to the colour behind them."""
    base, ink = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    bad = []
    block = doc.begin()
    while block.isValid():
        cursor = QTextCursor(block)
        table = cursor.currentTable()
        cell = table.cellAt(cursor).format().background() if table else None
        frame = cursor.currentFrame().frameFormat().background()
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            fg = fmt.foreground().color() if fmt.foreground().style() != Qt.BrushStyle.NoBrush else ink
            bg = _background(fmt.background(), block.blockFormat().background(), cell, frame) or base
            if fragment.text().strip() and contrast(fg, bg) < MIN_CONTRAST:
                bad.append(f"{fragment.text()[:30]!r}: {fg.name()} on {bg.name()}")
            it += 1
        block = block.next()
    return bad


def test_every_text_reads_on_its_background(
    qtbot: QtBot, window: MainWindow, search: SearchService, palette: str
) -> None:
    qtbot.waitUntil(lambda: window.panel._theme.dark == (palette == "dark"))
    qpalette = window.palette()
    assert theme_for(qpalette).dark == (palette == "dark")
    assert not _hard_to_read(window.panel.home.document(), qpalette)
    assert not _hard_to_read(window.reader.page.document(), qpalette)  # the welcome page
    type_query(qtbot, window, "Derevyanko")
    window.open_passage("lituanus-2005.p032")
    window.source_dock.show()
    assert not _hard_to_read(window.reader.page.document(), qpalette)  # banners, matches, notes, captions
    assert not _hard_to_read(window.source_panel.document(), qpalette)
    theme = theme_for(qpalette)
    selection = window.reader.page.extraSelections()[0]
    current = selection.format
    assert contrast(current.foreground().color(), current.background().color()) >= MIN_CONTRAST
    for row in range(window.panel.results_model.rowCount()):
        doc = QTextDocument()
        doc.setHtml(window.panel.results_model.index(row, 0).data(HTML_ROLE))
        assert not _hard_to_read(doc, qpalette), row
        for behind in (theme.selected, theme.hover):
            assert not _hard_to_read(doc, _with_base(qpalette, behind)), (row, behind)
    window.show_guide()
    window.show_about()
    help_text = window._help.text if window._help else None
    assert help_text is not None and not _hard_to_read(help_text.document(), qpalette)
    window._help.close()  # type: ignore[union-attr]
    window.panel.show_concordance_tab()
    model = window.panel.concordance.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    base = qpalette.color(QPalette.ColorRole.Base)
    for col in (PASSAGE, MATCH):
        assert contrast(model.index(0, col).data(Qt.ItemDataRole.ForegroundRole), base) >= MIN_CONTRAST


def _with_base(palette: QPalette, colour: str) -> QPalette:
    changed = QPalette(palette)
    changed.setColor(QPalette.ColorRole.Base, QColor(colour))
    return changed


def test_no_colour_of_the_light_theme_is_left_in_dark_mode(qtbot: QtBot, window: MainWindow, dark: None) -> None:
    qtbot.waitUntil(lambda: window.panel._theme.dark)
    light = theme_for(QPalette(QColor("#efefef"), QColor("#ffffff")))
    window.open_passage("lituanus-2005.p032")
    html = window.panel.home.toHtml() + window.reader.page.toHtml() + window.source_panel.toHtml()
    for name in ("muted", "accent", "banner", "note_banner", "focus"):
        assert getattr(light, name) not in html, name


def test_fonts_are_sized_in_points_not_pixels(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "Kengir")
    window.open_passage(window.panel.results_model.hit(0).passage_id)
    for widget in window.findChildren(QWidget):
        assert widget.font().pixelSize() == -1, widget
    html = (
        window.panel.home.toHtml()
        + window.reader.page.toHtml()
        + window.panel.results_model.index(0, 0).data(HTML_ROLE)
    )
    assert not re.search(r"font-size:\s*\d+px", html)
