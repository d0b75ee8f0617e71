"""Idle reset: after a while without input a countdown, then the visit is forgotten and the start comes back."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gulagreader.core.search_filters import SearchFilters
from gulagreader.core.store import Store
from gulagreader.ui.kiosk.visit import COMPARE_PAGE, HOME_PAGE, READ_PAGE
from tests.ui.kiosk_support import kiosk_window, visit_of

QUICK = {"idle_minutes": 0.01, "countdown_seconds": 1}  # 0.6 s of quiet, then a one-second countdown


def test_after_the_countdown_everything_the_visitor_did_is_gone(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store, **QUICK) as kiosk:
        visit = visit_of(kiosk)
        assert not kiosk.idle.running  # nobody has touched it yet
        visit.search_field.setFocus()
        qtbot.keyClicks(visit.search_field, "Vorkuta strike")  # input: the idle clock starts
        assert kiosk.idle.running
        qtbot.waitUntil(lambda: visit.shown_query == "Vorkuta strike")
        visit.panel.filter_bar.genre_box.setCurrentIndex(1)
        qtbot.waitUntil(lambda: visit.panel.shown_filters is not None and visit.panel.shown_filters.genre != "")
        visit.open_passage("lituanus-2005.p031")
        visit.keep_current()
        qtbot.keyClick(visit.search_field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(visit.search_field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.clipboard().text() == "Vorkuta strike"
        visit.larger()
        visit.compare_current()
        assert visit.page == COMPARE_PAGE and visit.compare_view is not None and visit.kept
        old_compare = visit.compare_view
        with qtbot.waitSignal(kiosk.idle.countdown_started, timeout=5000):
            pass
        assert kiosk.countdown.isVisible() and "second" in kiosk.countdown.seconds.text()
        with qtbot.waitSignal(kiosk.visit_ended, timeout=5000):
            pass
        fresh = visit_of(kiosk)
        assert fresh is not visit and kiosk.visits == 1
        assert not kiosk.countdown.isVisible()
        assert fresh.page == HOME_PAGE and fresh.search_field.text() == "" and fresh.shown_query == ""
        assert fresh.panel.filter_bar.filters() == SearchFilters()
        assert fresh.kept == [] and fresh.passages_page.shown == [] and fresh.compare_view is None
        assert fresh.reader.source is None and fresh.size_step == 0
        assert QApplication.clipboard().text() == ""
        qtbot.waitUntil(lambda: not shiboken6.isValid(old_compare) and not shiboken6.isValid(visit))
        assert not kiosk.idle.running  # the next visit's clock starts with its first touch


def test_a_touch_during_the_countdown_carries_on_the_visit(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store, **QUICK) as kiosk:
        visit = visit_of(kiosk)
        visit.search_field.setFocus()
        qtbot.keyClicks(visit.search_field, "Norilsk")
        with qtbot.waitSignal(kiosk.idle.countdown_started, timeout=5000):
            pass
        with qtbot.waitSignal(kiosk.idle.resumed, timeout=1000):
            qtbot.mouseClick(kiosk.countdown, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
        assert not kiosk.countdown.isVisible()
        assert visit_of(kiosk) is visit and visit.search_field.text() == "Norilsk" and visit.page == READ_PAGE
        assert kiosk.visits == 0 and kiosk.idle.running
