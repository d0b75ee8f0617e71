"""The compare view: every account of one event side by side, with its figures and the names it uses.

`open_compare` opens it as a window of its own. The accounts tab lines the chosen accounts up
by episode (`AccountColumns`); the figures and names tabs are tables over the same comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from html import escape

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPoint, QSortFilterProxyModel, Qt, QUrl, Signal
from PySide6.QtGui import QCursor, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.compare import MAX_COLUMNS, CompareService, Comparison
from gulagreader.core.errors import UserError
from gulagreader.core.highlight import Matcher, highlights
from gulagreader.core.search import SearchService
from gulagreader.core.spans import Span
from gulagreader.core.store import Store
from gulagreader.ui.compare.columns import AccountColumns
from gulagreader.ui.compare.markup import discrepancies_html
from gulagreader.ui.compare.tables import (
    FIGURES_ROLE,
    PASSAGES_ROLE,
    SORT_ROLE,
    FiguresModel,
    FittedTable,
    NamesModel,
    figure_line,
    on_choose,
)
from gulagreader.ui.flow_layout import FlowLayout
from gulagreader.ui.library_html import PASSAGE_SCHEME
from gulagreader.ui.style import Theme
from gulagreader.ui.theme import theme_for
from gulagreader.ui.windows import close_with_keys, fit_to_screen

ACCOUNTS_TAB, FIGURES_TAB, NAMES_TAB, DISCREPANCIES_TAB = range(4)


@dataclass(frozen=True)
class MarkedPassage:
    """Where the hit the view was opened from is: its cell, and whether it is in view."""

    passage_id: str
    row: int
    column: int
    visible: bool  # the passage's first line lies inside its column's visible area


class CompareView(QWidget):
    """Up to four accounts of one event, side by side; the event's figures; the names each account uses.

    Signals:
        open_passage(str): read this passage in the full reader.
        passage_menu(QMenu, tuple, str): a cell's context menu is being built for these passage ids and
            the text selected in it; connect to add entries (bookmarking, citing).
    """

    open_passage = Signal(str)
    passage_menu = Signal(object, object, str)

    def __init__(
        self,
        service: CompareService,
        event_id: str,
        matcher: Matcher | None = None,
        parent: QWidget | None = None,
        focus: str = "",
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._event = service.event(event_id)
        self._matcher = matcher or Matcher()
        self._theme = theme_for(self.palette())
        self._focus = focus
        self._shown_spans: dict[str, list[Span]] = {}
        self._placed = False  # scrolled to the chosen hit (or first match) once shown
        first = service.compare(event_id)  # every account, as many as fit
        first = self._with_focus(first)
        self._comparison = first
        self._titles = {s.id: s.title for c in first.columns for s in (c.source, *c.reprints)}
        self._places = next((e.places for e in service.events() if e.id == event_id), ())
        self.setWindowTitle(f"{self._event.title} — accounts side by side — GulagReader")
        self._build()
        self._apply(first)

    def _build(self) -> None:
        event = self._event
        self.title = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.title.setAccessibleDescription("Event")
        self.summary = QLabel(event.summary, self, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.summary.setAccessibleDescription("What happened")
        self.summary.setVisible(bool(event.summary))
        self.event_note = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.event_note.setAccessibleName("Our note on the event")
        self.event_note.setVisible(bool(event.note))
        self.account_boxes: dict[str, QCheckBox] = {}
        self.choices = QWidget(self)  # the accounts to show, wrapping on a narrow screen
        choose = FlowLayout(self.choices)
        choose.addWidget(QLabel("Accounts:", self.choices))
        for account in event.accounts:
            title = self._titles.get(account.source_id, account.source_id)
            box = QCheckBox(_short(title), self.choices)
            box.setToolTip(f"{title} ({account.source_id})")
            box.toggled.connect(self._on_choice)
            choose.addWidget(box)
            self.account_boxes[account.source_id] = box
        self.linked_box = QCheckBox("Scroll together", self)
        self.linked_box.setChecked(True)
        self.linked_box.setToolTip("Scroll all columns together, the same episode on the same line")
        self.collation_box = QCheckBox("Collation", self)
        self.collation_box.setToolTip("Mark every word a reprint inserted, deleted or changed")
        options = QWidget(self)  # beside the tabs: they act on the accounts side by side
        row = QHBoxLayout(options)
        row.setContentsMargins(0, 0, 0, 2)
        row.addWidget(self.collation_box)
        row.addWidget(self.linked_box)
        self.message = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.message.setAccessibleDescription("Message")
        self.message.hide()
        self.columns = AccountColumns(self)
        self.columns.open_passage.connect(self.open_passage)
        self.columns.cell_menu.connect(self._on_cell_menu)
        self.linked_box.toggled.connect(self.columns.set_linked)
        self.collation_box.toggled.connect(self._on_collation)
        self.figures_model = FiguresModel(self._theme)
        self.figures_table = _table(self, self.figures_model, "Figures")
        on_choose(self.figures_table, self.open_figure)
        self.names_model = NamesModel(self._theme)
        self.names_proxy = _sortable(self.names_model, self)
        self.names_table = _table(self, self.names_proxy, "Names across accounts")
        self.names_table.setSortingEnabled(True)
        self.names_table.horizontalHeader().setSortIndicatorShown(True)
        self.names_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.names_filter = QLineEdit(self)
        self.names_filter.setPlaceholderText("Filter names and spellings")
        self.names_filter.setAccessibleName("Filter names")
        self.names_filter.setClearButtonEnabled(True)
        self.names_filter.setMinimumWidth(
            self.names_filter.fontMetrics().horizontalAdvance("Filter names and spellings") + 48
        )
        self.names_filter.textChanged.connect(self.names_proxy.setFilterFixedString)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.columns, "&Accounts side by side")
        self.disagreeing_box = QCheckBox("Only figures in conflict", self)
        self.disagreeing_box.setToolTip("Only the figures whose conflict the editors state (marked ≠)")
        self.disagreeing_box.toggled.connect(self._fill_figures)
        self.tabs.addTab(self._explained(self.figures_table, _FIGURES_NOTE, self.disagreeing_box), "&Figures")
        self.tabs.addTab(self._explained(self.names_table, _NAMES_NOTE, self.names_filter), "&Names")
        self.discrepancies = QTextBrowser(self)
        self.discrepancies.setOpenLinks(False)
        self.discrepancies.setAccessibleName("Discrepancies stated by the editors")
        self.discrepancies.anchorClicked.connect(self._on_discrepancy_link)
        self.tabs.addTab(self.discrepancies, "&Discrepancies")
        self.tabs.setCornerWidget(options, Qt.Corner.TopRightCorner)
        self.tabs.currentChanged.connect(lambda i: options.setVisible(i == ACCOUNTS_TAB))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.event_note)
        layout.addWidget(self.choices)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        close_with_keys(self)
        self._paint_labels()

    def _explained(self, table: QWidget, note: str, option: QWidget | None = None) -> QWidget:
        page = QWidget(self)
        label = QLabel(note, page, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        label.setObjectName("tableNote")
        top = QHBoxLayout()
        top.addWidget(label, 1)
        if option is not None:
            top.addWidget(option)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 8, 0, 0)
        box.addLayout(top)
        box.addWidget(table, 1)
        return page

    # --- what is shown ---

    @property
    def comparison(self) -> Comparison:
        return self._comparison

    def shown_accounts(self) -> list[str]:
        """The source ids whose accounts are shown (a folded reprint included)."""
        return [s for s, box in self.account_boxes.items() if box.isChecked()]

    def _show(self, source_ids: list[str]) -> bool:
        try:
            comparison = self._service.compare(self._event.id, source_ids)
        except UserError as exc:
            self._say(str(exc))
            return False
        self._apply(comparison)
        return True

    def _apply(self, comparison: Comparison) -> None:
        self._comparison = comparison
        shown = {s.id for c in comparison.columns for s in (c.source, *c.reprints)}
        for source_id, box in self.account_boxes.items():
            box.blockSignals(True)
            box.setChecked(source_id in shown)
            box.blockSignals(False)
        hidden = len(comparison.hidden)
        more = f"{hidden} more account{'s' * (hidden != 1)} not shown: at most {MAX_COLUMNS} side by side."
        self._say(more if hidden else "")
        self.collation_box.setEnabled(any(c.reprints for c in comparison.columns))
        spans = self._shown_spans = self._spans(comparison)
        self.columns.show_comparison(comparison, spans, self._theme, self.collation_box.isChecked(), self._focus)
        self.columns.set_linked(self.linked_box.isChecked())
        self._fill_figures()
        self.names_model.set_names(comparison.names, comparison.columns)
        self.tabs.setTabText(FIGURES_TAB, f"&Figures ({len(comparison.figures)})")
        self.tabs.setTabText(NAMES_TAB, f"&Names ({len(comparison.names)})")
        self.tabs.setTabText(DISCREPANCIES_TAB, f"&Discrepancies ({len(comparison.discrepancies)})")
        self._paint_labels()
        self._scroll_to_start()

    def _scroll_to_start(self) -> None:
        """Open at the chosen hit's episode (the passage in view), else at the first row with a match."""
        marked = self._find_focus()
        if marked is not None:
            self.columns.scroll_to_passage(marked[0], marked[1], self._focus)
            return
        first = self._first_match_row(self._shown_spans)
        if first is not None:
            self.columns.scroll_to_row(first)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._placed:  # the rows' heights are known once shown: place the chosen hit again
            self._placed = True
            self.columns.sync_rows()
            self._scroll_to_start()

    # --- the hit the view was opened from ---

    def _with_focus(self, comparison: Comparison) -> Comparison:
        """`comparison`, or, when the chosen hit's account was left out (over four), one that shows it."""
        if not self._focus or not comparison.hidden or self._locate(comparison) is not None:
            return comparison
        source_id = self._focus.rsplit(".", 1)[0]
        if source_id not in comparison.hidden:
            return comparison
        shown = [c.source.id for c in comparison.columns][: MAX_COLUMNS - 1]
        try:
            return self._service.compare(self._event.id, [*shown, source_id])
        except UserError:
            return comparison

    def _locate(self, comparison: Comparison) -> tuple[int, int] | None:
        for r, row in enumerate(comparison.rows):
            for c, cell in enumerate(row.cells):
                for reading in cell.readings:
                    if self._focus in (reading.passage.id, reading.reprint.id if reading.reprint else ""):
                        return r, c
        return None

    def _find_focus(self) -> tuple[int, int] | None:
        return self._locate(self.comparison) if self._focus else None

    def marked_passage(self) -> MarkedPassage | None:
        """The hit the view was opened from: its cell and whether its passage is inside the visible area.

        None when the view was not opened from a hit or the hit's passage is not among the accounts shown.
        """
        found = self._find_focus()
        if found is None:
            return None
        row, column = found
        area = self.columns.scroll_areas[column]
        top = self.columns.row_top(row, column) + self.columns.passage_offset(row, column, self._focus)
        line = self.columns.cell(row, column).fontMetrics().height()
        visible = (
            self.columns.isVisible()
            and self.tabs.currentWidget() is self.columns
            and top >= 0
            and top + line <= area.viewport().height()
        )
        return MarkedPassage(self._focus, row, column, visible)

    def _spans(self, comparison: Comparison) -> dict[str, list[Span]]:
        if not self._matcher:
            return {}
        spans: dict[str, list[Span]] = {}
        for row in comparison.rows:
            for cell in row.cells:
                for reading in cell.readings:
                    if reading.passage.id not in spans:
                        spans[reading.passage.id] = highlights(reading.passage.text, self._matcher)
        return spans

    def _first_match_row(self, spans: dict[str, list[Span]]) -> int | None:
        for r, row in enumerate(self.comparison.rows):
            if any(spans.get(rd.passage.id) for cell in row.cells for rd in cell.readings):
                return r
        return None

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _on_choice(self, checked: bool) -> None:
        box = self.sender()
        chosen = self.shown_accounts()
        if not chosen:  # one account at least: put the box back
            if isinstance(box, QCheckBox):
                box.blockSignals(True)
                box.setChecked(True)
                box.blockSignals(False)
            self._say("At least one account is shown.")
            return
        if not self._show(chosen) and isinstance(box, QCheckBox):
            box.blockSignals(True)
            box.setChecked(not checked)
            box.blockSignals(False)

    def _on_collation(self, on: bool) -> None:
        self.columns.set_collated(on)

    # --- the passages of a cell ---

    def cell_passages(self, row: int, column: int) -> tuple[str, ...]:
        """The ids of the passages in a cell, in order."""
        return tuple(r.passage.id for r in self.comparison.rows[row].cells[column].readings)

    def chosen_passages(self) -> tuple[tuple[str, ...], str]:
        """The passages of the cell the reader is in (focused, or holding a selection) and the text selected there."""
        where = self.columns.where(QApplication.focusWidget()) or self.columns.selected_cell()
        if where is None:
            return (), ""
        return self.cell_passages(*where), self.columns.cell(*where).selectedText()

    def cell_menu(self, row: int, column: int) -> QMenu:
        """The context menu of a cell: copy the selection, read a passage in context, and what others add."""
        menu = QMenu(self)
        ids, selected = self.cell_passages(row, column), self.columns.cell(row, column).selectedText()
        if selected:
            menu.addAction("&Copy", lambda: QApplication.clipboard().setText(selected))
        for passage_id in ids:
            menu.addAction(f"Read {passage_id} in context", partial(self.open_passage.emit, passage_id))
        if ids:
            self.passage_menu.emit(menu, ids, selected)
        return menu

    def _on_cell_menu(self, row: int, column: int, pos: QPoint) -> None:
        menu = self.cell_menu(row, column)
        if not menu.isEmpty():
            menu.exec(pos)

    # --- figures ---

    def _fill_figures(self) -> None:
        comparison, only = self.comparison, self.disagreeing_box.isChecked()
        self.figures_model.set_figures([f for f in comparison.figures if f.disagrees or not only], comparison.columns)

    def _on_discrepancy_link(self, url: QUrl) -> None:
        if url.scheme() == PASSAGE_SCHEME:
            self.open_passage.emit(url.path())

    def open_figure(self, index: QModelIndex) -> None:
        """Read the passage a figure cell cites; when it cites several, choose one from a menu."""
        passages: tuple[str, ...] = index.data(PASSAGES_ROLE) or ()
        if len(passages) == 1:
            self.open_passage.emit(passages[0])
        elif passages:
            menu = QMenu(self)
            for figure in index.data(FIGURES_ROLE) or ():
                action = menu.addAction(f"{figure_line(figure)}  ({figure.passage_id})")
                action.triggered.connect(lambda _=False, pid=figure.passage_id: self.open_passage.emit(pid))
            menu.exec(QCursor.pos())

    # --- light and dark ---

    @property
    def theme(self) -> Theme:
        return self._theme

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.columns.set_theme(theme)
        self.figures_model.set_theme(theme)
        self.names_model.set_theme(theme)
        self._paint_labels()

    def _paint_labels(self) -> None:
        t, event = self._theme, self._event
        when = event.date_text or event.start or "not dated"
        places = ", ".join(self._places[:4]) + (" …" if len(self._places) > 4 else "")
        meta = " · ".join(b for b in (when, places) if b)
        self.title.setText(
            f'<span style="font-size:x-large; color:{t.accent}">{escape(event.title)}</span>'
            f'<br/><span style="color:{t.muted}">{escape(meta)}</span>'
        )
        self.event_note.setText(f'<i style="color:{t.muted}">Our note:</i> {escape(event.note)}')
        self.discrepancies.setHtml(discrepancies_html(self.comparison.discrepancies, t))
        for note in self.findChildren(QLabel, "tableNote"):
            note.setStyleSheet(f"color: {t.muted};")
        for table in (self.figures_table, self.names_table):
            table.set_theme(t)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            theme = theme_for(self.palette())
            if theme != self._theme:
                self.set_theme(theme)


