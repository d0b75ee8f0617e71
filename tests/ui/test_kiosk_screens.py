"""The kiosk on the screens museums use: portrait 1080x1920, landscape 1920x1080 and a small 1366x768.

What is checked is what a visitor sees: every shown control inside the screen, none overlapping its
neighbours, no words cut, everything to touch at least 52 px, a visitor's words (no ids, no
researcher's jargon), and the compare view opened at the visitor's passage with most of the
screen for text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from gulagreader.core.library import Library
from gulagreader.core.store import Store
from gulagreader.ui.kiosk.home import KioskTimelineDelegate
from gulagreader.ui.kiosk.style import LEAST_TOUCH
from gulagreader.ui.kiosk.visit import COMPARE_PAGE, READ_PAGE, Visit
from gulagreader.ui.kiosk.window import KioskWindow
from gulagreader.ui.roles import HTML_ROLE
from tests.ui.kiosk_support import kiosk_window, visit_of

SCREENS = [(1080, 1920), (1920, 1080), (1366, 768)]
JARGON = re.compile(r"reprint|collat|provenance|figures|names \(|↗|\b[a-z]+-\d{4}\.[a-z]\d+\b", re.IGNORECASE)


@pytest.fixture(params=SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def screen(request: pytest.FixtureRequest) -> QRect:
    width, height = request.param
    return QRect(0, 0, width, height)


@contextmanager
def _kiosk(qtbot: QtBot, store: Store, screen: QRect, **settings: object) -> Iterator[KioskWindow]:
    with kiosk_window(qtbot, store, attract_screen=False, **settings) as kiosk:
        kiosk.fit(screen)
        qtbot.waitUntil(lambda: kiosk.size() == screen.size() and visit_of(kiosk).size().width() == screen.width())
        qtbot.wait(100)  # the new type size's layout requests are posted events
        yield kiosk


def _shown(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisible() and w.width() > 0 and w.height() > 0]


def _on_screen(kiosk: KioskWindow, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(kiosk, QPoint(0, 0)), widget.size())


def _check_visible(kiosk: KioskWindow, root: QWidget) -> None:
    """Inside the screen, text not cut, touch targets >= 52 px, bar items not overlapping."""
    QTest.qWait(150)  # layout requests after a change of text or type size are posted events
    screen = kiosk.rect()
    for w in _shown(root):
        rect = _on_screen(kiosk, w)
        if isinstance(w, (QAbstractButton, QLineEdit, QComboBox, QLabel)):
            assert screen.contains(rect), f"{type(w).__name__} {w.objectName()!r} {rect} outside {screen}"
        if isinstance(w, (QAbstractButton, QComboBox, QLineEdit)):
            assert w.height() >= LEAST_TOUCH, f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r} {w.height()} px"
        if isinstance(w, QAbstractButton) and w.text():
            needed = w.fontMetrics().horizontalAdvance(w.text().replace("&&", "&"))
            assert needed <= w.width(), f"button {w.text()!r} cut: {needed} > {w.width()}"
        if isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.textFormat() != Qt.TextFormat.RichText:
            widest = max(w.fontMetrics().horizontalAdvance(line) for line in w.text().split("\n"))
            assert widest <= w.contentsRect().width(), f"label {w.text()!r} cut: {widest} > {w.width()}"
        if isinstance(w, QComboBox):
            needed = w.fontMetrics().horizontalAdvance(w.currentText())
            assert needed <= w.width() - LEAST_TOUCH, f"combo {w.currentText()!r} cut"


def _words(root: QWidget) -> list[str]:
    out: list[str] = []
    for w in _shown(root):
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(w.text())
        if isinstance(w, QWidget) and w.accessibleName():
            out.append(w.accessibleName())
    return out


def test_home_fits_the_screen_and_typing_reaches_the_search(qtbot: QtBot, store: Store, screen: QRect) -> None:
    with _kiosk(qtbot, store, screen) as kiosk:
        visit = visit_of(kiosk)
        assert visit.portrait == (screen.height() > screen.width())
        assert visit.search_field.hasFocus()
        _check_visible(kiosk, kiosk)
        bar = [b for b in _shown(visit.bar) if isinstance(b, (QAbstractButton, QLineEdit))]
        for i, a in enumerate(bar):
            for b in bar[i + 1 :]:
                assert not _on_screen(kiosk, a).intersects(_on_screen(kiosk, b)), (a, b)
        assert visit.search_field.width() >= screen.width() // 4  # not squeezed to "S…"
        assert not [t for t in _words(kiosk) if JARGON.search(t)]
        timeline = visit.home.timeline
        delegate = timeline.list.itemDelegate()
        assert isinstance(delegate, KioskTimelineDelegate) and delegate.stacked == visit.portrait
        width = timeline.list.viewport().width()
        bold = QFont(timeline.list.font())
        bold.setBold(True)
        for row in range(timeline.model.rowCount()):
            event = timeline.model.event_at(row)
            titles, details = delegate.drawn_lines(width, event)
            lines = titles + details
            assert " ".join(titles) == event.title  # the whole title, in lines that fit
            assert max(QFontMetrics(bold).horizontalAdvance(line) for line in titles) <= width
            assert max(QFontMetrics(timeline.list.font()).horizontalAdvance(line) for line in details) <= width
            rect = timeline.list.visualRect(timeline.model.index(row, 0))
            needed = (len(lines) + delegate.stacked) * QFontMetrics(timeline.list.font()).height()
            assert rect.height() >= needed
        axis = timeline.axis_heading
        assert axis.isVisible() and _on_screen(kiosk, axis).right() <= screen.width()
        visit.home.timeline.list.setFocus()  # the focus elsewhere (or nowhere): typing still searches
        QTest.keyClicks(visit.home.timeline.list, "kengir")
        assert visit.search_field.text() == "kengir" and visit.search_field.hasFocus()
        qtbot.waitUntil(lambda: visit.shown_query == "kengir")
        assert visit.page == READ_PAGE


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform, opening a popup
def test_reading_fits_and_speaks_a_visitors_words(qtbot: QtBot, store: Store, screen: QRect) -> None:
    with _kiosk(qtbot, store, screen) as kiosk:
        visit = visit_of(kiosk)
        visit.search_for("Vorkuta strike")
        qtbot.waitUntil(lambda: visit.reader.source is not None)  # the best passage opens by itself
        qtbot.waitUntil(lambda: visit.panel.count_label.text() != "")
        assert visit.panel.count_label.text().endswith("found")
        visit.keep_current()
        _check_visible(kiosk, kiosk)
        reader = _on_screen(kiosk, visit.reader)
        assert reader.height() >= screen.height() // 3 and reader.width() >= screen.width() // 2
        words = [t for t in _words(kiosk) if JARGON.search(t)]
        assert not words, words
        model = visit.panel.results_model  # the rows are painted from rich text _words does not read
        rows = [str(model.index(r, 0).data(HTML_ROLE)) for r in range(model.rowCount())]
        kinds = [r for r in rows if re.search(r"· (note|heading|caption|bibliography|byline|quote|verse)\b", r)]
        assert rows and not kinds and not any(JARGON.search(r) for r in rows), kinds
        assert not visit.panel.filter_bar.exact_box.isVisible()
        box = visit.panel.filter_bar.sort_box
        box.showPopup()
        view = box.view()
        qtbot.waitUntil(view.isVisible)
        for row in range(box.count()):
            rect = view.visualRect(box.model().index(row, 0))
            assert rect.height() >= LEAST_TOUCH
        popup = QRect(view.mapToGlobal(QPoint(0, 0)), view.size())
        assert kiosk.geometry().contains(popup)
        box.hidePopup()


def test_the_on_screen_keyboard_fits_every_key(qtbot: QtBot, store: Store, screen: QRect) -> None:
    with _kiosk(qtbot, store, screen) as kiosk:
        kiosk.keyboard.show()
        qtbot.waitUntil(lambda: kiosk.keyboard.height() > 0)
        keys = [k for k in kiosk.keyboard.findChildren(QAbstractButton) if k.isVisible()]
        assert len(keys) >= 45
        _check_visible(kiosk, kiosk.keyboard)
        assert kiosk.rect().contains(_on_screen(kiosk, kiosk.keyboard.shift_key))
        assert _on_screen(kiosk, visit_of(kiosk).search_field).bottom() < _on_screen(kiosk, kiosk.keyboard).top()


def test_compare_opens_at_the_visitors_passage_with_most_of_the_screen_for_text(
    qtbot: QtBot, store: Store, screen: QRect
) -> None:
    with _kiosk(qtbot, store, screen) as kiosk:
        visit = visit_of(kiosk)
        visit.open_passage("lituanus-2005.p031")
        visit.compare_current()
        assert visit.page == COMPARE_PAGE and visit.compare_view is not None
        view = visit.compare_view
        qtbot.waitUntil(lambda: all(c.text.height() > 100 for c in view.columns))
        assert view.accounts[0] == "lituanus-2005"  # the visitor's own account first
        assert 2 <= len(view.columns) <= (2 if visit.portrait else 3)
        qtbot.waitUntil(lambda: len({_on_screen(kiosk, c.text).top() for c in view.columns}) == 1)  # lined up
        texts = [_on_screen(kiosk, c.text) for c in view.columns]
        assert all(t.height() >= screen.height() // 2 for t in texts), texts
        assert sum(t.width() for t in texts) >= screen.width() * 0.8
        assert not any(a.intersects(b) for i, a in enumerate(texts) for b in texts[i + 1 :])
        own = view.columns[0].text
        passage = " ".join(Library(store).passage("lituanus-2005.p031").text.split()[:6])

        def shown() -> bool:
            doc = own.document()
            found = doc.find(passage)
            if found.isNull():
                return False
            top = own.cursorForPosition(QPoint(5, 5)).position()
            bottom = own.cursorForPosition(QPoint(5, own.viewport().height() - 5)).position()
            return top <= found.position() <= bottom

        qtbot.waitUntil(shown)
        _check_visible(kiosk, kiosk)
        html = "".join(c.text.toPlainText() for c in view.columns)
        assert not JARGON.search(html) or not re.search(r"\b[a-z]+-\d{4}\.[a-z]\d+\b", html)
        assert not [t for t in _words(kiosk) if JARGON.search(t)]


def test_a_new_search_closes_the_old_passage(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store, attract_screen=False) as kiosk:
        visit = visit_of(kiosk)
        visit.home.suggestions.buttons[0].click()
        qtbot.waitUntil(lambda: visit.reader.source is not None and visit.keep_button.isEnabled())
        visit.keep_current()
        assert "Kept" in visit.status.text()
        visit.search_field.selectAll()
        QTest.keyClicks(visit.search_field, "Norilsk")
        assert visit.status.text() == "" and not visit.keep_button.isEnabled()
        assert "Touch a passage" in visit.reader.page.toPlainText()
        qtbot.waitUntil(lambda: visit.shown_query == "Norilsk")
        assert not visit.keep_button.isEnabled()  # typing shows results; the visitor chooses what to read


def _swallowed_inputs(kiosk: KioskWindow, visit: Visit) -> list[tuple[str, Callable[[], None]]]:
    handle = kiosk.windowHandle()
    assert handle is not None
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    return [
        ("right click", lambda: QTest.mouseClick(visit.home.timeline.list.viewport(), Qt.MouseButton.RightButton)),
        ("Menu key, at the window", lambda: QTest.keyClick(handle, Qt.Key.Key_Menu)),
        ("Shift+F10", lambda: QTest.keyClick(visit.search_field, Qt.Key.Key_F10, shift)),
        ("Ctrl+W", lambda: QTest.keyClick(visit.search_field, Qt.Key.Key_W, ctrl)),
        ("Ctrl+Q, at the window", lambda: QTest.keyClick(handle, Qt.Key.Key_Q, ctrl)),
        ("the pointer moved", lambda: QTest.mouseMove(visit.home.timeline.list.viewport(), QPoint(30, 30))),
    ]


def test_every_input_counts_as_activity_even_what_the_kiosk_swallows(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store, attract_screen=False) as kiosk:
        visit = visit_of(kiosk)
        assert not kiosk.idle.running
        swallowed = kiosk.lockdown.swallowed
        for what, send in _swallowed_inputs(kiosk, visit):
            kiosk.idle.rest()
            before = kiosk.idle.inputs
            send()
            assert kiosk.idle.inputs > before and kiosk.idle.running, f"{what} did not count as activity"
        assert kiosk.lockdown.swallowed >= swallowed + 3  # they were swallowed, and counted all the same
        assert kiosk.locked and kiosk.isVisible()


def test_after_the_reset_an_attract_screen_shows_quotations_until_touched(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store, attract_seconds=3) as kiosk:
        attract = kiosk.attract
        assert attract is not None and not attract.isVisible()  # the first visit begins at the start screen
        kiosk.end_visit()
        assert attract.isVisible() and attract.geometry() == kiosk.rect() and attract.shown is not None
        first = attract.shown
        assert first.text in attract.quote.text() and first.source_title in attract.where.text()
        assert "Touch to begin" in attract.touch.text()
        with qtbot.waitSignal(attract.timer.timeout, timeout=5000):
            pass
        assert attract.shown is not first
        QTest.keyClick(kiosk.windowHandle(), Qt.Key.Key_N)  # a key begins the visit, and is typed
        assert not attract.isVisible() and visit_of(kiosk).search_field.text() == "n"
        kiosk.end_visit()
        qtbot.mouseClick(attract, Qt.MouseButton.LeftButton)
        assert not attract.isVisible() and visit_of(kiosk).search_field.hasFocus()


def test_the_site_may_turn_the_attract_screen_off(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store, attract_screen=False) as kiosk:
        kiosk.end_visit()
        assert kiosk.attract is None
        qtbot.waitUntil(visit_of(kiosk).isVisible)
