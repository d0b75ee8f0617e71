"""Accounts side by side: one scrolling column per account, each episode on the same row in all of them.

Each cell is a rich-text label. Row heights are kept equal across columns (the tallest cell of a
row sets it), so with the columns' scroll bars linked the same moment stays on the same line;
unlinked, each column scrolls on its own and lines up again when linked. While a row is scrolled
past its title, the title stays pinned at the top of its column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QScrollBar, QVBoxLayout, QWidget

from gulagreader.core.compare import Comparison
from gulagreader.core.spans import Span
from gulagreader.ui.compare.markup import DETAILS_LINK, FOCUS_MARK, cell_html, column_heading_html
from gulagreader.ui.library_html import PASSAGE_SCHEME
from gulagreader.ui.style import LIGHT, READING_FAMILIES, Theme

READING_POINT_SIZE = 12


class _Cell(QLabel):
    """A row's cell in one column: its height is set by `AccountColumns.sync_rows`, never by the layout.

    Word-wrapped rich-text labels otherwise make their layout lay out every text again and again.
    """

    def hasHeightForWidth(self) -> bool:
        return False

    def sizeHint(self) -> QSize:
        return QSize(120, self.minimumHeight())

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self.minimumHeight())


class AccountColumns(QWidget):
    """Two to four accounts in columns under their sources' headings, rows aligned by episode.

    Signals:
        open_passage(str): the reader asked to read this passage in context.
        cell_menu(int, int, QPoint): a cell (row, column) was right-clicked at this point of the screen.
    """

    open_passage = Signal(str)
    cell_menu = Signal(int, int, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(14)
        self._grid.setVerticalSpacing(6)
        self._comparison: Comparison | None = None
        self._spans: Mapping[str, Sequence[Span]] = {}
        self._theme = LIGHT
        self._collated = False
        self._full_headings = False
        self._linked = True
        self._syncing = False
        self.headings: list[QLabel] = []
        self.scroll_areas: list[QScrollArea] = []
        self._cells: list[list[_Cell]] = []  # [column][row]
        self.pins: list[QLabel] = []  # per column, the title of the row scrolled past its top
        self._focus = ""
        self._pending: tuple[int, int, str] | None = None  # a place to scroll to once the rows are laid out
        self._sync = QTimer(self, singleShot=True, interval=0)
        self._sync.timeout.connect(self.sync_rows)
        self._font = QFont()
        self._font.setFamilies(READING_FAMILIES)
        self._font.setStyleHint(QFont.StyleHint.Serif)
        self._font.setPointSize(READING_POINT_SIZE)
        self._style()  # before any cell exists: each is styled once, as it is first shown

    # --- what is shown ---

    def show_comparison(
        self,
        comparison: Comparison,
        spans: Mapping[str, Sequence[Span]],
        theme: Theme,
        collated: bool,
        focus: str = "",
    ) -> None:
        """Lay out `comparison` afresh: a heading and a scrolling column per account.

        The passage (or reprint) whose id is `focus` is marked as the hit the reader chose.
        """
        self._clear()
        if theme != self._theme:
            self._theme = theme
            self._style()
        self._comparison, self._spans, self._collated, self._focus = comparison, spans, collated, focus
        for i, column in enumerate(comparison.columns):
            heading = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.RichText)
            heading.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            heading.setAccessibleName(f"Account {i + 1}: {column.source.title}")
            heading.linkActivated.connect(self._on_link)
            area = QScrollArea(self, widgetResizable=True)
            area.setFrameShape(QFrame.Shape.StyledPanel)
            area.setAccessibleName(f"Passages of {column.source.title}")
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # equal widths, no relayout loops
            page = QWidget(area)
            page.setObjectName("comparePage")
            rows = QVBoxLayout(page)
            rows.setContentsMargins(0, 0, 0, 0)
            rows.setSpacing(0)
            cells = []
            for r, row in enumerate(comparison.rows):
                label = _Cell(page, wordWrap=True, textFormat=Qt.TextFormat.RichText)
                label.setObjectName("compareGap" if row.cells[i].gap else "compareCell")
                label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
                label.setContentsMargins(14, 10, 14, 10)
                label.setFont(self._font)
                label.setAccessibleName(f"{row.title}, {column.source.title}")
                label.linkActivated.connect(self._on_link)
                label.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
                label.customContextMenuRequested.connect(
                    lambda pos, r=r, c=i, cell=label: self.cell_menu.emit(r, c, cell.mapToGlobal(pos))
                )
                rows.addWidget(label)
                cells.append(label)
            rows.addStretch(1)
            area.setWidget(page)
            pin = QLabel(area.viewport())
            pin.setObjectName("comparePin")
            pin.setTextFormat(Qt.TextFormat.PlainText)
            pin.setContentsMargins(14, 4, 14, 4)
            pin.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            pin.hide()
            self.pins.append(pin)
            area.viewport().installEventFilter(self)
            area.verticalScrollBar().valueChanged.connect(self._on_scrolled)
            self._grid.addWidget(heading, 0, i, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(area, 1, i)
            self._grid.setColumnStretch(i, 1)
            self.headings.append(heading)
            self.scroll_areas.append(area)
            self._cells.append(cells)
        self._grid.setRowStretch(1, 1)
        self._fill()

    def set_collated(self, collated: bool) -> None:
        """Mark (or stop marking) the reprints' changes, keeping the place."""
        if collated != self._collated:
            self._collated = collated
            self._fill()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._style()
        self._fill()

    def _fill(self) -> None:
        if self._comparison is None:
            return
        values = [a.verticalScrollBar().value() for a in self.scroll_areas]
        rows = self._comparison.rows
        for i, column in enumerate(self._comparison.columns):
            self.headings[i].setText(column_heading_html(column, self._theme, self._full_headings, self._collated))
            printed: dict[str, list[int]] = {}  # passage id -> the episodes (numbers) it is printed under
            for r, row in enumerate(rows):
                for reading in row.cells[i].readings if row.episode else ():
                    printed.setdefault(reading.passage.id, []).append(r + 1)
            for r, row in enumerate(rows):
                also = {pid: [n for n in numbers if n != r + 1] for pid, numbers in printed.items()}
                html = cell_html(
                    row.cells[i], self.row_title(r), column, self._spans, self._theme, self._collated, self._focus, also
                )
                self._cells[i][r].setText(html)
        self.sync_rows()
        for area, value in zip(self.scroll_areas, values, strict=True):
            area.verticalScrollBar().setValue(value)
        self.update_pins()

    def row_title(self, row: int) -> str:
        """The title a row's cells carry: '3. The strike committee' (numbered when it is an episode)."""
        assert self._comparison is not None
        found = self._comparison.rows[row]
        return f"{row + 1}. {found.title}" if found.episode else found.title

    def _style(self) -> None:
        t = self._theme
        self.setStyleSheet(
            f"QWidget#comparePage {{ background-color: {t.base}; }}"
            f"QLabel#compareCell {{ background-color: {t.base}; color: {t.ink}; border-bottom: 1px solid {t.rule}; }}"
            f"QLabel#compareGap {{ background-color: {t.hover}; color: {t.muted}; border-bottom: 1px solid {t.rule}; }}"
            f"QLabel#comparePin {{ background-color: {t.base}; color: {t.accent}; font-weight: bold;"
            f" border-bottom: 1px solid {t.rule}; }}"
        )

    def _clear(self) -> None:
        for widget in (*self.headings, *self.scroll_areas):
            self._grid.removeWidget(widget)
            widget.deleteLater()
        for i in range(self._grid.columnCount()):
            self._grid.setColumnStretch(i, 0)
        self.headings, self.scroll_areas, self._cells, self.pins = [], [], [], []

    # --- rows on the same line ---

    def sync_rows(self) -> None:
        """Give each row the height of its tallest cell, in every column."""
        if not self._cells or not self.isVisible():  # hidden, the widths are not known: wait for the resize
            return
        widths = [a.viewport().width() for a in self.scroll_areas]
        for r in range(len(self._cells[0])):
            for cells in self._cells:
                cells[r].setMinimumHeight(0)  # a label's height for a width is never below its minimum
            height = max(cells[r].heightForWidth(w) for cells, w in zip(self._cells, widths, strict=True))
            for cells in self._cells:
                cells[r].setFixedHeight(height)
        for area in self.scroll_areas:
            page = area.widget()
            layout = page.layout() if page is not None else None
            if layout is not None:
                layout.activate()
        if self._pending is not None:
            self._place()
        self.update_pins()

    # --- episode titles pinned while their row scrolls ---

    def update_pins(self) -> None:
        """In each column, pin the title of the row whose top is scrolled out of view (pushed up by the next)."""
        if self._comparison is None:
            return
        for c, (area, pin) in enumerate(zip(self.scroll_areas, self.pins, strict=True)):
            top, cells = area.verticalScrollBar().value(), self._cells[c]
            row = next((r for r, cell in enumerate(cells) if cell.y() <= top < cell.y() + cell.height()), None)
            if row is None or top <= cells[row].y() + 2:  # the row's own title is in view
                pin.hide()
                continue
            pin.setText(self.row_title(row))
            width = area.viewport().width()
            height = pin.heightForWidth(width) if pin.hasHeightForWidth() else pin.sizeHint().height()
            below = cells[row].y() + cells[row].height() - top  # the next row's top, in the viewport
            pin.setGeometry(0, min(0, below - height), width, height)
            pin.show()
            pin.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and any(watched is a.viewport() for a in self.scroll_areas):
            self._sync.start()
        return super().eventFilter(watched, event)

    # --- scrolling together ---

    @property
    def linked(self) -> bool:
        return self._linked

    def set_linked(self, linked: bool) -> None:
        """Scroll the columns together (lining them up with the first) or each on its own."""
        self._linked = linked
        if linked and self.scroll_areas:
            self._follow(self.scroll_areas[0].verticalScrollBar())

    def _on_scrolled(self, _value: int) -> None:
        bar = self.sender()
        if self._linked and not self._syncing and isinstance(bar, QScrollBar):
            self._follow(bar)
        self.update_pins()

    def _follow(self, leader: QScrollBar) -> None:
        self._syncing = True
        try:
            for area in self.scroll_areas:
                bar = area.verticalScrollBar()
                if bar is not leader:
                    bar.setValue(leader.value())
        finally:
            self._syncing = False

    def scroll_bar(self, column: int) -> QScrollBar:
        return self.scroll_areas[column].verticalScrollBar()

    def scroll_to_row(self, row: int) -> None:
        """Bring `row` to the top of the first column (the others follow when linked)."""
        if self.scroll_areas and 0 <= row < len(self._cells[0]):
            self.scroll_to_passage(row, 0, "")

    def scroll_to_passage(self, row: int, column: int, passage_id: str) -> None:
        """Bring `row` to the top of `column`; when the passage lies below the visible part, the passage.

        Before the columns are shown and laid out, this is done as soon as they are.
        """
        self._pending = (row, column, passage_id)
        self._place()

    def _place(self) -> None:
        assert self._pending is not None
        row, column, passage_id = self._pending
        if not (0 <= column < len(self._cells) and 0 <= row < len(self._cells[column])):
            self._pending = None
            return
        cell, bar = self._cells[column][row], self.scroll_bar(column)
        line = cell.fontMetrics().height()
        offset = self.passage_offset(row, column, passage_id) if passage_id else 0
        if offset + 3 * line > self.scroll_areas[column].viewport().height():  # its first lines would be hidden
            y = cell.y() + offset - 2 * line  # (a little above: the pinned title covers the top)
        else:
            y = cell.y()
        if not self.isVisible() or (y > bar.maximum() and bar.maximum() == 0):
            return  # not laid out yet: sync_rows places it
        self._pending = None
        bar.setValue(y)
        if self._linked:
            self._follow(bar)
        self.update_pins()

    def passage_offset(self, row: int, column: int, passage_id: str) -> int:
        """How far below its cell's top a passage's paragraph begins, in pixels (0 when not found).

        The cell's text is laid out again at its width: the passage is the paragraph holding its
        'read in context' link.
        """
        cell = self._cells[column][row]
        doc = QTextDocument()
        doc.setDefaultFont(cell.font())
        doc.setDocumentMargin(0)
        doc.setHtml(cell.text())
        doc.setTextWidth(cell.contentsRect().width())
        layout, href = doc.documentLayout(), f"{PASSAGE_SCHEME}:{passage_id}"
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                if it.fragment().charFormat().anchorHref() == href:
                    previous = block.previous()  # the passage's 'hit you chose' line, when marked
                    start = previous if previous.isValid() and previous.text() == FOCUS_MARK else block
                    return cell.contentsMargins().top() + int(layout.blockBoundingRect(start).top())
                it += 1
            block = block.next()
        return 0

    # --- for the view, the tests and the screenshots ---

    def cell(self, row: int, column: int) -> QLabel:
        return self._cells[column][row]

    def where(self, widget: QWidget | None) -> tuple[int, int] | None:
        """(row, column) of the cell `widget` is, or None."""
        for c, cells in enumerate(self._cells):
            for r, cell in enumerate(cells):
                if cell is widget:
                    return r, c
        return None

    def selected_cell(self) -> tuple[int, int] | None:
        """(row, column) of a cell with selected text, or None."""
        for c, cells in enumerate(self._cells):
            for r, cell in enumerate(cells):
                if cell.hasSelectedText():
                    return r, c
        return None

    def row_top(self, row: int, column: int) -> int:
        """Where `row` begins in `column`'s visible area, in pixels (negative: scrolled past)."""
        viewport = self.scroll_areas[column].viewport()
        return self._cells[column][row].mapTo(viewport, QPoint(0, 0)).y()

    def _on_link(self, link: str) -> None:
        if link == DETAILS_LINK:
            self._full_headings = not self._full_headings
            self._fill()
            return
        url = QUrl(link)
        if url.scheme() == PASSAGE_SCHEME:
            self.open_passage.emit(url.path())
