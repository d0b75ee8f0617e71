"""One kiosk visit: the search bar, home, the reader, the accounts side by side, and 'My passages'.

Everything a visitor changes lives in this widget and nowhere else — no settings, no bookmarks
database, no search history — so ending a visit is throwing the widget away and making a new one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScroller,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.compare import CompareService
from gulagreader.core.errors import NotFound, UserError
from gulagreader.core.kiosk.config import KioskSettings
from gulagreader.core.kiosk.my_passages import KeptPassage, kept_passage
from gulagreader.core.library import Library
from gulagreader.core.reading import Opening, Reading
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store
from gulagreader.ui.kiosk.compare import KioskCompare
from gulagreader.ui.kiosk.home import KioskHome
from gulagreader.ui.kiosk.passages import MyPassagesPage
from gulagreader.ui.kiosk.style import SIZE_STEPS, visit_stylesheet
from gulagreader.ui.reader.pane import ReaderPane
from gulagreader.ui.roles import RESULT_LIMIT
from gulagreader.ui.search.panel import SearchPanel
from gulagreader.ui.theme import theme_for

if TYPE_CHECKING:
    from gulagreader.ui.kiosk.map_screen import KioskMapPage

HOME_PAGE, READ_PAGE, COMPARE_PAGE, PASSAGES_PAGE = range(4)
_PLACEHOLDER = "Search the accounts: a name, a place, a word"
_READER_WELCOME = (
    '<p style="color:{muted}; margin-top:48px">Touch a passage in the list to read it here, '
    "in its whole text, every match marked.</p>"
)


def visitor_count(shown: int) -> str:
    """How many passages a search found, in a visitor's words (reprints are not a visitor's concern)."""
    if shown == 0:
        return "Nothing found. Try another word."
    if shown >= RESULT_LIMIT:
        return f"Many passages found: the best {shown} are shown."
    return "1 passage found" if shown == 1 else f"{shown} passages found"


class Visit(QWidget):
    """What one visitor sees and does, from the start screen until the kiosk resets.

    Attributes:
        reading: what the visitor is reading (the query on screen, the passage open), as in the
            desktop window; the search panel and the reader pane are its views.

    Signals:
        page_changed(int): another page is shown (HOME_PAGE, READ_PAGE, ...).
    """

    page_changed = Signal(int)

    def __init__(
        self,
        store: Store,
        search: SearchService,
        library: Library,
        settings: KioskSettings,
        type_px: int = 20,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPage")
        self._store, self._search, self._library, self._settings = store, search, library, settings
        self._type_px = type_px
        self._step = 0
        self._before_compare = HOME_PAGE
        self.reading = Reading()  # what the visitor reads (a new search closes the passage)
        self.reading.attach(library, search)
        self._open_best = ""  # a suggested search: open its best passage when its results arrive
        self._portrait: bool | None = None
        self.kept: list[KeptPassage] = []
        self.compare_view: KioskCompare | None = None
        self.panel = SearchPanel(self, touch=True, place_field=False)
        self.search_field = self.panel.search_field  # in the bar at the top
        self._build_bar()
        self.home = KioskHome(store, search, settings.suggested_searches, self)
        self.home.search_requested.connect(self.search_for)
        self.home.event_chosen.connect(self.open_compare)
        self.reader = ReaderPane(self, outline=False)
        self.reader.page.setObjectName("kioskReading")  # its type size comes from the style sheet
        self.passages_page = MyPassagesPage(settings.qr_code, settings.public_url, self)
        self.passages_page.open_passage.connect(self.open_passage)
        self.passages_page.removed.connect(self.forget)
        self.passages_page.cleared.connect(self.forget_all)
        self.stack = QStackedWidget(self)
        for page in (self.home, self._read_page(), self._compare_page(), self.passages_page):
            self.stack.addWidget(page)
        self.stack.currentChanged.connect(self._on_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)
        theme = self._theme = theme_for(self.palette())
        self.panel.set_theme(theme)
        self.reader.set_theme(theme)
        self.reader.page.setHtml(_READER_WELCOME.format(muted=theme.muted))
        self.panel.attach(search, library)
        self.reading.opened.connect(self._show_opening)
        self.reading.rematched.connect(self.reader.set_matcher)
        self.reading.failed.connect(self._say_unreadable)
        self.reading.next_match.connect(lambda _: self.reader.next_match())
        self.panel.query_shown.connect(self._on_query_shown)
        self.panel.open_passage.connect(self.open_passage)
        self.panel.open_source.connect(self.open_source)
        self.search_field.textEdited.connect(self._on_typing)
        self.search_field.returnPressed.connect(self._on_return)
        self._apply_size()
        self.go_to_start()

    # --- building ---

    def _build_bar(self) -> None:
        self.bar = QFrame(self)
        self.bar.setObjectName("kioskBar")
        self.title = QLabel("GulagReader", self.bar)
        self.title.setObjectName("kioskTitle")
        self.subtitle = QLabel("Accounts of resistance\nin the Soviet camps", self.bar)
        self.subtitle.setObjectName("kioskSubtitle")
        self.search_field.setPlaceholderText(_PLACEHOLDER)
        self.search_field.setClearButtonEnabled(False)  # the on-screen keyboard has Clear
        self.back_button = self._button("← Back", "Back to where you were")
        self.back_button.clicked.connect(self.back_from_compare)
        self.back_button.hide()
        self._back_allowed = False
        self.home_button = self._button("Start", "Back to the start")
        self.home_button.clicked.connect(self.go_to_start)
        self.passages_button = self._button("My passages", "The passages you kept")
        self.passages_button.clicked.connect(self.show_passages)
        self.map_button = self._button("Map", "Where it happened: the map")  # see kiosk_map
        self.map_button.clicked.connect(self.show_map)
        self.map_page: KioskMapPage | None = None
        self.smaller_button = self._button("A−", "Smaller type")
        self.smaller_button.clicked.connect(self.smaller)
        self.larger_button = self._button("A+", "Larger type")
        self.larger_button.clicked.connect(self.larger)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        self.bar_row = QHBoxLayout()  # landscape: titles, field, buttons; portrait: titles, buttons
        self.bar_row.setSpacing(12)
        self.bar_row.addLayout(titles)
        self.bar_row.addSpacing(16)
        self.bar_row.addStretch(1)  # room between titles and buttons in portrait; the field's place in landscape
        self.bar_row.insertWidget(2, self.search_field, 1)  # moved to a line of its own on a portrait screen
        for button in (
            self.back_button,
            self.home_button,
            self.passages_button,
            self.map_button,
            self.smaller_button,
            self.larger_button,
        ):
            self.bar_row.addWidget(button)
        self.field_row = QHBoxLayout()  # portrait: the field on a line of its own, the screen's width
        bar = QVBoxLayout(self.bar)
        bar.setContentsMargins(24, 10, 20, 10)
        bar.setSpacing(10)
        bar.addLayout(self.bar_row)
        bar.addLayout(self.field_row)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self.bar)
        button.setAccessibleName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touching it leaves the keyboard's target alone
        return button

    def _read_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("kioskPage")
        QScroller.grabGesture(self.reader.page.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.keep_button = QPushButton("Keep this passage", page)
        self.keep_button.setObjectName("primary")
        self.keep_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.keep_button.clicked.connect(self.keep_current)
        self.compare_button = QPushButton("Other accounts of this event", page)
        self.compare_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.compare_button.clicked.connect(self.compare_current)
        self.status = QLabel(page, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.status.setObjectName("statusLine")
        self.reader.status.connect(self.status.setText)
        self.status.setContentsMargins(14, 0, 12, 4)
        actions = QHBoxLayout()
        actions.setContentsMargins(12, 10, 12, 6)
        actions.setSpacing(12)
        actions.addWidget(self.keep_button)
        actions.addWidget(self.compare_button)
        actions.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(0)
        right.addLayout(actions)
        right.addWidget(self.status)
        right.addWidget(self.reader, 1)
        self.read_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, page)  # top to bottom on a portrait screen
        self.read_row.setContentsMargins(12, 4, 0, 0)
        self.read_row.setSpacing(12)
        self.read_row.addWidget(self.panel, 2)
        self.read_row.addLayout(right, 3)
        self._enable_reading(False)
        return page

    # --- the screen's shape ---

    @property
    def portrait(self) -> bool:
        return bool(self._portrait)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange(event.size().height() > event.size().width())

    def arrange(self, portrait: bool) -> None:
        """Lay the visit out for a portrait (taller than wide) or a landscape screen."""
        if portrait == self._portrait:
            return
        self._portrait = portrait
        self.field_row.removeWidget(self.search_field)
        self.bar_row.removeWidget(self.search_field)
        (self.field_row if portrait else self.bar_row).insertWidget(0 if portrait else 2, self.search_field, 1)
        self.bar_row.setStretch(3 if not portrait else 2, 1 if portrait else 0)  # the stretch after the titles
        self.read_row.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        self._share_read_page()
        self.home.arrange(portrait)
        self.passages_page.arrange(portrait)
        if self.compare_view is not None:
            self.compare_view.set_count(2 if portrait else 3)

    def _compare_page(self) -> QWidget:
        self.compare_holder = QWidget(self)
        self.compare_holder.setObjectName("kioskPage")
        self.compare_layout = QVBoxLayout(self.compare_holder)
        self.compare_layout.setContentsMargins(0, 0, 0, 0)
        return self.compare_holder

    # --- where the visitor is ---

    @property
    def page(self) -> int:
        return self.stack.currentIndex()

    @property
    def shown_query(self) -> str:
        return self.panel.shown_query

    def show_page(self, page: int) -> None:
        self.stack.setCurrentIndex(page)

    def _on_page(self, page: int) -> None:
        back = page == COMPARE_PAGE and self._back_allowed
        self.back_button.setVisible(back)
        # on a portrait screen the bar has room for one of them beside the title: Back leads on from here
        self.map_button.setVisible(not (back and self.height() > self.width()))
        self.page_changed.emit(page)

    def show_map(self) -> None:
        """The map of the places the accounts tell of (built when a visitor first asks for it)."""
        if self.map_page is None:
            from gulagreader.ui.kiosk.map_screen import KioskMapPage

            self.map_page = KioskMapPage(self._store, self)
            self.map_page.open_passage.connect(self.open_passage)
            self.stack.addWidget(self.map_page)
        self.stack.setCurrentWidget(self.map_page)

    def go_to_start(self) -> None:
        """The site's start screen: home, the library, an event's accounts or a passage."""
        start = self._settings.start_screen
        kind, _, target = start.partition(":")
        self._open_best = ""
        self.search_field.clear()
        self._close_passage()
        self.search_field.setFocus()
        if kind == "event" and self._open_compare(target.strip(), remember=False):
            return
        if kind == "passage" and self.reading.open_passage(target.strip()):
            return
        self.show_page(READ_PAGE if start == "library" else HOME_PAGE)

    def search_for(self, query: str, open_best: bool = True) -> None:
        """Put `query` in the field and show its results; with `open_best`, open the best passage when they come."""
        self._close_passage()
        self._open_best = " ".join(query.split()) if open_best else ""
        self.search_field.setText(query)
        self.show_page(READ_PAGE)

    def _on_typing(self, text: str) -> None:
        self._open_best = ""
        self._close_passage()  # a new search: the old passage, and what was said about it, go
        if text.strip() and self.page != READ_PAGE:
            self.show_page(READ_PAGE)

    def _on_return(self) -> None:
        self.reading.on_return(self.reader.match_count, self.panel.first_hit())

    def _on_query_shown(self, query: str) -> None:
        self.panel.count_label.setText(visitor_count(self.panel.results_model.rowCount()))
        self.reading.show_query(query)
        if self._open_best and " ".join(query.split()) == self._open_best:
            self._open_best = ""
            best = self.panel.first_hit()
            if best:
                self.open_passage(best)

    def _close_passage(self) -> None:
        """No passage open: the reader invites a choice, the buttons about a passage are off, no status."""
        if self.reading.is_open:
            self.reader.page.setHtml(_READER_WELCOME.format(muted=self._theme.muted))
        self.reading.close()
        self.status.clear()
        self._enable_reading(False)

    # --- reading ---

    def open_passage(self, passage_id: str, occurrence: int = 0) -> None:
        """Read the source of `passage_id`, at it."""
        self.reading.open_passage(passage_id, occurrence)

    def open_source(self, source_id: str, focus: str = "", occurrence: int = 0) -> None:
        self.reading.open_source(source_id, focus, occurrence)

    def _say_unreadable(self, error: UserError) -> None:
        """A visitor is not told of a passage gone from the corpus, only that the store could not be read."""
        if not isinstance(error, NotFound):
            self.status.setText(str(error))

    def _show_opening(self, opening: Opening) -> None:
        self.reader.show_source(opening.source, opening.passages, opening.matcher, opening.focus, opening.occurrence)
        self.status.clear()
        self._enable_reading(True)
        self.show_page(READ_PAGE)

    def _enable_reading(self, on: bool) -> None:
        self.keep_button.setEnabled(on)
        self.compare_button.setEnabled(on)
        self._share_read_page()

    def _share_read_page(self) -> None:
        """Portrait: most of the height for the results until a passage is open, then for its text."""
        if hasattr(self, "read_row"):
            results = 3 if self.portrait and not self.reading.is_open else 2
            self.read_row.setStretch(0, results)
            self.read_row.setStretch(1, 2 if self.portrait and not self.reading.is_open else 3)

    # --- my passages ---

    def keep_current(self) -> None:
        """Keep the passage being read in 'My passages'."""
        passage_id = self.reader.current_passage() if self.reading.is_open else ""
        if not passage_id:
            return
        if any(k.passage_id == passage_id for k in self.kept):
            self.status.setText("This passage is already in My passages.")
            return
        try:
            self.kept.append(kept_passage(self._library, passage_id))
        except NotFound:
            return
        except UserError as exc:  # the store could not be read
            self.status.setText(str(exc))
            return
        self.status.setText("Kept. You find it under My passages.")
        self._kept_changed()

    def forget(self, passage_id: str) -> None:
        self.kept = [k for k in self.kept if k.passage_id != passage_id]
        self._kept_changed()

    def forget_all(self) -> None:
        self.kept = []
        self._kept_changed()

    def show_passages(self) -> None:
        self.show_page(PASSAGES_PAGE)

    def _kept_changed(self) -> None:
        count = len(self.kept)
        self.passages_button.setText(f"My passages ({count})" if count else "My passages")
        self.passages_page.show_passages(self.kept)

    # --- accounts side by side ---

    def compare_current(self) -> None:
        """Open the accounts of the event the passage being read tells, at that passage."""
        passage_id = self.reader.current_passage() if self.reading.is_open else ""
        try:
            events = self._library.passage(passage_id).events if passage_id else ()
        except UserError:
            events = ()
        if not events or not self._open_compare(events[0], focus=passage_id):
            self.status.setText("No other account tells the event of this passage.")

    def open_compare(self, event_id: str) -> None:
        self._open_compare(event_id)

    def _open_compare(self, event_id: str, remember: bool = True, focus: str = "") -> bool:
        try:
            view = KioskCompare(
                CompareService(self._store),
                self._library,
                event_id,
                focus,
                2 if self.portrait else 3,
                self._theme,
                self.compare_holder,
            )
        except UserError:
            return False
        if self.compare_view is not None:
            self.compare_layout.removeWidget(self.compare_view)
            self.compare_view.deleteLater()
        self.compare_view = view
        view.open_passage.connect(self.open_passage)
        self.compare_layout.addWidget(view, 1)
        QTimer.singleShot(0, view.scroll_to_focus)  # once the columns are laid out at their size
        if remember and self.page != COMPARE_PAGE:
            self._before_compare = self.page
        self._back_allowed = remember and self._before_compare != COMPARE_PAGE
        self.show_page(COMPARE_PAGE)
        self._on_page(COMPARE_PAGE)
        return True

    def back_from_compare(self) -> None:
        self.show_page(self._before_compare)

    # --- type size ---

    @property
    def size_step(self) -> int:
        return self._step

    def larger(self) -> None:
        self._step = min(SIZE_STEPS[1], self._step + 1)
        self._apply_size()

    def smaller(self) -> None:
        self._step = max(SIZE_STEPS[0], self._step - 1)
        self._apply_size()

    def set_type_px(self, type_px: int) -> None:
        """The kiosk's type size changed (another screen): this visit follows it."""
        self._type_px = type_px
        self._apply_size()

    def _apply_size(self) -> None:
        self.setStyleSheet(visit_stylesheet(self._type_px, self._step))
        self.smaller_button.setEnabled(self._step > SIZE_STEPS[0])
        self.larger_button.setEnabled(self._step < SIZE_STEPS[1])

    # --- the end ---

    def end(self) -> None:
        """Wait for a search still running, so the visit can be thrown away."""
        if self.panel.runner is not None:
            self.panel.runner.cancel()
            self.panel.runner.wait()
