"""Text from a query or from the user is shown as text: markup in it is never rendered.

A QLabel left at Qt's AutoText renders anything that looks like HTML: `year:<h1>INJECTED</h1>` drew a
heading and a table in the message line. These tests feed markup through every way in (queries,
filters, notes, tags, saved searches) and then scan every QLabel and QTextBrowser of the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # Qt.mightBeRichText lives in QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from gulagreader.core.bookmarks.model import SavedSearch, new_id, now
from gulagreader.core.store import Store
from gulagreader.ui.main_window import MainWindow
from tests.ui.conftest import type_query
from tests.ui.kiosk_support import kiosk_window, visit_of

MARKUP = "<h1>INJECTED</h1><table><tr><td>cell</td></tr></table>"
QUERIES = [f"year:{MARKUP}", f"source:{MARKUP} strike", f"Vorkuta {MARKUP}", f"author:{MARKUP}", f'"{MARKUP}"']


def shown_text(widget: QLabel | QTextBrowser) -> str:
    """What the widget draws, as text."""
    if isinstance(widget, QTextBrowser):
        return widget.toPlainText()
    text = widget.text()
    rich = widget.textFormat() == Qt.TextFormat.RichText or (
        widget.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def rendered_markup(root: QWidget) -> list[str]:
    """Widgets under `root` that show INJECTED without the tags around it: the markup was rendered."""
    found = []
    for widget in [*root.findChildren(QLabel), *root.findChildren(QTextBrowser)]:
        shown = shown_text(widget)
        if "INJECTED" in shown and "<h1>INJECTED</h1>" not in shown:
            found.append(f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}: {shown[:80]!r}")
    return found


def test_markup_in_queries_filters_notes_and_tags_is_shown_as_text(qtbot: QtBot, window: MainWindow) -> None:
    seen_in_message = False
    for query in QUERIES:
        type_query(qtbot, window, query)
        assert rendered_markup(window) == [], query
        seen_in_message |= "<h1>INJECTED</h1>" in window.panel.message_label.text()
    assert seen_in_message  # the message line does quote the query back, as text
    window.open_passage("isr-1963.p012")
    actions = window.bookmark_actions
    service = actions.service
    assert service is not None
    service.add("isr-1963.p012", None, None, note=MARKUP, tags=[MARKUP])
    service.db.save_search(SavedSearch(new_id(), MARKUP, MARKUP, {}, now()))
    actions.toggle_panel()
    qtbot.waitUntil(lambda: actions.panel is not None and actions.panel.isVisible())
    assert actions.panel is not None
    actions.panel.say(f"Imported {MARKUP}")
    actions.show_searches()
    assert rendered_markup(window) == []


def test_the_kiosk_shows_markup_in_a_query_as_text(qtbot: QtBot, store: Store) -> None:
    with kiosk_window(qtbot, store) as kiosk:
        visit = visit_of(kiosk)
        for query in QUERIES:
            visit.search_for(query)
            qtbot.waitUntil(lambda q=query: visit.shown_query == q)
            assert rendered_markup(kiosk) == [], query
