"""The filters beside the results: a field for each facet (source, event, genre, years) and the order of the hits.

The facets and what they mean are `core.search_filters.FACETS`; this bar is their widgets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.search_filters import DEFAULT_ORDER, FACETS, RESULT_ORDERS, SearchFilters, Years, facet
from gulagreader.ui.roles import TOOLTIP_ROLE

if TYPE_CHECKING:
    from gulagreader.core.model import Event


FIRST_YEAR, LAST_YEAR = 1900, 2029  # the years the texts mention


class FilterBar(QWidget):
    """Combo boxes and year fields that narrow a search, and a line saying what they do.

    The `touch` form (the kiosk's) is for a finger and large type: no year fields (years are typed
    as year:1953), no exact-spelling switch (a researcher's), no labels (each box says what it
    holds: "All sources", "Best match first"), and popups whose rows a style sheet can size.

    Signals:
        changed(): the user changed a filter or the order.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, touch: bool = False) -> None:
        super().__init__(parent)
        self._ready = False  # filled boxes emit changes while being built
        self.summary = QLabel(self, wordWrap=True)
        self.summary.setAccessibleDescription("Active filters")
        self.source_box = self._combo("Source filter", "Only passages of this source")
        self.event_box = self._combo("Event filter", "Only passages telling this event")
        self.genre_box = self._combo("Genre filter", "Only sources of this genre")
        self.year_from = self._year("Years from", "Passages about or mentioning these years: first year")
        self.year_to = self._year("Years to", "Passages about or mentioning these years: last year")
        self.sort_box = self._combo("Order of results", "Order of the passages found")
        # `addItem(text, data)` and `QPushButton(text, parent)` would have PySide6 weigh their QIcon
        # overloads, building QIcon's ~150 enums for the first window (see MainWindow on `Qt`)
        self.sort_box.addItems(list(RESULT_ORDERS.values()))
        for index, key in enumerate(RESULT_ORDERS):
            self.sort_box.setItemData(index, key)
        # each facet's field, by the facet's key
        self.fields: dict[str, _Choice | _YearSpan] = {
            "source": _Choice(self.source_box),
            "event": _Choice(self.event_box),
            "genre": _Choice(self.genre_box),
            "years": _YearSpan(self.year_from, self.year_to),
        }
        self.clear_button = QPushButton(self)
        self.clear_button.setText("Clear filters")
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.setToolTip("Show passages of every source, event, genre and year again")
        self.clear_button.clicked.connect(self.clear)
        self.exact_box = QCheckBox(self)
        self.exact_box.setText("E&xact spelling")
        self.exact_box.setAccessibleName("Exact spelling")
        self.exact_box.setToolTip(
            "Off: a word with no match finds its near spellings (one typo from 5 letters, two from 9). "
            "On: only the spellings typed, their names' forms and transliterations."
        )
        self.exact_box.toggled.connect(self._on_change)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        years = QHBoxLayout()
        years.setSpacing(4)
        years.addWidget(self.year_from)
        years_to = QLabel("to", self)
        years.addWidget(years_to)
        years.addWidget(self.year_to)
        years.addStretch(1)
        labels = [years_to]
        for row, col, key, widget in (
            (0, 0, "source", self.source_box),
            (0, 2, "event", self.event_box),
            (1, 0, "genre", self.genre_box),
        ):
            label = QLabel(_label(key), self)
            label.setBuddy(widget)
            labels.append(label)
            grid.addWidget(label, row, col)
            grid.addWidget(widget, row, col + 1)
        years_label = QLabel(_label("years"), self)
        years_label.setBuddy(self.year_from)
        grid.addWidget(years_label, 1, 2)
        grid.addLayout(years, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.exact_box)
        line.addWidget(self.summary, 1)
        button = QVBoxLayout()  # the button at the top of a summary that wraps onto more lines
        button.addWidget(self.clear_button)
        button.addStretch(1)
        line.addLayout(button)
        grid.addLayout(line, 2, 0, 1, 4)
        self.sort_label = QLabel("&Order", self)  # placed by the search panel, beside the result count
        self.sort_label.setBuddy(self.sort_box)
        self.setLayout(grid)
        if touch:
            self._fit_for_touch([*labels, years_label, self.sort_label])
        self._ready = True
        self._update_summary()

    def _fit_for_touch(self, labels: list[QLabel]) -> None:
        for widget in (*labels, self.year_from, self.year_to, self.exact_box):
            widget.hide()
        for box in self.boxes():
            box.setItemDelegate(QStyledItemDelegate(box))  # the default one ignores ::item style rules
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.sort_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # never "Best matc"
        self.sort_box.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

    def boxes(self) -> list[QComboBox]:
        """The drop-down boxes: source, event, genre and order."""
        return [self.source_box, self.event_box, self.genre_box, self.sort_box]

    def _combo(self, name: str, tip: str) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(name)
        box.setToolTip(tip)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(10)
        box.currentIndexChanged.connect(self._on_change)
        return box

    def _year(self, name: str, tip: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(FIRST_YEAR - 1, LAST_YEAR)
        spin.setSpecialValueText("any")  # shown at the minimum: no limit
        spin.setValue(FIRST_YEAR - 1)
        spin.setAccessibleName(name)
        spin.setToolTip(tip)
        spin.setKeyboardTracking(False)  # typing '1953' asks once, not for 1, 19, 195
        spin.valueChanged.connect(self._on_change)
        return spin

    def set_choices(self, titles: Mapping[str, str], genres: Sequence[str], events: Sequence[Event]) -> None:
        """Offer the corpus's sources (`titles` by id), events (by date) and `genres`."""
        self.blockSignals(True)
        for box, first in (
            (self.source_box, "All sources"),
            (self.event_box, "All events"),
            (self.genre_box, "All genres"),
        ):
            box.clear()
            box.addItem(first, "")
        for source_id, title in titles.items():
            self.source_box.addItem(title, source_id)
            self.source_box.setItemData(self.source_box.count() - 1, title, TOOLTIP_ROLE)
        for e in sorted(events, key=lambda e: (not e.start, e.start)):
            self.event_box.addItem(event_label(e), e.id)
            tip = f"{e.title} ({e.date_text})" if e.date_text and not _gives_years(e.date_text, e.title) else e.title
            self.event_box.setItemData(self.event_box.count() - 1, tip, TOOLTIP_ROLE)
        for genre in genres:
            self.genre_box.addItem(genre, genre)
        self.blockSignals(False)
        self._update_summary()

    def filters(self) -> SearchFilters:
        """The filters as set now."""
        values: dict[str, Any] = {key: field.value() for key, field in self.fields.items()}
        return SearchFilters(
            **values,
            order=str(self.sort_box.currentData() or DEFAULT_ORDER),
            exact=self.exact_box.isChecked(),
        )

    def set_filters(self, filters: SearchFilters) -> None:
        """Show `filters` (unknown ids fall back to 'all'; exact spelling stays); emits `changed` once."""
        self.blockSignals(True)
        for f in FACETS:
            self.fields[f.key].show(filters.value(f))
        self.sort_box.setCurrentIndex(max(0, self.sort_box.findData(filters.order)))
        self.blockSignals(False)
        self._on_change()

    def clear(self) -> None:
        """Back to every source, event, genre and year (the order stays)."""
        self.set_filters(SearchFilters(order=self.filters().order))

    def summary_text(self) -> str:
        """What the filters do, in words ('' when nothing narrows the results)."""
        # ids by the text of their boxes: an event by its title and years, not its long date
        names = {c.value(): c.box.currentText() for c in self.fields.values() if isinstance(c, _Choice)}
        bits = self.filters().said(names)
        return "Only " + "; ".join(bits) if bits else ""

    def _on_change(self) -> None:
        if not self._ready:
            return
        self._update_summary()
        self.changed.emit()

    def finish_attach(self) -> None:
        """Make the summary plain text (titles are text): after the first paint, as it names `Qt`.

        The summary names a filter only once one is chosen, after this."""
        self.summary.setTextFormat(QtCore.Qt.TextFormat.PlainText)

    def _update_summary(self) -> None:
        text = self.summary_text()
        self.summary.setText(text)
        self.summary.setToolTip(text)
        self.summary.setVisible(bool(text))
        self.clear_button.setVisible(bool(text))


class _Choice:
    """A facet's drop-down box: its value is the data of the item chosen ('' for the first, 'All …')."""

    def __init__(self, box: QComboBox) -> None:
        self.box = box

    def value(self) -> str:
        return str(self.box.currentData() or "")

    def show(self, value: Any) -> None:
        self.box.setCurrentIndex(max(0, self.box.findData(value)))


class _YearSpan:
    """The years facet's two spin boxes ('any' at their minimum: no limit on that side)."""

    def __init__(self, first: QSpinBox, last: QSpinBox) -> None:
        self.first, self.last = first, last

    def value(self) -> Years | None:
        low, high = self.first.value(), self.last.value()
        if low < FIRST_YEAR and high < FIRST_YEAR:
            return None
        low = low if low >= FIRST_YEAR else FIRST_YEAR
        high = high if high >= FIRST_YEAR else LAST_YEAR
        return (min(low, high), max(low, high))

    def show(self, value: Any) -> None:
        low, high = value or (FIRST_YEAR - 1, FIRST_YEAR - 1)
        self.first.setValue(low)
        self.last.setValue(high)


def _label(key: str) -> str:
    """A facet's label with its access key marked ('&Source', 'E&vent')."""
    f = facet(key)
    at = f.label.find(f.access_key)
    return f.label[:at] + "&" + f.label[at:] if at >= 0 else f.label


def event_years(event: Event) -> str:
    """'1953', '1936–1937' or '' : the years an event spans, short enough for a menu."""
    years = event.years
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def event_label(event: Event) -> str:
    """'Kengir uprising, 1954': the event's title with its years, unless the title already gives them."""
    when = event_years(event)
    return f"{event.title}, {when}" if when and not _gives_years(event.title, event.title, event.years) else event.title


_YEARS = re.compile(r"\b(1[6-9]\d\d|20\d\d)(?:\s*[–-]\s*(\d{2,4})\b)?")


def _gives_years(text: str, title: str, years: Sequence[int] = ()) -> bool:
    """Whether `title` already states the years of `text` (or `years`): '…, 1932–33' states '1932–1933'."""
    wanted = set(years) or _years_in(text)
    return bool(wanted) and {min(wanted), max(wanted)} <= _years_in(title)


def _years_in(text: str) -> set[int]:
    """The first and last year of every year or span of years named in `text` ('1932–33': 1932 and 1933)."""
    found: set[int] = set()
    for first, last in _YEARS.findall(text):
        found.add(int(first))
        if last:  # '1932–33': the century of the first year
            found.add(int(first[: 4 - len(last)] + last))
    return found
