"""The reader pane: a whole source in a serif page, its matches, and next/previous match."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from gulagreader.ui.reader.markup import (
    NOTE_SCHEME,
    TERM_SCHEME,
    RenderedSource,
    note_texts,
    render_source,
    short,
    welcome_html,
)
from gulagreader.ui.reader.page import ReadingPage, Title
from gulagreader.ui.selection import shown_span, text_span
from gulagreader.ui.style import DEFAULT_POINT_SIZE, LIGHT, READING_FAMILIES, Theme

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextCharFormat

    from gulagreader.core.glossary import Term, TermFinder
    from gulagreader.core.highlight import Matcher
    from gulagreader.core.model import Passage, Source

_STYLE = """
h1 { font-size: x-large; font-weight: normal; margin-bottom: 4px; }
h2 { font-size: large; font-weight: bold; margin-top: 18px; }
h3, h4 { font-size: medium; font-weight: bold; margin-top: 14px; }
p { margin-top: 0; margin-bottom: 10px; line-height: 118%; }
blockquote { margin-left: 28px; margin-right: 18px; }
"""


class ReaderPane(QWidget):
    """Shows one source, scrolled to a passage, with every match of the query marked.

    Signals:
        status(str): a line for the status bar (a footnote's text, for instance).
        matches_changed(): the match count or the current match changed.
    """

    status = Signal(str)
    matches_changed = Signal()

    def __init__(self, parent: QWidget | None = None, outline: bool = True) -> None:
        """`outline`: offer the source's headings (the kiosk's visitors have no use for them)."""
        super().__init__(parent)
        self.page = ReadingPage(self, keep=self._keep_in_place)
        self.page.setOpenLinks(False)
        self.page.setAccessibleName("Source text")
        self.page.document().setDefaultStyleSheet(_STYLE)
        self.page.anchorClicked.connect(self._on_link)
        self.page.highlighted.connect(self._on_hover)
        self.page.note_key.connect(self.go_to_note)
        self.page.focused.connect(self._at_reading_position)
        self.counter = QLabel(self)
        self.counter.setAccessibleDescription("Match counter")
        self.previous_button = _tool_button("↑", "Previous match (Shift+F3)", self)
        self.next_button = _tool_button("↓", "Next match (F3)", self)
        self.previous_button.setAccessibleName("Previous match")
        self.next_button.setAccessibleName("Next match")
        self.previous_button.clicked.connect(self.previous_match)
        self.next_button.clicked.connect(self.next_match)
        self.outline_button = _tool_button("Outline", "Go to a heading of this source (Ctrl+Shift+O)", self)
        self.outline_button.setAccessibleName("Outline of this source")
        self.outline_menu = QMenu(self.outline_button)
        self.outline_button.setMenu(self.outline_menu)
        self.outline_button.clicked.connect(self.show_outline)
        self.outline_button.setEnabled(False)
        self.title = Title(self)
        self.title.setObjectName("readerTitle")
        # a long title must not make the window wider than the screen: it is elided, and shown whole on hover
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar = self.tool_bar = QHBoxLayout()  # others may add their buttons at its end
        bar.setContentsMargins(12, 4, 8, 4)
        bar.addWidget(self.title, 1)
        bar.addSpacing(12)  # the title, cut with '…', never runs into what follows it
        bar.addWidget(self.outline_button)
        self.outline_button.setVisible(outline)
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
        self._note_marks: list[tuple[int, int, str]] = []  # footnote markers on the page: start, end, href
        self._definitions: dict[str, str] = {}  # glossary term id -> 'term (our definition): ...'
        self._glossary: TermFinder | None = None
        self._rendered = RenderedSource("", ())
        self._positions: list[tuple[int, int]] = []
        self._starts: list[int] = []  # where each passage begins in the page, in order
        self._start_ids: list[str] = []
        self._current = -1
        self._marks: list[QTextEdit.ExtraSelection] = []  # bookmarked text, kept under the current match
        self._bookmark_passage = ""  # the passage of the bookmark marked, while the counter speaks of it
        self._has_query = False
        self._matcher: Matcher | None = None  # what the page marks (None: no query)
        self._focus = ""
        self._theme = LIGHT
        self.set_point_size(DEFAULT_POINT_SIZE)
        self.page.setHtml(welcome_html(self._theme))
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

    def show_source(
        self, source: Source, passages: Sequence[Passage], matcher: Matcher, focus: str = "", occurrence: int = 0
    ) -> None:
        """Load `source`, mark what `matcher` matches, and scroll to passage `focus` (if given).

        The current match is the first in `focus` (or after it), or its `occurrence`-th match.
        """
        self._source = source
        self._passages = list(passages)
        self._notes = note_texts(passages)
        self._fill_outline()
        self.title.setText(source.title)
        self.title.setToolTip(source.title)
        self._render(matcher, focus)
        if focus:
            self.page.scrollToAnchor(focus)
            sb = self.page.verticalScrollBar()
            sb.setValue(max(0, sb.value() - 24))
        else:
            self.page.verticalScrollBar().setValue(0)
        if self._positions:
            ids = [p.id for p in self._passages]
            first = self._rendered.first_match_at_or_after(ids, focus) if focus else 0
            wanted = first + occurrence
            if occurrence and wanted < len(self._positions) and self.match_passage(wanted) == focus:
                first = wanted
            self._go_to(first, scroll=bool(focus))
        self._update_counter()

    def set_matcher(self, matcher: Matcher) -> None:
        """Mark the matches of a new query in the source already shown.

        The current match becomes the first one from the passage in view on (the first of the
        source after the last), brought into view, so the counter speaks of what is on the page;
        with no match in the source the counter says so.
        """
        if self._source is None:
            return
        value = self.page.verticalScrollBar().value()
        top = self._passage_in_view()
        self._render(matcher, "")
        self.page.verticalScrollBar().setValue(value)
        if self._positions:
            self._go_to(self._first_match_from(top))
        self._update_counter()

    def _first_match_from(self, passage_id: str) -> int:
        """The first match in `passage_id` or after it (the source's first when none is after)."""
        ids = [p.id for p in self._passages]
        if passage_id not in ids:
            return 0
        first = self._rendered.first_match_at_or_after(ids, passage_id)
        return first if 0 <= first < len(self._positions) else 0

    def set_theme(self, theme: Theme) -> None:
        """Colour the page for a new palette, keeping the place and the current match."""
        self._theme = theme
        self.page.focus_colour = theme.accent
        if self._source is None:
            self.page.setHtml(welcome_html(theme))
            return
        value, current = self.page.verticalScrollBar().value(), self._current
        self._render(self._matcher, self._focus)
        self.page.verticalScrollBar().setValue(value)
        if 0 <= current < len(self._positions):
            self._go_to(current, scroll=False)

    def _render(self, matcher: Matcher | None, focus: str) -> None:
        from gulagreader.core.highlight import highlights  # with the first source, not the first window

        assert self._source is not None
        self._has_query = bool(matcher)
        self._matcher, self._focus = matcher, focus
        spans = {p.id: highlights(p.text, matcher) for p in self._passages} if matcher else {}
        self._rendered = render_source(self._source, self._passages, spans, focus, self._theme, self._glossary)
        self.page.setHtml(self._rendered.html)
        self.page.apply_measure()
        self._positions = self._scan()
        self._current = -1
        self._marks = []
        self._bookmark_passage = ""
        self.page.setExtraSelections([])

    def _scan(self) -> list[tuple[int, int]]:
        """Find the match anchors (returned) and the passage anchors (kept) in the laid-out page."""
        found: dict[int, tuple[int, int]] = {}
        passage_ids = {p.id for p in self._passages}
        self._starts, self._start_ids = [], []
        self._note_marks = []
        block = self.page.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                href = fragment.charFormat().anchorHref()
                if href.startswith(f"{NOTE_SCHEME}:"):
                    self._note_marks.append((fragment.position(), fragment.position() + fragment.length(), href))
                for name in fragment.charFormat().anchorNames():
                    if name in passage_ids:
                        self._starts.append(fragment.position())
                        self._start_ids.append(name)
                    elif name.startswith("m") and name[1:].isdigit():
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

    def _keep_in_place(self) -> int:
        """The current match when it is in view, else the line at the top of the page."""
        if 0 <= self._current < len(self._positions):
            start = self._positions[self._current][0]
            cursor = QTextCursor(self.page.document())
            cursor.setPosition(start)
            if 0 <= self.page.cursorRect(cursor).top() < self.page.viewport().height():
                return start
        return self.page.cursorForPosition(QPoint(0, 0)).position()

    def passage_at(self, position: int) -> str:
        """The id of the passage at `position` of the page's document ('' before the first)."""
        i = bisect_right(self._starts, position) - 1
        return self._start_ids[i] if i >= 0 else (self._start_ids[0] if self._start_ids else "")

    def selected_text(self) -> str:
        """The text the reader has selected on the page, as plain text."""
        return self.page.textCursor().selection().toPlainText().strip()

    def current_passage(self) -> str:
        """The passage the reader is at: the selection's, the current match's, or the one opened."""
        cursor = self.page.textCursor()
        if cursor.hasSelection():
            return self.passage_at(cursor.selectionStart())
        if 0 <= self._current < len(self._positions):
            return self.match_passage(self._current)
        if self._focus:
            return self._focus
        return self._passage_in_view()

    # --- selections in passage offsets, and marked text ---

    def _passage_block(self, passage_id: str) -> tuple[int, str, str] | None:
        """Where `passage_id` begins on the page, its text as laid out from there, and its own text."""
        if passage_id not in self._start_ids:
            return None
        at = self._starts[self._start_ids.index(passage_id)]
        block = self.page.document().findBlock(at)
        passage = next(p for p in self._passages if p.id == passage_id)
        return at, block.text()[at - block.position() :], passage.text

    def selection_span(self) -> tuple[str, int, int] | None:
        """The selection as (passage id, start, end) offsets into that passage's text, or None.

        A selection running over several passages is cut at the end of the first.
        """
        cursor = self.page.textCursor()
        if not cursor.hasSelection() or not self._start_ids:
            return None
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        passage_id = self.passage_at(start)
        found = self._passage_block(passage_id)
        if found is None:
            return None
        at, shown, text = found
        span = text_span(shown, text, start - at, end - at)
        return (passage_id, *span) if span else None

    def mark_span(self, passage_id: str, start: int, end: int) -> bool:
        """Mark `text[start:end]` of passage `passage_id` on the page and bring it into view."""
        found = self._passage_block(passage_id)
        span = shown_span(found[1], found[2], start, end) if found else None
        if found is None or span is None:
            return False
        cursor = QTextCursor(self.page.document())
        cursor.setPosition(found[0] + span[0])
        cursor.setPosition(found[0] + span[1], QTextCursor.MoveMode.KeepAnchor)
        mark = QTextEdit.ExtraSelection()
        mark.cursor = cursor
        fmt = _char_format()
        fmt.setBackground(QColor(self._theme.selected))
        fmt.setForeground(QColor(self._theme.ink))
        fmt.setUnderlineStyle(fmt.UnderlineStyle.SingleUnderline)  # the tint alone is faint on a tint
        fmt.setUnderlineColor(QColor(self._theme.accent))
        mark.format = fmt
        self._marks = [mark]
        self._current = -1  # the counter speaks of the bookmark; F3 goes on to the matches after it
        self._bookmark_passage = passage_id
        self.page.setExtraSelections(self._marks)
        bar = self.page.verticalScrollBar()
        top = QTextCursor(self.page.document().findBlock(cursor.selectionStart()))
        bar.setValue(bar.value() + self.page.cursorRect(top).top() - 24)
        self._update_counter()
        return True

    def marked_text(self) -> str:
        """The text marked by `mark_span` ('' when none)."""
        return self._marks[0].cursor.selectedText().replace("\u2028", "\n") if self._marks else ""

    # --- next / previous match ---

    def next_match(self) -> None:
        if not self._positions:
            return
        if self._current < 0:  # at a bookmark, or nothing chosen yet: the first match from the passage in view
            self._go_to(self._first_match_from(self._bookmark_passage or self._passage_in_view()))
        else:
            self._go_to((self._current + 1) % len(self._positions))

    def previous_match(self) -> None:
        if not self._positions:
            return
        if self._current < 0:
            first = self._first_match_from(self._bookmark_passage or self._passage_in_view())
            self._go_to((first - 1) % len(self._positions))
        else:
            self._go_to((self._current - 1) % len(self._positions))

    def _passage_in_view(self) -> str:
        """The passage at the top of the page as it is scrolled now."""
        return self.passage_at(self.page.cursorForPosition(QPoint(0, 0)).position())

    def _go_to(self, index: int, scroll: bool = True) -> None:
        self._current = index
        start, end = self._positions[index]
        cursor = QTextCursor(self.page.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = _char_format()
        fmt.setBackground(QColor(self._theme.current_match))
        fmt.setForeground(QColor(self._theme.current_ink))
        selection.format = fmt
        self.page.setExtraSelections([*self._marks, selection])
        if scroll:
            rect = self.page.cursorRect(cursor)
            height = self.page.viewport().height()
            if not height // 6 < rect.top() < height * 5 // 6:
                sb = self.page.verticalScrollBar()
                sb.setValue(sb.value() + rect.top() - height // 3)
        self._update_counter()

    def _update_counter(self) -> None:
        count = len(self._positions)
        if self._bookmark_passage and self._current < 0:
            matches = f" · {count} match{'es' * (count != 1)} in this source (F3)" if count else ""
            self.counter.setText(f"Your bookmark{matches}")
        elif not count:
            self.counter.setText("no matches in this source" if self._has_query else "")
        elif self._current < 0:
            self.counter.setText(f"{count} match{'es' * (count != 1)} in this source")
        else:
            self.counter.setText(f"{self._current + 1} of {count}")
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

    # --- footnotes and glossary terms ---

    def set_glossary(self, terms: Sequence[Term]) -> None:
        """Underline the glossary's terms in the sources shown from now on; hover or click gives our definition."""
        from gulagreader.core.glossary import TermFinder

        self._glossary = TermFinder(terms) if terms else None
        self._definitions = {t.id: f"{t.term} (our definition): {t.definition}" for t in terms}

    def note_text(self, url: QUrl) -> str:
        """The text of the note a footnote marker links to, or our definition of a glossary term."""
        if url.scheme() == TERM_SCHEME:
            return self._definitions.get(url.path(), "")
        if url.scheme() != NOTE_SCHEME:
            return ""
        return self._notes.get(url.path(), "This note is not in the text.")

    def _on_link(self, url: QUrl) -> None:
        self._on_hover(url)

    def _on_hover(self, url: QUrl) -> None:
        text = self.note_text(url)
        if text:
            QToolTip.showText(QCursor.pos(), text, self.page)
            self.status.emit(f"Glossary: {text}" if url.scheme() == TERM_SCHEME else f"Note {text}")
        else:  # the pointer left the marker: its note goes with it
            QToolTip.hideText()

    def go_to_note(self, forward: bool = True) -> None:
        """N / Shift+N: select the next (previous) footnote marker from the cursor, and show its note."""
        if not self._note_marks:
            self.status.emit("This source has no footnote markers.")
            return
        at = self.page.textCursor().selectionStart()
        after = [m for m in self._note_marks if (m[0] > at if forward else m[0] < at)]
        start, end, href = (after[0] if forward else after[-1]) if after else self._note_marks[0 if forward else -1]
        cursor = QTextCursor(self.page.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.page.setTextCursor(cursor)
        self.page.ensureCursorVisible()
        from PySide6.QtCore import QUrl

        text = self.note_text(QUrl(href))
        where = self.page.viewport().mapToGlobal(self.page.cursorRect(cursor).bottomRight())
        QToolTip.showText(where, text, self.page)
        self.status.emit(f"Note {text}")

    def _at_reading_position(self) -> None:
        """Focus on the page puts the cursor where the reader is (the current match, or the top line)."""
        if self.page.textCursor().hasSelection():
            return
        if 0 <= self._current < len(self._positions):
            position = self._positions[self._current][0]
        else:
            position = self.page.cursorForPosition(QPoint(0, 0)).position()
        value = self.page.verticalScrollBar().value()
        cursor = QTextCursor(self.page.document())
        cursor.setPosition(position)
        self.page.setTextCursor(cursor)
        self.page.verticalScrollBar().setValue(value)

    # --- the outline ---

    def _fill_outline(self) -> None:
        self.outline_menu.clear()
        for passage in self._passages:
            if passage.kind == "heading":
                indent = "    " * max(0, passage.level - 1)
                action = self.outline_menu.addAction(indent + short(passage.text))
                action.triggered.connect(lambda _=False, pid=passage.id: self.go_to_passage(pid))
        self.outline_button.setEnabled(not self.outline_menu.isEmpty())

    def show_outline(self) -> None:
        """Ctrl+Shift+O: the source's headings, to go to one."""
        if not self.outline_menu.isEmpty():
            self.outline_menu.popup(self.outline_button.mapToGlobal(self.outline_button.rect().bottomLeft()))

    def go_to_passage(self, passage_id: str) -> None:
        """Scroll the page to `passage_id` (a heading chosen in the outline, say)."""
        self.page.scrollToAnchor(passage_id)
        if passage_id in self._start_ids:
            cursor = QTextCursor(self.page.document())
            cursor.setPosition(self._starts[self._start_ids.index(passage_id)])
            self.page.setTextCursor(cursor)


def _tool_button(text: str, tip: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    return button


def _char_format() -> QTextCharFormat:
    from PySide6.QtGui import QTextCharFormat  # its enums take ~3 ms to build: not before a source is shown

    return QTextCharFormat()
