"""The events browser: the catalogue's events on a timeline of 1932–1955; choosing one compares its accounts.

Each row says what, when, where and how many accounts, and draws the event's span on a common
axis, so the 1953 strikes sit together and the long partisan war reads as long. Events before or
after the axis show an arrow and their year; undated ones say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.compare import CompareService, EventSummary
from gulagreader.core.errors import UserError
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store
from gulagreader.ui.compare.tables import on_choose
from gulagreader.ui.compare.view import CompareView, open_compare
from gulagreader.ui.row_paint import paint_ground
from gulagreader.ui.style import LIGHT, Theme
from gulagreader.ui.theme import theme_for

FIRST_YEAR, LAST_YEAR = 1932, 1955
EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
_TEXT_SHARE = 0.44  # of a row's width, for the words; the rest is the axis
_PAD = 10
_Index = QModelIndex | QPersistentModelIndex


def year_of(iso: str, end: bool = False) -> float | None:
    """'1953-07' -> 1953.5 (as a point on the axis); the end of a period counts to its last day."""
    parts = iso.split("-")
    if not parts[0].isdigit():
        return None
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else (12 if end else 1)
    day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else (30 if end else 1)
    return year + (month - 1) / 12 + (day - 1) / 365


def span_of(event: EventSummary) -> tuple[float, float] | None:
    """Where the event lies on the axis, in years: (start, end); None when undated."""
    start = year_of(event.start) if event.start else None
    end = year_of(event.end, end=True) if event.end else None
    if start is None and end is None:
        return None
    first = start if start is not None else end
    last = end if end is not None else (year_of(event.start, end=True) or first)
    assert first is not None and last is not None
    return first, max(first, last)


def axis_rect(row: QRect) -> QRect:
    """The part of a row (or of the axis heading) that holds the timeline."""
    left = row.left() + int(row.width() * _TEXT_SHARE)
    return QRect(left, row.top(), row.right() - left - _PAD, row.height())


def x_of(year: float, axis: QRect) -> float:
    share = (year - FIRST_YEAR) / (LAST_YEAR + 1 - FIRST_YEAR)
    return axis.left() + share * axis.width()


def describe(event: EventSummary) -> str:
    """The second line of a row: when (the years, if the catalogue's words are long), where, how many accounts."""
    when = event.date_text or "not dated"
    span = span_of(event)
    if span is not None and len(when) > 30:
        first, last = int(span[0]), int(span[1])
        when = str(first) if first == last else f"{first}–{last}"
    places = ", ".join(event.places[:3]) + (" …" if len(event.places) > 3 else "")
    accounts = f"{event.accounts} account{'s' * (event.accounts != 1)}"
    return " · ".join(b for b in (kind_label(event.kind), when, places, accounts) if b)


def kind_label(kind: str) -> str:
    from gulagreader.core.model import EVENT_KINDS

    return EVENT_KINDS.get(kind, "")


def details_html(event: EventSummary, theme: Theme) -> str:
    """What the events view says of the current event: its summary and our note on it, marked as ours."""
    parts = [
        f"<b>{escape(event.title)}</b> — {escape(event.summary)}" if event.summary else f"<b>{escape(event.title)}</b>"
    ]
    if event.note:
        parts.append(f'<i style="color:{theme.muted}">Our note:</i> {escape(event.note)}')
    return "<br/>".join(parts)


class EventsModel(QAbstractListModel):
    """One row per event, in timeline order; `EVENT_ROLE` gives the `EventSummary`."""

    def __init__(self) -> None:
        super().__init__()
        self._events: list[EventSummary] = []

    def set_events(self, events: Sequence[EventSummary]) -> None:
        self.beginResetModel()
        self._events = list(events)
        self.endResetModel()

    def event_at(self, row: int) -> EventSummary:
        return self._events[row]

    def row_of(self, event_id: str) -> int:
        return next((i for i, e in enumerate(self._events) if e.id == event_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._events)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{event.title}: {describe(event)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            note = f"\n\nOur note: {event.note}" if event.note else ""
            return f"{event.date_text}\n\n{event.summary}{note}".strip() or event.title
        if role == EVENT_ROLE:
            return event
        return None


class TimelineDelegate(QStyledItemDelegate):
    """Paints an event row: title and details on the left, its span on the shared axis on the right."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._theme = LIGHT

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def axis_of(self, row: QRect) -> QRect:
        """Where a row (or the axis heading above the rows) draws the timeline."""
        return axis_rect(row)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        metrics = QFontMetrics(self._view.font())
        return QSize(self._view.viewport().width(), 2 * metrics.height() + 2 * _PAD + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        event = index.data(EVENT_ROLE)
        if not isinstance(event, EventSummary):
            return
        t, rect = self._theme, option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_ground(painter, option, t)
        axis = axis_rect(rect)
        _gridlines(painter, axis, t)
        text = QRect(rect.left() + _PAD, rect.top() + _PAD, axis.left() - rect.left() - 2 * _PAD, rect.height())
        font = QFont(self._view.font())
        metrics = QFontMetrics(font)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor(t.ink))
        title = QFontMetrics(bold).elidedText(event.title, Qt.TextElideMode.ElideRight, text.width())
        painter.drawText(text.left(), text.top() + metrics.ascent(), title)
        painter.setFont(font)
        painter.setPen(QColor(t.muted))
        details = metrics.elidedText(describe(event), Qt.TextElideMode.ElideRight, text.width())
        painter.drawText(text.left(), text.top() + metrics.height() + 4 + metrics.ascent(), details)
        self._span(painter, event, axis, metrics, t)
        painter.restore()

    def _span(self, painter: QPainter, event: EventSummary, axis: QRect, metrics: QFontMetrics, t: Theme) -> None:
        middle = axis.center().y()
        span = span_of(event)
        colour = QColor(t.accent)
        if span is None:
            painter.setPen(QColor(t.muted))
            painter.drawText(axis, Qt.AlignmentFlag.AlignCenter, "not dated")
            return
        first, last = span
        before, after = last < FIRST_YEAR, first >= LAST_YEAR + 1
        if before or after:
            painter.setPen(QColor(t.muted))
            label = f"← {int(first)}" if before else f"{int(first)} →"
            align = Qt.AlignmentFlag.AlignLeft if before else Qt.AlignmentFlag.AlignRight
            painter.drawText(axis, align | Qt.AlignmentFlag.AlignVCenter, label)
            return
        left = x_of(max(first, FIRST_YEAR), axis)
        right = x_of(min(last, LAST_YEAR + 1), axis)
        height = 8 + 2 * min(event.accounts - 1, 3)  # more accounts, a bolder mark
        if right - left < height:  # a day or a month: a dot
            left, right = (left + right - height) / 2, (left + right + height) / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(left, middle - height / 2, right - left, height), height / 2, height / 2)
        if event.accounts > 1:
            painter.setPen(QColor(t.accent))
            label = f"{event.accounts} accounts"
            x = right + 6 if right + 6 + metrics.horizontalAdvance(label) < axis.right() else left - 6
            flags = Qt.AlignmentFlag.AlignLeft if x > left else Qt.AlignmentFlag.AlignRight
            box = QRect(int(x), axis.top(), axis.right() - int(x), axis.height())
            if flags == Qt.AlignmentFlag.AlignRight:
                box = QRect(axis.left(), axis.top(), int(x) - axis.left(), axis.height())
            painter.drawText(box, flags | Qt.AlignmentFlag.AlignVCenter, label)


def _gridlines(painter: QPainter, axis: QRect, t: Theme) -> None:
    painter.setPen(QColor(t.rule))
    for year in range(FIRST_YEAR, LAST_YEAR + 2):
        if year % 5 == 0 or year in (FIRST_YEAR, LAST_YEAR + 1):
            x = round(x_of(year, axis))
            painter.drawLine(x, axis.top(), x, axis.bottom())


class _AxisHeading(QWidget):
    """The years above the timeline, lined up with the rows' axis."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view.parentWidget())
        self._view = view
        self._theme = LIGHT
        self.setMinimumHeight(QFontMetrics(self.font()).height() + 8)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # a larger type (kiosk, Ctrl+=) needs a taller heading
            self.setMinimumHeight(QFontMetrics(self.font()).height() + 8)
        super().changeEvent(event)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        viewport = self._view.viewport()
        common = self.parentWidget()  # the events view holds both the heading and the list
        left = viewport.mapTo(common, QPoint(0, 0)).x() - self.x() if common is not None else 0
        row = QRect(left, 0, viewport.width(), self.height())
        delegate = self._view.itemDelegate()
        axis = delegate.axis_of(row) if isinstance(delegate, TimelineDelegate) else axis_rect(row)
        painter = QPainter(self)
        painter.setPen(QColor(self._theme.muted))
        metrics = QFontMetrics(self.font())
        taken = row.left()
        if axis.left() - row.left() > metrics.horizontalAdvance("Event") + 2 * _PAD:
            painter.drawText(
                QRect(row.left() + _PAD, 0, axis.left() - row.left(), self.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                "Event",
            )
            taken = row.left() + 2 * _PAD + metrics.horizontalAdvance("Event")
        gap = metrics.horizontalAdvance("  ")
        for year in (FIRST_YEAR, 1935, 1940, 1945, 1950, LAST_YEAR):
            width = metrics.horizontalAdvance(str(year))
            x = min(max(int(x_of(year, axis) - width / 2), row.left()), row.right() - width)
            if x < taken:
                continue  # a narrow axis: leave out the years that would run into the last one
            painter.drawText(x, metrics.ascent() + 4, str(year))
            taken = x + width + gap
        painter.end()


class EventsView(QWidget):
    """The timeline of events; clicking one opens its accounts side by side.

    Signals:
        event_chosen(str): an event was chosen (its compare view is opening).
        open_passage(str): a compare view opened from here asked to read a passage.
    """

    event_chosen = Signal(str)
    open_passage = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None, search: SearchService | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._search = search
        self._service = CompareService(store)
        self._all = self._service.events()
        self.query = ""  # marked in the compare views opened from here
        self.last_compare: CompareView | None = None
        self.setWindowTitle("Events — GulagReader")
        heading = QLabel(f"Events, {FIRST_YEAR}–{LAST_YEAR}", self)
        heading.setObjectName("eventsHeading")
        self.note = QLabel(
            "The events the texts recount: resistance in the camps and against the regime first, then repression, "
            "then the context; each by date. Choose one to read its accounts side by side.",
            self,
            wordWrap=True,
        )
        self.several_box = QCheckBox("Only events told by more than one account", self)
        self.several_box.toggled.connect(self._refill)
        self.model = EventsModel()
        self.list = QListView(self)
        self.list.setAccessibleName("Events timeline")
        self.list.setModel(self.model)
        self.delegate = TimelineDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMouseTracking(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        on_choose(self.list, self._open_index)
        self.list.viewport().installEventFilter(self)
        self.axis_heading = _AxisHeading(self.list)
        self.details = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.details.setAccessibleName("The event chosen")
        self.details.setMinimumHeight(3 * QFontMetrics(self.font()).height())
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.several_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.axis_heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.details)
        self._theme = LIGHT
        self.set_theme(theme_for(self.palette()))
        self.list.selectionModel().currentChanged.connect(self._show_details)
        self._refill()

    def _refill(self) -> None:
        several = self.several_box.isChecked()
        self.model.set_events([e for e in self._all if e.accounts > 1 or not several])
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))
        self._show_details(self.list.currentIndex())

    def _show_details(self, index: QModelIndex) -> None:
        event = index.data(EVENT_ROLE) if index.isValid() else None
        self.details.setText(details_html(event, self._theme) if isinstance(event, EventSummary) else "")

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.delegate.set_theme(theme)
        self.axis_heading.set_theme(theme)
        self.setStyleSheet(
            f"QLabel#eventsHeading {{ font-size: 16pt; color: {theme.accent}; }}"
            f"QListView {{ background-color: {theme.base}; }}"
        )
        self.note.setStyleSheet(f"color: {theme.muted};")
        self._show_details(self.list.currentIndex())
        self.list.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "delegate"):
            theme = theme_for(self.palette())
            if theme != self._theme:
                self.set_theme(theme)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list.viewport() and event.type() == QEvent.Type.Resize:
            self.axis_heading.update()
        return super().eventFilter(watched, event)

    def _open_index(self, index: QModelIndex) -> None:
        event = index.data(EVENT_ROLE)
        if isinstance(event, EventSummary):
            self.open_event(event.id)

    def open_event(self, event_id: str) -> CompareView | None:
        """Open the compare view of `event_id` (in a window of its own); returns it."""
        try:
            view = open_compare(self.window(), self._store, event_id, self.query, self._search)
        except UserError as exc:
            QMessageBox.warning(self, "GulagReader", str(exc))
            return None
        view.open_passage.connect(self.open_passage)
        self.last_compare = view
        self.event_chosen.emit(event_id)
        return view
