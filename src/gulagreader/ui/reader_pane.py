"""The reader pane: a whole source in a serif page, its matches, and next/previous match."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.highlight import Matcher, highlights
from gulagreader.core.model import Passage, Source
from gulagreader.ui.reader_html import NOTE_SCHEME, RenderedSource, render_source
from gulagreader.ui.style import CURRENT_MATCH, DEFAULT_POINT_SIZE, INK, MEASURE_EM, READING_FAMILIES

_STYLE = f"""
body {{ color: {INK}; }}
h1 {{ font-size: x-large; font-weight: normal; margin-bottom: 4px; }}
h2 {{ font-size: large; font-weight: bold; margin-top: 18px; }}
h3, h4 {{ font-size: medium; font-weight: bold; margin-top: 14px; }}
p {{ margin-top: 0; margin-bottom: 10px; line-height: 118%; }}
blockquote {{ margin-left: 28px; margin-right: 18px; }}
"""


class _Page(QTextBrowser):
    """A text browser whose text never runs wider than `MEASURE_EM` ems."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.apply_measure()

    def apply_measure(self) -> None:
        em = self.fontMetrics().horizontalAdvance("M")
        spare = self.viewport().width() - MEASURE_EM * em
        side = max(24, spare // 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if fmt.leftMargin() != side or fmt.topMargin() != 24:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(24)
            fmt.setBottomMargin(48)
            frame.setFrameFormat(fmt)


class ReaderPane(QWidget):
    """Shows one source, scrolled to a passage, with every match of the query marked.

    Signals:
        status(str): a line for the status bar (a footnote's text, for instance).
        matches_changed(): the match count or the current match changed.
    """

    status = Signal(str)
    matches_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = _Page(self)
        self.page.setOpenLinks(False)
        self.page.setAccessibleName("Source text")
        self.page.document().setDefaultStyleSheet(_STYLE)
        self.page.anchorClicked.connect(self._on_link)
        self.page.highlighted.connect(self._on_hover)
        self.counter = QLabel(self)
        self.counter.setAccessibleName("Match counter")
        self.previous_button = _tool_button("↑", "Previous match (Shift+F3)", self)
        self.next_button = _tool_button("↓", "Next match (F3)", self)
        self.previous_button.setAccessibleName("Previous match")
        self.next_button.setAccessibleName("Next match")
        self.previous_button.clicked.connect(self.previous_match)
        self.next_button.clicked.connect(self.next_match)
        self.title = QLabel(self)
        self.title.setObjectName("readerTitle")
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 4, 8, 4)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.counter)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.page, 1)
        self._source: Source | None = None
        self._passages: list[Passage] = []
        self._notes: dict[str, str] = {}
        self._rendered = RenderedSource("", ())
        self._positions: list[tuple[int, int]] = []
        self._current = -1
        self._has_query = False
        self.set_point_size(DEFAULT_POINT_SIZE)
        self._update_counter()

    # --- what is shown ---

    @property
    def source(self) -> Source | None:
        return self._source

    @property
    def match_count(self) -> int:
        return len(self._positions)

    @property
    def current_match(self) -> int:
        """Index of the current match, or -1 when there is none."""
        return self._current

    def show_source(self, source: Source, passages: Sequence[Passage], matcher: Matcher, focus: str = "") -> None:
        """Load `source`, mark what `matcher` matches, and scroll to passage `focus` (if given)."""
        self._source = source
        self._passages = list(passages)
        self._notes = {p.id: (f"{p.label}. " if p.label else "") + p.text for p in passages if p.kind == "note"}
        self.title.setText(source.title)
        self._render(matcher, focus)
        if focus:
            self.page.scrollToAnchor(focus)
            sb = self.page.verticalScrollBar()
            sb.setValue(max(0, sb.value() - 24))
        else:
            self.page.verticalScrollBar().setValue(0)
        if self._positions:
            ids = [p.id for p in self._passages]
            self._go_to(self._rendered.first_match_at_or_after(ids, focus) if focus else 0, scroll=bool(focus))
        self._update_counter()

    def set_matcher(self, matcher: Matcher) -> None:
        """Mark the matches of a new query in the source already shown, keeping the place."""
        if self._source is None:
            return
        value = self.page.verticalScrollBar().value()
        self._render(matcher, "")
        self.page.verticalScrollBar().setValue(value)
        if self._positions:
            self._go_to(0, scroll=False)
        self._update_counter()

    def _render(self, matcher: Matcher, focus: str) -> None:
        assert self._source is not None
        self._has_query = bool(matcher)
        spans = {p.id: highlights(p.text, matcher) for p in self._passages} if matcher else {}
        self._rendered = render_source(self._source, self._passages, spans, focus)
        self.page.setHtml(self._rendered.html)
        self.page.apply_measure()
        self._positions = self._match_positions()
        self._current = -1
        self.page.setExtraSelections([])

    def _match_positions(self) -> list[tuple[int, int]]:
        found: dict[int, tuple[int, int]] = {}
        block = self.page.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                for name in fragment.charFormat().anchorNames():
                    if name.startswith("m") and name[1:].isdigit():
                        # Qt puts the anchor name on the first character only: take the length from the span
                        i = int(name[1:])
                        found[i] = (fragment.position(), fragment.position() + self._rendered.match_lengths[i])
                it += 1
            block = block.next()
        return [found[i] for i in sorted(found)]

    def match_position(self, index: int) -> tuple[int, int]:
        """Where match `index` is in the page's document: (start, end)."""
        return self._positions[index]

    def match_passage(self, index: int) -> str:
        """The id of the passage match `index` is in."""
        return self._rendered.match_passages[index]

    # --- next / previous match ---

    def next_match(self) -> None:
        if self._positions:
            self._go_to((self._current + 1) % len(self._positions))

    def previous_match(self) -> None:
        if self._positions:
            self._go_to((self._current - 1) % len(self._positions))

    def _go_to(self, index: int, scroll: bool = True) -> None:
        self._current = index
        start, end = self._positions[index]
        cursor = QTextCursor(self.page.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(CURRENT_MATCH))
        selection.format = fmt
        self.page.setExtraSelections([selection])
        if scroll:
            rect = self.page.cursorRect(cursor)
            height = self.page.viewport().height()
            if not height // 6 < rect.top() < height * 5 // 6:
                sb = self.page.verticalScrollBar()
                sb.setValue(sb.value() + rect.top() - height // 3)
        self._update_counter()

    def _update_counter(self) -> None:
        if not self._positions:
            self.counter.setText("no matches in this source" if self._has_query else "")
        else:
            self.counter.setText(f"{self._current + 1} of {len(self._positions)}")
        enabled = len(self._positions) > 0
        self.previous_button.setEnabled(enabled)
        self.next_button.setEnabled(enabled)
        self.matches_changed.emit()

    # --- type size ---

    def set_point_size(self, size: int) -> None:
        font = QFont()
        font.setFamilies(READING_FAMILIES)
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSize(size)
        self.page.setFont(font)
        self.page.document().setDefaultFont(font)
        self.page.apply_measure()

    # --- footnotes ---

    def note_text(self, url: QUrl) -> str:
        """The text of the note a footnote marker links to."""
        if url.scheme() != NOTE_SCHEME:
            return ""
        return self._notes.get(url.path(), "This note is not in the text.")

    def _on_link(self, url: QUrl) -> None:
        text = self.note_text(url)
        if text:
            QToolTip.showText(QCursor.pos(), text, self.page)
            self.status.emit(f"Note {text}")

    def _on_hover(self, url: QUrl) -> None:
        text = self.note_text(url)
        if text:
            QToolTip.showText(QCursor.pos(), text, self.page)
            self.status.emit(f"Note {text}")


def _tool_button(text: str, tip: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    return button
