"""The compare view's two tables as thin Qt models: the event's figures, and the names the accounts use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QPainter, QShowEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from gulagreader.core.compare import Column
from gulagreader.core.figure_table import FigureRow
from gulagreader.core.model import Figure, Name
from gulagreader.core.names.table import NameUse
from gulagreader.ui.row_paint import draw_text, paint_ground
from gulagreader.ui.style import LIGHT, Theme

FIGURES_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's Figure objects (a tuple)
PASSAGES_ROLE = Qt.ItemDataRole.UserRole + 2  # the passage ids a cell cites, in order, each once
DISAGREES_ROLE = Qt.ItemDataRole.UserRole + 3
HTML_ROLE = Qt.ItemDataRole.UserRole + 4  # the cell as rich text, for the delegate
SORT_ROLE = Qt.ItemDataRole.UserRole + 5  # what a column sorts by: a name, a kind, how often an account uses it
_PAD_X, _PAD_Y = 10, 7
_Index = QModelIndex | QPersistentModelIndex


def figure_line(figure: Figure) -> str:
    """'42 — the MVD report, per Lituanus'"""
    return f"{figure.value} — {figure.given_by}" if figure.given_by else figure.value


class FiguresModel(QAbstractTableModel):
    """One row per thing counted or dated; column 0 says what, then one column per account.

    Rows the editors state to be in conflict (a `Discrepancy`) are tinted and marked '≠'; our
    notes on a figure are shown under it, marked as ours.
    """

    def __init__(self, theme: Theme = LIGHT) -> None:
        super().__init__()
        self._rows: list[FigureRow] = []
        self._columns: list[str] = []
        self._theme = theme

    def set_figures(self, rows: Sequence[FigureRow], columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._columns = [c.source.title for c in columns]
        self.endResetModel()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns)))

    def figure_row(self, row: int) -> FigureRow:
        return self._rows[row]

    def _html(self, row: FigureRow, col: int, figures: tuple[Figure, ...]) -> str:
        muted = self._theme.muted
        if col == 0:
            mark = f'<span style="color:{self._theme.accent}"><b>≠</b></span> ' if row.disagrees else ""
            return f'{mark}{escape(row.subject)} <span style="color:{muted}">— {escape(row.what)}</span>'
        if not figures:
            return f'<span style="color:{muted}">—</span>'
        lines = [
            f"<b>{escape(f.value)}</b>"
            + (f' <span style="color:{muted}">— {escape(f.given_by)}</span>' * bool(f.given_by))
            + (
                f'<br/><span style="color:{muted}; font-size:small"><i>Our note:</i> {escape(f.note)}</span>'
                * bool(f.note)
            )
            for f in figures
        ]
        return "<br/>".join(lines)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else 1 + len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return "What is counted or dated"
        return self._columns[section - 1] if 0 < section <= len(self._columns) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if not 0 <= col <= len(self._columns):
            return None
        figures = tuple(f for cell in row.cells for f in cell) if col == 0 else row.cells[col - 1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == 0:
                mark = "≠ " if row.disagrees else ""
                return f"{mark}{row.subject} — {row.what}"
            return "\n".join(figure_line(f) + (f" (our note: {f.note})" if f.note else "") for f in figures) or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                if row.discrepancy:
                    return f"In conflict, as the editors state. Our note: {row.discrepancy.note}"
                return "No conflict stated by the editors."
            return (
                "\n".join(
                    f"{figure_line(f)} ({f.passage_id})" + (f"\nOur note: {f.note}" if f.note else "") for f in figures
                )
                or "This account gives none."
            )
        if role == Qt.ItemDataRole.BackgroundRole and row.disagrees:
            return QColor(self._theme.banner)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(self._theme.muted if not figures else self._theme.ink)
        if role == HTML_ROLE:
            return self._html(row, col, figures)
        if role == FIGURES_ROLE:
            return figures
        if role == PASSAGES_ROLE:
            return tuple(dict.fromkeys(f.passage_id for f in figures))
        if role == DISAGREES_ROLE:
            return row.disagrees
        return None


def name_notes(name: Name) -> list[str]:
    """Our notes on a gazetteer entry, each marked as ours."""
    notes = [name.note] if name.note else []
    if name.disputed:
        notes.append(f"Identification disputed (our note): {name.disputed}")
    if name.supplied:
        notes.append(f"Supplied from outside the texts (our note): {name.supplied}")
    return notes


class NamesModel(QAbstractTableModel):
    """One row per person, place, camp or organisation; per account, each spelling it uses and how often."""

    def __init__(self, theme: Theme = LIGHT) -> None:
        super().__init__()
        self._uses: list[NameUse] = []
        self._columns: list[str] = []
        self._theme = theme

    def set_names(self, uses: Sequence[NameUse], columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self._uses = list(uses)
        self._columns = [c.source.title for c in columns]
        self.endResetModel()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self._uses:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._uses) - 1, 1 + len(self._columns)))

    def name_use(self, row: int) -> NameUse:
        return self._uses[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._uses)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else 2 + len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < 2:
            return ("Name (our spelling)", "Kind")[section]
        return self._columns[section - 2] if section - 2 < len(self._columns) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._uses):
            return None
        use, col = self._uses[index.row()], index.column()
        if not 0 <= col < 2 + len(self._columns):
            return None
        spellings = use.cells[col - 2] if col >= 2 else ()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == 0:
                return use.name.canonical
            if col == 1:
                return use.name.kind
            return " · ".join(f"{s} ×{n}" for s, n in spellings) or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            if col < 2:
                return "\n".join(name_notes(use.name)) or ", ".join(use.name.spellings)
            return "Not named in this account." if not spellings else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(self._theme.muted if (col == 1 or (col >= 2 and not spellings)) else self._theme.ink)
        if role == SORT_ROLE:
            if col < 2:
                return (use.name.canonical if col == 0 else use.name.kind).casefold()
            return sum(n for _, n in spellings)
        if role == HTML_ROLE:
            muted = self._theme.muted
            if col < 2:
                text = escape(use.name.canonical if col == 0 else use.name.kind)
                if col == 0 and use.name.disputed:
                    text += (
                        f' <span style="color:{self._theme.accent}; font-size:small">(identification disputed)</span>'
                    )
                if col == 0 and use.name.supplied:
                    text += f' <span style="color:{muted}; font-size:small">(partly supplied by us)</span>'
                return text if col == 0 else f'<span style="color:{muted}">{text}</span>'
            if not spellings:
                return f'<span style="color:{muted}">—</span>'
            return " · ".join(f'{escape(s)} <span style="color:{muted}">×{n}</span>' for s, n in spellings)
        return None


def on_choose(view: QAbstractItemView, slot: Callable[[QModelIndex], None]) -> None:
    """Call `slot` once when an item is clicked or activated (Enter), whatever the style's click rule.

    Where the style activates items on a single click, a click emits both signals.
    """
    view.activated.connect(slot)
    if not view.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick, None, view):
        view.clicked.connect(slot)


class FittedTable(QTableView):
    """A calm table of rich-text cells whose rows grow to fit their wrapped text.

    Rows are fitted when the table is shown and after its columns or model change, not while
    it is hidden behind another tab: laying out every cell's text is the costly part.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = RichCellDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.setMouseTracking(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._fit = QTimer(self, singleShot=True, interval=0)
        self._fit.timeout.connect(self.fit_rows)
        header.sectionResized.connect(self._refit)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            for signal in (model.modelReset, model.dataChanged, model.layoutChanged, model.rowsInserted):
                signal.connect(self._refit)  # (a sorting or filtering proxy lays its rows out again)

    def set_theme(self, theme: Theme) -> None:
        self.delegate.set_theme(theme)
        self.setStyleSheet(f"QTableView {{ background-color: {theme.base}; color: {theme.ink}; }}")
        self.viewport().update()

    def _refit(self, *_: object) -> None:
        if self.isVisible():
            self._fit.start()

    def fit_rows(self) -> None:
        """Give every row the height of its tallest cell at the current column widths."""
        self.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit.start()


class RichCellDelegate(QStyledItemDelegate):
    """Paints a table cell from the model's `HTML_ROLE`, wrapped to its column, with room around it.

    Heights are remembered per text and width: fitting rows asks for them again and again.
    """

    def __init__(self, view: QTableView, theme: Theme = LIGHT) -> None:
        super().__init__(view)
        self._view = view
        self._theme = theme
        self._heights: dict[tuple[str, int], int] = {}

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def _document(self, index: _Index, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(self._view.font())
        doc.setDocumentMargin(0)
        doc.setHtml(str(index.data(HTML_ROLE) or ""))
        doc.setTextWidth(max(width - 2 * _PAD_X, 40))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        rect = option.rect
        painter.save()
        paint_ground(painter, option, self._theme, hover=False, own=index.data(Qt.ItemDataRole.BackgroundRole))
        doc = self._document(index, rect.width())
        draw_text(painter, doc, rect.left() + _PAD_X, rect.top() + _PAD_Y, self._view, self._theme)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        width = self._view.columnWidth(index.column())
        key = (str(index.data(HTML_ROLE) or ""), width)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 5000:
                self._heights.clear()
            height = self._heights[key] = int(self._document(index, width).size().height()) + 2 * _PAD_Y + 1
        return QSize(width, height)
