"""The kiosk's accounts side by side: two or three accounts of an event, most of the screen for their words.

Made for a visitor, not a researcher: no figures or names tables, no collation, no passage ids.
Each account says where it comes from in a museum label's words, and every column opens at the
part of the event the visitor was reading (the passage they came from is marked).

Signals:
    open_passage(str): read this passage in its whole account.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScroller,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.compare import Cell, Column, CompareService, Comparison
from gulagreader.core.errors import NotFound
from gulagreader.core.library import Library
from gulagreader.core.model import Source
from gulagreader.ui.style import LIGHT, Theme

READ_SCHEME = "read"
SHORT_TITLE = 30  # characters of a source's title on its choice button
NOT_TOLD = "This account does not tell this part."
OTHER_PARTS = "More from this account"
FOCUS_ANCHOR = "visitor-passage"


def short_title(title: str, limit: int = SHORT_TITLE) -> str:
    """A title cut after a whole word, for a button."""
    if len(title) <= limit:
        return title
    cut = title.rfind(" ", 0, limit)
    return title[: cut if cut > 0 else limit].rstrip(" :,–—") + " …"


def where_from(source: Source, printed_in: list[str]) -> str:
    """'Where this account comes from', as a museum label would say it (plain text)."""
    who = ", ".join(source.authors) or "The author is not named"
    when = source.date or (str(source.year) if source.year else "")
    lines = [f"{who}{', ' + when if when else ''}."]
    if source.publication:
        lines.append(f"Published in {source.publication}.")
    if printed_in:
        lines.append("Also printed in " + "; ".join(printed_in) + ".")
    if source.provenance:
        lines.append(source.provenance.removeprefix("Our note: "))
    if source.provenance_warning:
        lines.append("Please note: " + source.provenance_warning.removeprefix("Our warning: "))
    return "\n\n".join(lines)


def column_html(comparison: Comparison, index: int, focus: str, theme: Theme = LIGHT) -> str:
    """One account's words, episode by episode (anchors `part-N`), the visitor's passage marked."""
    out: list[str] = []
    for n, row in enumerate(comparison.rows):
        if row.silent:
            continue
        title = row.episode.title if row.episode is not None else OTHER_PARTS
        out.append(f'<h3 style="color:{theme.accent}"><a name="part-{n}"></a>{escape(title)}</h3>')
        cell: Cell = row.cells[index]
        if cell.gap:
            out.append(f'<p style="color:{theme.muted}"><i>{NOT_TOLD}</i></p>')
            continue
        for reading in cell.readings:
            passage = reading.passage
            mark = passage.id == focus or (reading.reprint is not None and reading.reprint.id == focus)
            style = f' style="background-color:{theme.focus}"' if mark else ""
            if mark:  # our words, set apart from the source's
                out.append(
                    f'<p style="color:{theme.muted}; margin-bottom:0"><a name="{FOCUS_ANCHOR}"></a>'
                    "<i>The passage you were reading:</i></p>"
                )
            out.append(f"<p{style}>{escape(passage.text)}</p>")
        last = cell.readings[-1].passage.id
        out.append(
            f'<p style="margin-top:0"><a href="{READ_SCHEME}:{escape(last)}" style="color:{theme.accent}">'
            "Read on in this account →</a></p>"
        )
    return "".join(out)


def focus_part(comparison: Comparison, focus: str) -> int:
    """The row (episode) that holds the passage `focus`; -1 when none does."""
    for n, row in enumerate(comparison.rows):
        for cell in row.cells:
            for reading in cell.readings:
                if focus in (reading.passage.id, reading.reprint.id if reading.reprint else ""):
                    return n
    return -1


class AccountColumn(QFrame):
    """One account: its title, who wrote it and when, 'Where this account comes from', and its words."""

    def __init__(self, column: Column, html: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountColumn")
        self.source_id = column.source.id
        self.holds_focus = False  # the visitor's passage is in this column
        self.title = QLabel(column.source.title, self, wordWrap=True)
        self.title.setObjectName("accountTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.about_button = QPushButton("Where this account comes from", self)
        self.about_button.setCheckable(True)
        self.about_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.about = QLabel(label, self, wordWrap=True)
        self.about.setObjectName("pageNote")
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.about.hide()
        self.about_button.toggled.connect(self.about.setVisible)
        self.text = QTextBrowser(self, openLinks=False)
        self.text.setObjectName("kioskReading")
        self.text.setAccessibleName(f"The account of {column.source.title}")
        self.text.setHtml(html)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        QScroller.grabGesture(self.text.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.about_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.about_button)
        layout.addWidget(self.about)
        layout.addWidget(self.text, 1)


class KioskCompare(QWidget):
    """An event's accounts, `count` side by side (the visitor's own first); see the module's docstring."""

    open_passage = Signal(str)

    def __init__(
        self,
        service: CompareService,
        library: Library,
        event_id: str,
        focus: str = "",
        count: int = 3,
        theme: Theme = LIGHT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPage")
        self._service, self._library, self._theme = service, library, theme
        self.event_id, self.focus = event_id, focus
        everything = service.compare(event_id)  # raises NotFound for an unknown event
        self.told = everything.event
        self.accounts = [c.source.id for c in everything.columns] + list(everything.hidden)
        try:
            own = library.passage(focus).source_id if focus else ""
        except NotFound:
            own = ""
        folded = {s.id: c.source.id for c in everything.columns for s in c.reprints}
        own = folded.get(own, own)
        if own in self.accounts:
            self.accounts.remove(own)
            self.accounts.insert(0, own)
        self._titles = library.titles()
        self.count = max(1, count)
        self.chosen = self.accounts[: self.count]
        heading = QLabel(self.told.title, self, wordWrap=True)
        heading.setObjectName("pageHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        summary = next((e for e in service.events() if e.id == event_id), None)
        places = ", ".join(summary.places[:3]) if summary is not None else ""  # names, not the gazetteer's ids
        when = " · ".join(p for p in (self.told.date_text, places) if p)
        told = f"Told by {len(self.accounts)} account{'s' * (len(self.accounts) != 1)}"
        self.note = QLabel(" · ".join(p for p in (when, told) if p), self, wordWrap=True)
        self.note.setObjectName("pageNote")
        self.choices = QWidget(self)
        self.choice_buttons: dict[str, QPushButton] = {}
        choices = QHBoxLayout(self.choices)
        choices.setContentsMargins(0, 0, 0, 0)
        choices.setSpacing(10)
        for source_id in self.accounts:
            button = QPushButton(short_title(self._titles.get(source_id, source_id)), self.choices)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(self._titles.get(source_id, ""))
            button.setAccessibleName(f"Show the account of {self._titles.get(source_id, '')}")
            button.clicked.connect(lambda _=False, s=source_id: self.choose(s))
            self.choice_buttons[source_id] = button
            choices.addWidget(button)
        choices.addStretch(1)
        self.columns_row = QHBoxLayout()
        self.columns_row.setSpacing(24)
        self.columns: list[AccountColumn] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 8)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.note)
        layout.addWidget(self.choices)
        layout.addLayout(self.columns_row, 1)
        self._build()

    def set_count(self, count: int) -> None:
        """Show `count` accounts side by side (two on a portrait screen, three on a landscape one)."""
        count = max(1, count)
        if count == self.count:
            return
        self.count = count
        kept = self.chosen[:count]
        self.chosen = kept + [a for a in self.accounts if a not in kept][: count - len(kept)]
        self._build()

    def choose(self, source_id: str) -> None:
        """Show `source_id`'s account, in place of the last one shown (the visitor's own stays)."""
        if source_id not in self.chosen:
            if len(self.chosen) >= self.count:
                self.chosen[-1] = source_id
            else:
                self.chosen.append(source_id)
            self._build()
        self._check_choices()

    def _check_choices(self) -> None:
        for source_id, button in self.choice_buttons.items():
            button.setChecked(source_id in self.chosen)
        self.choices.setVisible(len(self.accounts) > self.count)

    def _printed_in(self, source_id: str) -> list[str]:
        return [
            s.title for s in self._library.sources() if any(r.of == source_id for r in s.reprints) and s.id != source_id
        ]

    def _build(self) -> None:
        for old in self.columns:
            self.columns_row.removeWidget(old)
            old.deleteLater()
        comparison = self._service.compare(self.event_id, self.chosen)
        part = focus_part(comparison, self.focus)
        self.columns = []
        for i, column in enumerate(comparison.columns):
            label = where_from(column.source, self._printed_in(column.source.id))
            html = column_html(comparison, i, self.focus, self._theme)
            widget = AccountColumn(column, html, label, self)
            widget.holds_focus = FOCUS_ANCHOR in html
            widget.text.anchorClicked.connect(self._follow)
            self.columns_row.addWidget(widget, 1)
            self.columns.append(widget)
        self.part = part
        self._check_choices()
        QTimer.singleShot(0, self._line_up)
        QTimer.singleShot(0, self.scroll_to_focus)  # once the new columns are laid out at their size

    def scroll_to_focus(self) -> None:
        """Each column at the part of the event the visitor came from; theirs at the very passage."""
        if self.part < 0:
            return
        for column in self.columns:
            column.text.scrollToAnchor(FOCUS_ANCHOR if column.holds_focus else f"part-{self.part}")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._line_up)

    def _line_up(self) -> None:
        """The columns' titles as tall as the tallest, so their buttons and texts start on one line."""
        titles = [c.title for c in self.columns]
        tallest = max((t.heightForWidth(t.width()) for t in titles if t.width() > 0), default=0)
        for title in titles:
            title.setMinimumHeight(tallest)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.scroll_to_focus)

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == READ_SCHEME:
            self.open_passage.emit(url.path())