_FIGURES_NOTE = (
    "Each account's numbers and dates for the same thing, with who gives them. Rows marked ≠ (tinted) "
    "are in conflict, as the editors state (see Discrepancies); figures that agree once read are not marked. "
    "Click a figure to read its passage."
)
_NAMES_NOTE = "The people and places of the event, and how each account spells them (× how often)."


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: title.rfind(" ", 0, limit)] + " …"


def _sortable(model: NamesModel, parent: QWidget) -> QSortFilterProxyModel:
    """`model` sorted by a clicked column (names and kinds A–Z, accounts by how often) and filtered by words."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)  # a name, its kind, or a spelling an account uses
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy


def _table(parent: QWidget, model: QAbstractItemModel, name: str) -> FittedTable:
    table = FittedTable(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    return table


def open_compare(
    parent: QWidget | None,
    store: Store,
    event_id: str,
    query: str = "",
    search: SearchService | None = None,
    focus: str = "",
) -> CompareView:
    """Open the compare view of `event_id` in a window of its own; `query`'s matches are marked.

    With `focus` (a passage id: the hit it was opened from), it opens at that passage's episode with
    the passage marked. Pass the window's `search` service to reuse its word lists. The window fits the
    screen. Raises UserError for an unknown event.
    """
    matcher = Matcher()
    if query.strip():
        matcher = (search or SearchService(store)).matcher_for(query)
    view = CompareView(CompareService(store), event_id, matcher, parent, focus)
    view.setWindowFlag(Qt.WindowType.Window, True)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    fit_to_screen(view, 1240, 800)
    view.show()
    return view
