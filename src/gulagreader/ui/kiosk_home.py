"""The kiosk's home screen: a line of welcome, a few suggested searches, and the events timeline."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QScroller, QSizePolicy, QVBoxLayout, QWidget

from gulagreader.core.search import SearchService
from gulagreader.core.store import Store
from gulagreader.ui.compare_view import CompareView
from gulagreader.ui.events_view import EventsView

WELCOME = (
    "Strikes, risings and hunger strikes in the Soviet camps, in the words of those who were there and of those "
    "who wrote about them. Search the accounts, or choose an event below to read its accounts side by side."
)


class KioskTimeline(EventsView):
    """The events timeline; choosing an event only says so (the kiosk opens it in its own window)."""

    def open_event(self, event_id: str) -> CompareView | None:
        self.event_chosen.emit(event_id)
        return None


class Suggestions(QWidget):
    """Buttons for the suggested searches, wrapped onto as many lines as the width needs.

    Signals:
        chosen(str): the visitor touched a suggestion.
    """

    chosen = Signal(str)

    def __init__(self, queries: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: list[QPushButton] = []
        for query in queries:
            button = QPushButton(query, self)
            button.setObjectName("suggestion")
            button.setAccessibleName(f"Search for {query}")
            button.clicked.connect(lambda _=False, q=query: self.chosen.emit(q))
            self.buttons.append(button)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _place(self, width: int, move: bool) -> int:
        x = y = row_height = 0
        gap = 12
        for button in self.buttons:
            hint = button.sizeHint()
            if x and x + hint.width() > width:
                x, y = 0, y + row_height + gap
                row_height = 0
            if move:
                button.setGeometry(QRect(x, y, hint.width(), hint.height()))
            x += hint.width() + gap
            row_height = max(row_height, hint.height())
        return y + row_height

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(width, move=False)

    def sizeHint(self) -> QSize:
        return QSize(600, self.heightForWidth(600))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place(self.width(), move=True)


class KioskHome(QWidget):
    """Welcome, suggested searches and the timeline.

    Signals:
        search_requested(str): run this query.
        event_chosen(str): open this event's accounts side by side.
    """

    search_requested = Signal(str)
    event_chosen = Signal(str)

    def __init__(
        self, store: Store, search: SearchService, suggestions: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPage")
        welcome = QLabel(WELCOME, self, wordWrap=True)
        welcome.setObjectName("pageNote")
        self.suggestions = Suggestions(suggestions, self)
        self.suggestions.chosen.connect(self.search_requested)
        try_label = QLabel("Try a search", self)
        try_label.setObjectName("pageHeading")
        self.timeline = KioskTimeline(store, self, search)
        self.timeline.event_chosen.connect(self.event_chosen)
        QScroller.grabGesture(self.timeline.list.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 8)
        layout.setSpacing(12)
        layout.addWidget(welcome)
        if suggestions:
            layout.addWidget(try_label)
            layout.addWidget(self.suggestions)
        else:
            try_label.hide()
            self.suggestions.hide()
        layout.addSpacing(8)
        layout.addWidget(self.timeline, 1)
