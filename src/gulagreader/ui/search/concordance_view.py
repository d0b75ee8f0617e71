"""The concordance tab: a thin table over the core's concordance lines, aligned on the match."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.concordance import CONCORDANCE_ORDERS, Concordance, ConcordanceLine, sort_lines
from gulagreader.ui.style import LIGHT, Theme

LINE_ROLE = Qt.ItemDataRole.UserRole + 1
LEFT, MATCH, RIGHT, PASSAGE = range(4)
_HEADERS = ("Before", "Match", "After", "Passage")
_Index = QModelIndex | QPersistentModelIndex


class ConcordanceModel(QAbstractTableModel):
    """One row per occurrence: passage id, the words before, the match, the words after."""

    def __init__(self) -> None:
        super().__init__()
        self._lines: list[ConcordanceLine] = []
        self._sort = "source"
        self._theme = LIGHT

    def set_lines(self, lines: Sequence[ConcordanceLine]) -> None:
        self.beginResetModel()
        self._lines = sort_lines(lines, self._sort)
        self.endResetModel()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self._lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, RIGHT))

    def sort_by(self, key: str) -> None:
        """Order the lines by `source`, `left` or `right` (see `core.concordance.sort_lines`)."""
        self._sort = key
        self.layoutAboutToBeChanged.emit()
        old = list(self._lines)
        self._lines = sort_lines(self._lines, key)
        where = {id(line): row for row, line in enumerate(self._lines)}
        for row, line in enumerate(old):
            for col in range(len(_HEADERS)):
                self.changePersistentIndex(self.index(row, col), self.index(where[id(line)], col))
        self.layoutChanged.emit()

    def line(self, row: int) -> ConcordanceLine:
        return self._lines[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return _HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, col = self._lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (line.left, line.match, line.right, line.passage_id)[col]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{line.left} [{line.match}] {line.right} — {line.source_title}, {line.passage_id}"
        if role == Qt.ItemDataRole.ToolTipRole:
            also = f" (also in {line.also_in} reprint{'s' if line.also_in > 1 else ''})" if line.also_in else ""
            return f"{line.source_title}, {line.passage_id}{also}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if col == LEFT else Qt.AlignmentFlag.AlignLeft
            return side | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and col == MATCH:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and col in (PASSAGE, MATCH):  # the rest in the palette's text
            return QColor(self._theme.muted if col == PASSAGE else self._theme.accent)
        if role == LINE_ROLE:
            return line
        return None


class _Elided(QStyledItemDelegate):
    """Text cut where it matters least: the words before a match at their start (the nearest words stay
    in view), a passage id in its middle (its source's start and its number stay)."""

    def __init__(self, mode: Qt.TextElideMode, parent: QWidget) -> None:
        super().__init__(parent)
        self._mode = mode

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = self._mode


PASSAGE_CHARS = 11  # the passage column's width, in average characters: the rest goes to the context
PASSAGE_SHARE = 0.15  # and never more than this share of it
NARROW = 360  # a table narrower than this (pixels) leaves the passage to the tooltip


class ConcordanceView(QWidget):
    """The concordance of the current query, with its count and a choice of order.

    Signals:
        open_line(ConcordanceLine): the user chose a line (click or Enter).
    """

    open_line = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ConcordanceModel()
        self.count_label = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.count_label.setAccessibleDescription("Concordance count")
        self.sort_box = QComboBox(self)
        self.sort_box.setAccessibleName("Order of concordance lines")
        for key, label in CONCORDANCE_ORDERS.items():
            self.sort_box.addItem(label, key)
        self.sort_box.currentIndexChanged.connect(lambda: self.model.sort_by(str(self.sort_box.currentData())))
        sort_label = QLabel("So&rt", self)
        sort_label.setBuddy(self.sort_box)
        self.table = QTableView(self)
        self.table.setAccessibleName("Concordance lines")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(LEFT, _Elided(Qt.TextElideMode.ElideLeft, self.table))
        self.table.setItemDelegateForColumn(PASSAGE, _Elided(Qt.TextElideMode.ElideMiddle, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PASSAGE, QHeaderView.ResizeMode.Fixed)  # narrow: see _fit_passage_column
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MATCH, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RIGHT, QHeaderView.ResizeMode.Stretch)
        header.sectionClicked.connect(self._on_header)
        self.table.clicked.connect(self._open)
        self.table.activated.connect(self._open)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.count_label, 1)
        bar.addSpacing(12)  # the count never runs into 'Sort'
        bar.addWidget(sort_label)
        bar.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.show_concordance(None)

    def show_concordance(self, found: Concordance | None) -> None:
        """Show `found` (None: no query yet)."""
        lines = found.lines if found else ()
        self.model.set_lines(lines)
        if found is None or not found.query.strip():
            text = "Type a query to see every occurrence of it, lined up."
        elif not lines:
            text = "No occurrences."
        else:
            n, p = len(lines), found.passages
            text = f"{n} occurrence{'s' if n != 1 else ''} in {p} passage{'s' if p != 1 else ''}"
            if any(line.also_in for line in lines):
                text += " (reprints counted once)"
            if found.truncated:
                text += f"; only the first {p} passages"
        self.count_label.setText(text)
        if lines:
            self.table.resizeColumnToContents(MATCH)
        self._fit_passage_column()

    def _fit_passage_column(self) -> None:
        """Give the passage ids a narrow column (whole in their tooltip), hidden in a narrow table."""
        room = self.table.viewport().width()
        width = min(self.table.fontMetrics().averageCharWidth() * PASSAGE_CHARS + 12, int(room * PASSAGE_SHARE))
        self.table.setColumnHidden(PASSAGE, room < NARROW)
        self.table.setColumnWidth(PASSAGE, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_passage_column()

    def show_pending(self) -> None:
        """Empty the lines of an older query while the new query's are being lined up."""
        if self.model.rowCount():
            self.model.set_lines(())
        self.count_label.setText("Lining up…")

    def set_theme(self, theme: Theme) -> None:
        self.model.set_theme(theme)

    def show_passage(self, passage_id: str) -> bool:
        """Choose the first line of `passage_id` and scroll it into view (False when it has none)."""
        for row in range(self.model.rowCount()):
            if self.model.line(row).passage_id == passage_id:
                index = self.model.index(row, MATCH)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
                return True
        return False

    def _on_header(self, section: int) -> None:
        key = {LEFT: "left", RIGHT: "right"}.get(section, "source")
        self.sort_box.setCurrentIndex(self.sort_box.findData(key))

    def _open(self, index: QModelIndex) -> None:
        line = index.data(LINE_ROLE)
        if line is not None:
            self.open_line.emit(line)
