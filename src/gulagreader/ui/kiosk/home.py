"""The kiosk's home screen: a line of welcome, a few suggested searches, and the events timeline."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QPushButton,
    QScroller,
    QSizePolicy,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.compare import EventSummary
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store
from gulagreader.ui.compare.view import CompareView
from gulagreader.ui.events.view import EVENT_ROLE, EventsView, TimelineDelegate, _gridlines, describe
from gulagreader.ui.row_paint import paint_ground

_PAD = 12
_WORDS_SHARE = 0.5  # of a landscape row's width, for the title and details

WELCOME = (
    "Strikes, risings and hunger strikes in the Soviet camps, in the words of those who were there and of those "
    "who wrote about them. Search the accounts, or choose an event below to read its accounts side by side."
)


class KioskTimelineDelegate(TimelineDelegate):
    """An event's row with its title and details wrapped, never cut to a few words.

    `stacked` (a portrait screen): the title and details across the whole width and the timeline
    below them, as wide as the row. Otherwise the words take the left half and the timeline the
    right, as on the desk, the row as tall as its words need.
    """

    def __init__(self, view: QListView, stacked: bool) -> None:
        super().__init__(view)
        self.stacked = stacked

    def axis_of(self, row: QRect) -> QRect:
        if self.stacked:
            return QRect(row.left() + _PAD, row.top(), row.width() - 2 * _PAD, row.height())
        left = row.left() + int(row.width() * _WORDS_SHARE)
        return QRect(left, row.top(), row.right() - left - _PAD, row.height())

    def _words_width(self, row_width: int) -> int:
        return row_width - 2 * _PAD if self.stacked else int(row_width * _WORDS_SHARE) - 2 * _PAD

    def _lines(self, row_width: int, event: EventSummary) -> tuple[list[str], list[str]]:
        font = QFont(self._view.font())
        bold = QFont(font)
        bold.setBold(True)
        width = self._words_width(row_width)
        return _wrap(event.title, QFontMetrics(bold), width), _wrap(describe(event), QFontMetrics(font), width)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        event = index.data(EVENT_ROLE)
        height = QFontMetrics(self._view.font()).height()
        width = self._view.viewport().width()
        lines = sum(map(len, self._lines(width, event))) if isinstance(event, EventSummary) else 2
        return QSize(width, (lines + self.stacked) * height + (3 if self.stacked else 2) * _PAD)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        event = index.data(EVENT_ROLE)
        if not isinstance(event, EventSummary):
            return
        t, rect = self._theme, option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_ground(painter, option, t, hover=False)  # a touch screen has no pointer to hover
        font = QFont(self._view.font())
        bold = QFont(font)
        bold.setBold(True)
        metrics = QFontMetrics(font)
        titles, details = self._lines(rect.width(), event)
        y = rect.top() + _PAD
        for lines, face, colour in ((titles, bold, t.ink), (details, font, t.muted)):
            painter.setFont(face)
            painter.setPen(QColor(colour))
            for line in lines:
                painter.drawText(rect.left() + _PAD, y + metrics.ascent(), line)
                y += metrics.height()
        painter.setFont(font)
        if self.stacked:
            axis = self.axis_of(QRect(rect.left(), y + _PAD // 2, rect.width(), metrics.height()))
        else:
            axis = self.axis_of(rect)
        _gridlines(painter, axis, t)
        self._span(painter, event, axis, metrics, t)
        painter.restore()

    def drawn_lines(self, row_width: int, event: EventSummary) -> tuple[list[str], list[str]]:
        """The title's and the details' lines a row of this width shows (for tests: nothing is cut)."""
        return self._lines(row_width, event)


def _wrap(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """`text` broken into lines at spaces, each at most `width` pixels wide (a long word stands alone)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and metrics.horizontalAdvance(trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines or [""]


class KioskTimeline(EventsView):
    """The events timeline; choosing an event only says so (the kiosk opens it in its own window).

    No 'only events told by more than one account' filter: a visitor chooses from the whole timeline.
    On a portrait screen each row is stacked (`arrange`).
    """

    def __init__(self, store: Store, parent: QWidget | None = None, search: SearchService | None = None) -> None:
        super().__init__(store, parent, search)
        self.several_box.hide()
        for heading in self.findChildren(QLabel, "eventsHeading"):
            heading.setObjectName("pageHeading")  # the kiosk's own heading style, not the desk's 16 pt
        self.wide_delegate = KioskTimelineDelegate(self.list, stacked=False)
        self.stacked_delegate = KioskTimelineDelegate(self.list, stacked=True)
        for delegate in (self.wide_delegate, self.stacked_delegate):
            delegate.set_theme(self._theme)

    def arrange(self, portrait: bool) -> None:
        delegate = self.stacked_delegate if portrait else self.wide_delegate
        if self.list.itemDelegate() is not delegate:
            self.delegate = delegate
            self.list.setItemDelegate(delegate)
            self.list.setUniformItemSizes(False)  # rows wrap onto as many lines as their words need
            self.list.setResizeMode(QListView.ResizeMode.Adjust)
            self.list.doItemsLayout()
            self.axis_heading.update()

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

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a button's size changed (a new type size): place again
            self._place(self.width(), move=True)
            self.updateGeometry()
        return super().event(event)


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

    def arrange(self, portrait: bool) -> None:
        """A portrait screen stacks each event's row (its title and details above its timeline)."""
        self.timeline.arrange(portrait)
