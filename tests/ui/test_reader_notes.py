"""Footnote markers show their note when pointed at or clicked; a content note stands above its caption."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from gulagreader.ui.main_window import MainWindow


def _marker_point(window: MainWindow, href: str) -> QPoint:
    """Where on the reader's page the footnote marker linking to `href` is drawn."""
    page = window.reader.page
    block = page.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(page.document())
                cursor.setPosition(fragment.position())
                page.setTextCursor(cursor)
                page.ensureCursorVisible()
                start = page.cursorRect(cursor)
                cursor.setPosition(fragment.position() + fragment.length())
                end = page.cursorRect(cursor)
                return QPoint((start.left() + end.left()) // 2, start.center().y())  # the marker's middle
            it += 1
        block = block.next()
    raise AssertionError(f"no marker links to {href}")


def test_a_footnote_marker_shows_its_note_on_hover_and_on_click(qtbot: QtBot, window: MainWindow) -> None:
    window.open_passage("lituanus-2005.p032")
    href = "note:lituanus-2005.n01"
    point = _marker_point(window, href)
    viewport = window.reader.page.viewport()
    QToolTip.hideText()
    # the pointer moving onto the marker (a move event as the window system sends it, no button held)
    local = QPointF(point)
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        local,
        QPointF(viewport.mapToGlobal(point)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, move)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text().startswith("1. Yevheny Hrytsiak")
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    window.statusBar().clearMessage()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text().startswith("1. Yevheny Hrytsiak")
    assert window.statusBar().currentMessage().startswith("Note 1. Yevheny Hrytsiak")


def test_the_content_note_stands_as_a_banner_just_above_the_flagged_caption(window: MainWindow) -> None:
    window.open_passage("russia-pictures.p070")
    text = window.reader.page.toPlainText()
    banner = text.index("Content note: Our note: this caption repeats an antisemitic conspiracy claim")
    caption = text.index("[image not in corpus] The Jewish (Ashkenazi Khazar Zionists) Bolshevik Revolution Leaders")
    between = text[banner:caption]
    assert caption - banner > 0 and "[image not in corpus]" not in between  # no other caption between them
    assert "It is kept as part of the record of this compilation; it is not endorsed." in between
    assert window.reader.current_passage() == "russia-pictures.p070"
