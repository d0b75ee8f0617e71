"""One kiosk visit: the search bar, home, the reader, the accounts side by side, and 'My passages'.

Everything a visitor changes lives in this widget and nowhere else — no settings, no bookmarks
database, no search history — so ending a visit is throwing the widget away and making a new one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
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
from gulagreader.core.errors import UserError
from gulagreader.core.highlight import Matcher
from gulagreader.core.kiosk_config import KioskSettings
from gulagreader.core.library import Library
from gulagreader.core.model import Passage
from gulagreader.core.my_passages import KeptPassage, kept_passage
from gulagreader.core.search import SearchService
from gulagreader.core.store import Store
from gulagreader.ui.compare_view import CompareView
from gulagreader.ui.kiosk_home import KioskHome
from gulagreader.ui.kiosk_passages import MyPassagesPage
from gulagreader.ui.kiosk_style import SIZE_STEPS, visit_stylesheet
from gulagreader.ui.kiosk_touch import fit_compare_view, fit_search_panel
from gulagreader.ui.reader_pane import ReaderPane
from gulagreader.ui.search_panel import SearchPanel
from gulagreader.ui.theme import theme_for

HOME_PAGE, READ_PAGE, COMPARE_PAGE, PASSAGES_PAGE = range(4)
_PLACEHOLDER = "Search the accounts: a name, a place, a word"
_READER_WELCOME = (
    '<p style="color:{muted}; margin-top:48px">Choose a passage on the left to read it here, '
    "in its whole text, every match marked.</p>"
)


class Visit(QWidget):
    """What one visitor sees and does, from the start screen until the kiosk resets.

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
        self._passages: dict[str, list[Passage]] = {}
        self._before_compare = HOME_PAGE
        self.kept: list[KeptPassage] = []
        self.compare_view: CompareView | None = None
        self.panel = SearchPanel(self)
        self.search_field = self.panel.search_field
        self._build_bar()
        self.home = KioskHome(store, search, settings.suggested_searches, self)
        self.home.search_requested.connect(self.search_for)
        self.home.event_chosen.connect(self.open_compare)
        self.reader = ReaderPane(self)
        self.reader.page.setObjectName("kioskReading")  # its type size comes from the style sheet
        self.passages_page = MyPassagesPage(settings.qr_code, self)
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
        theme = theme_for(self.palette())
        self.panel.set_theme(theme)
        self.reader.set_theme(theme)
        self.reader.page.setHtml(_READER_WELCOME.format(muted=theme.muted))
        self.panel.attach(search, library)
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
        column = self.panel.layout()
        if column is not None:
            column.removeWidget(self.search_field)  # the field moves up into the bar
        self.search_field.setParent(self.bar)
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
        self.smaller_button = self._button("A−", "Smaller type")
        self.smaller_button.clicked.connect(self.smaller)
        self.larger_button = self._button("A+", "Larger type")
        self.larger_button.clicked.connect(self.larger)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(24, 10, 20, 10)
        row.setSpacing(12)
        row.addLayout(titles)
        row.addSpacing(16)
        row.addWidget(self.search_field, 1)
        row.addSpacing(12)
        for button in (
            self.back_button,
            self.home_button,
            self.passages_button,
            self.smaller_button,
            self.larger_button,
        ):
            row.addWidget(button)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self.bar)
        button.setAccessibleName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touching it leaves the keyboard's target alone
        return button

    def _read_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("kioskPage")
        fit_search_panel(self.panel)
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
        row = QHBoxLayout(page)
        row.setContentsMargins(12, 4, 0, 0)
        row.setSpacing(12)
        row.addWidget(self.panel, 2)
        row.addLayout(right, 3)
        self._enable_reading(False)
        return page

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
        self.back_button.setVisible(page == COMPARE_PAGE and self._back_allowed)
        self.page_changed.emit(page)

    def go_to_start(self) -> None:
        """The site's start screen: home, the library, an event's accounts or a passage."""
        start = self._settings.start_screen
        kind, _, target = start.partition(":")
        self.search_field.clear()
        if kind == "event" and self._open_compare(target.strip(), remember=False):
            return
        if kind == "passage" and self._read(target.strip()):
            return
        self.show_page(READ_PAGE if start == "library" else HOME_PAGE)

    def search_for(self, query: str) -> None:
        """Put `query` in the field and show its results."""
        self.search_field.setText(query)
        self.show_page(READ_PAGE)

    def _on_typing(self, text: str) -> None:
        if text.strip() and self.page != READ_PAGE:
            self.show_page(READ_PAGE)

    def _on_return(self) -> None:
        if self.reader.match_count and self.reader.source is not None:
            self.reader.next_match()
        elif self.panel.first_hit():
            self.open_passage(self.panel.first_hit())

    def _on_query_shown(self, query: str) -> None:
        if self.reader.source is not None:
            self.reader.set_matcher(self._matcher())

    def _matcher(self) -> Matcher:
        query = self.panel.shown_query
        return self._search.matcher_for(query) if query.strip() else Matcher()

    # --- reading ---

    def open_passage(self, passage_id: str, occurrence: int = 0) -> None:
        """Read the source of `passage_id`, at it."""
        self._read(passage_id, occurrence)

    def _read(self, passage_id: str, occurrence: int = 0) -> bool:
        try:
            passage = self._library.passage(passage_id)
        except UserError:
            return False
        self.open_source(passage.source_id, passage_id, occurrence)
        return True

    def open_source(self, source_id: str, focus: str = "", occurrence: int = 0) -> None:
        try:
            source = self._library.source(source_id)
            if source_id not in self._passages:
                self._passages[source_id] = self._library.passages_of(source_id)
        except UserError:
            return
        self.reader.show_source(source, self._passages[source_id], self._matcher(), focus, occurrence)
        self.status.clear()
        self._enable_reading(True)
        self.show_page(READ_PAGE)

    def _enable_reading(self, on: bool) -> None:
        self.keep_button.setEnabled(on)
        self.compare_button.setEnabled(on)

    # --- my passages ---

    def keep_current(self) -> None:
        """Keep the passage being read in 'My passages'."""
        passage_id = self.reader.current_passage() if self.reader.source is not None else ""
        if not passage_id:
            return
        if any(k.passage_id == passage_id for k in self.kept):
            self.status.setText("This passage is already in My passages.")
            return
        try:
            self.kept.append(kept_passage(self._library, passage_id))
        except UserError:
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
        """Open the accounts of the event the passage being read tells."""
        passage_id = self.reader.current_passage() if self.reader.source is not None else ""
        try:
            events = self._library.passage(passage_id).events if passage_id else ()
        except UserError:
            events = ()
        if not events or not self._open_compare(events[0]):
            self.status.setText("This passage is not part of an event with several accounts.")

    def open_compare(self, event_id: str) -> None:
        self._open_compare(event_id)

    def _open_compare(self, event_id: str, remember: bool = True) -> bool:
        try:
            view = CompareView(CompareService(self._store), event_id, self._matcher(), self.compare_holder)
        except UserError:
            return False
        if self.compare_view is not None:
            self.compare_view.deleteLater()
        self.compare_view = view
        view.open_passage.connect(self.open_passage)
        fit_compare_view(view)
        self.compare_layout.addWidget(view, 1)
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
