"""The search side of the window: the field, the filters, and the library or the results.

It owns the search runner; the window only hears which query is on screen and which passage
the reader chose.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gulagreader.ui.library_html import (
    ALL_SOURCES_LINK,
    FIRST_SOURCES,
    PASSAGE_SCHEME,
    SOURCE_SCHEME,
    home_html,
    opening_html,
)
from gulagreader.ui.roles import CONCORDANCE_TAB, HIT_ROLE, RESULT_LIMIT
from gulagreader.ui.search.filter_bar import FilterBar
from gulagreader.ui.style import LIGHT, Theme

if TYPE_CHECKING:  # built after the first paint: the library is what the first window shows
    from PySide6.QtCore import QModelIndex, QUrl
    from PySide6.QtWidgets import QAbstractItemView, QListView

    from gulagreader.core.concordance import ConcordanceLine
    from gulagreader.core.library import Library
    from gulagreader.core.model import Event
    from gulagreader.core.search import Hit, SearchResult, SearchService
    from gulagreader.core.search_filters import SearchFilters
    from gulagreader.ui.search.concordance_view import ConcordanceView
    from gulagreader.ui.search.results_model import ResultsModel
    from gulagreader.ui.search.results_tabs import ResultsTabs
    from gulagreader.ui.search.runner import SearchAnswer, SearchRunner

HOME, RESULTS = 0, 1
PREPARE_AFTER_MS = 250  # after the first paint: the results tabs are not needed to show the library
_PLACEHOLDER = 'Search the accounts: a name in any spelling, "a phrase", Kengir OR Norilsk, year:1953'


class SearchPanel(QWidget):
    """Search field, filters, and the library (no query) or the results and the concordance.

    The `touch` form (the kiosk's) has the filter bar's touch form, no concordance tab, results in
    a visitor's words that a swipe scrolls, and a count that wraps. Without `place_field`, the
    search field is left for the owner to lay out (the kiosk puts it in its top bar).

    Signals:
        query_shown(str): the query whose results are now on screen ('' for the library).
        open_passage(str, int): open this passage at its n-th match.
        open_source(str): open this whole source.
        results_built(ResultsTabs): the results tabs exist now (they are built on the first query).
    """

    query_shown = Signal(str)
    open_passage = Signal(str, int)
    open_source = Signal(str)
    results_built = Signal(object)

    def __init__(self, parent: QWidget | None = None, touch: bool = False, place_field: bool = True) -> None:
        super().__init__(parent)
        self._touch = touch
        self._runner: SearchRunner | None = None
        self._query = ""
        self._answer: SearchAnswer | None = None
        self._suggestion = ""
        self._library: Library | None = None
        self._events: list[Event] = []
        self._theme = LIGHT
        self._event_titles: dict[str, str] = {}
        self._all_sources = False  # a large library lists its first sources until asked for all
        self._results: ResultsTabs | None = None
        self._concordance_at = ""  # the passage whose first concordance line to show when it arrives
        self.after_results: QWidget | None = None  # where Tab goes after the concordance
        self._listed = False  # `list_library` done
        self._finished = False  # `finish_attach` done
        self._build(place_field)

    def _build(self, place_field: bool) -> None:
        self.search_field = QLineEdit(self, placeholderText=_PLACEHOLDER, clearButtonEnabled=True)
        self.search_field.setAccessibleName("Search")
        self.search_field.setAccessibleDescription("Type a query; press Down to go to the results")
        self.search_field.textChanged.connect(self.request)
        self.search_field.installEventFilter(self)
        self.filter_bar = FilterBar(self, touch=self._touch)
        self.filter_bar.changed.connect(self.request)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleDescription("Result count")
        self.suggestion_button = QPushButton(self, flat=True)
        self.suggestion_button.setAccessibleName("Did you mean")
        self.suggestion_button.clicked.connect(self._take_suggestion)
        self.message_label = QLabel(self, wordWrap=True)
        self.message_label.setAccessibleDescription("How the query was read")
        for w in (self.count_label, self.suggestion_button, self.message_label):
            w.hide()
        # the count wraps and the suggestion may be cut rather than widen the pane;
        # the note's line is kept when it is empty, so the results do not move as notes come and go
        self.count_label.setWordWrap(True)
        self.suggestion_button.setMinimumWidth(24)
        room = self.message_label.sizePolicy()
        room.setRetainSizeWhenHidden(True)
        self.message_label.setSizePolicy(room)
        self.message_label.setMinimumHeight(self.suggestion_button.sizeHint().height())
        if self._touch:
            self.count_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.home = QTextBrowser(self, openLinks=False)
        self.home.setAccessibleName("Library")
        self.home.anchorClicked.connect(self.follow_link)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.home)
        info = QHBoxLayout()
        info.setContentsMargins(2, 0, 2, 0)
        info.addWidget(self.count_label, 1)
        info.addWidget(self.filter_bar.sort_label)
        info.addWidget(self.filter_bar.sort_box)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 10, 6, 6)
        if place_field:
            column.addWidget(self.search_field)
        column.addWidget(self.filter_bar)
        column.addLayout(info)
        notes = QHBoxLayout()
        notes.setContentsMargins(2, 0, 2, 0)
        notes.addWidget(self.suggestion_button)
        notes.addWidget(self.message_label, 1)
        column.addLayout(notes)
        column.addWidget(self.stack, 1)
        for first, second in (
            (self.search_field, self.filter_bar.source_box),
            (self.filter_bar.source_box, self.filter_bar.event_box),
            (self.filter_bar.event_box, self.filter_bar.genre_box),
            (self.filter_bar.genre_box, self.filter_bar.year_from),
            (self.filter_bar.year_from, self.filter_bar.year_to),
            (self.filter_bar.year_to, self.filter_bar.exact_box),
            (self.filter_bar.exact_box, self.filter_bar.sort_box),
            (self.filter_bar.sort_box, self.filter_bar.clear_button),
            (self.filter_bar.clear_button, self.suggestion_button),
            (self.suggestion_button, self.home),
        ):
            QWidget.setTabOrder(first, second)

    # --- the results, built on first use ---

    @property
    def tabs(self) -> ResultsTabs:
        """The passages and concordance tabs (built now if no query has been shown yet)."""
        if self._results is None:
            from gulagreader.ui.search.results_tabs import ResultsTabs

            tabs = ResultsTabs(self)
            tabs.results_model.set_event_titles(self._event_titles)
            tabs.set_theme(self._theme)
            tabs.results_view.clicked.connect(self._open_index)
            tabs.results_view.activated.connect(self._open_index)
            tabs.concordance.open_line.connect(self._open_line)
            tabs.currentChanged.connect(self._on_tab)
            if self._touch:
                tabs.tabBar().hide()  # the concordance is for desks, not for a museum wall
                tabs.results_model.set_visitor_words(True)  # no passage kinds ('· note'), 'Also printed in'
                QScroller.grabGesture(tabs.results_view.viewport(), QScroller.ScrollerGestureType.TouchGesture)
            from gulagreader.ui.accessible import name_popup

            name_popup(tabs.concordance.sort_box)
            self.stack.addWidget(tabs)
            chain = [self.home, *tabs.tab_chain(), *([self.after_results] if self.after_results else [])]
            for first, second in pairwise(chain):
                QWidget.setTabOrder(first, second)
            self._results = tabs
            self.results_built.emit(tabs)
        return self._results

    @property
    def results_view(self) -> QListView:
        return self.tabs.results_view

    @property
    def results_model(self) -> ResultsModel:
        return self.tabs.results_model

    @property
    def concordance(self) -> ConcordanceView:
        return self.tabs.concordance

    # --- connecting ---

    def attach(self, service: SearchService, library: Library, finish: bool = True) -> None:
        """Search `service`; offer `library`'s sources and events on the home page and in the filters.

        Without `finish`, the library's listing is left to `list_library`, and what searching and
        the library do not need to `finish_attach`.
        """
        self._library = library
        from gulagreader.ui.search.runner import SearchRunner  # with the store: the first window has no use for it

        self._runner = SearchRunner(service, self)
        self._runner.finished.connect(self.show_answer)
        if finish:
            self.list_library()
            self.finish_attach()

    def list_library(self) -> None:
        """Offer the library's sources and events on the home page and in the filters (once)."""
        if self._library is None or self._listed:
            return
        self._listed = True
        library = self._library
        self._events = events = library.events()
        self._event_titles = {e.id: e.title for e in events}
        if self._results is not None:
            self._results.results_model.set_event_titles(self._event_titles)
        self.filter_bar.set_choices(library.titles(), library.genres(), events)
        self._show_library()
        QTimer.singleShot(PREPARE_AFTER_MS, self, self._prepare)

    def finish_attach(self) -> None:
        """The rest of `attach` (once): what names `Qt` (building its ~90 enums, see MainWindow) or a
        screen reader's names, which the window can take a turn of the event loop after it searches.

        The count and the note quote the query: they are plain text before any answer is shown.
        """
        if self._finished:
            return
        self._finished = True
        self.suggestion_button.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)  # shown only with results
        for label in (self.count_label, self.message_label):  # they quote the query: never read it as markup
            label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.filter_bar.finish_attach()
        from gulagreader.ui.accessible import name_clear_button, name_popup

        name_clear_button(self.search_field, "Clear the search")
        for box in self.filter_bar.boxes():
            name_popup(box)

    def show_opening(self) -> None:
        """Say in the library's place that the corpus is being opened."""
        self.home.setHtml(opening_html(self._theme))

    def _prepare(self) -> None:
        """Build the results tabs once the first window is up, before the first keystroke needs them."""
        _ = self.tabs

    @property
    def runner(self) -> SearchRunner | None:
        return self._runner

    @property
    def listed(self) -> bool:
        """The library's sources and events are on the home page and in the filters."""
        return self._listed

    @property
    def shown_query(self) -> str:
        return self._query

    @property
    def shown_filters(self) -> SearchFilters | None:
        """The filters of the results on screen (None on the library page)."""
        return self._answer.request.filters if self._answer else None

    def set_theme(self, theme: Theme) -> None:
        """Colour the library, the rows and the messages for a new palette."""
        self._theme = theme
        if self._listed:
            self._show_library()
        if self._results is not None:
            self._results.set_theme(theme)
        palette = self.message_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.muted))
        self.message_label.setPalette(palette)

    # --- searching ---

    def request(self) -> None:
        """Search for the field's text with the filters (the library when both are empty)."""
        if self._runner is None:
            return
        text, filters = self.search_field.text(), self.filter_bar.filters()
        if not text.strip() and not filters.narrowing:
            self._runner.cancel()
            self.show_home()
            return
        want = self._results is not None and self._results.currentIndex() == CONCORDANCE_TAB
        from gulagreader.ui.search.runner import SearchRequest  # (loaded by `attach`)

        self._runner.request(SearchRequest(text, filters, concordance=want))

    def clear(self) -> None:
        """Esc: empty the field; when it is already empty, clear the filters."""
        if not self.search_field.text() and self.filter_bar.filters().narrowing:
            self.filter_bar.clear()
        self.search_field.clear()
        self.search_field.setFocus()

    def show_home(self) -> None:
        self._query = ""
        self._answer = None
        if self._results is not None:
            self._results.results_model.set_hits([])
            self._results.concordance.show_concordance(None)
        for w in (self.count_label, self.message_label, self.suggestion_button):
            w.hide()
        self.stack.setCurrentIndex(HOME)
        self.query_shown.emit("")

    def show_answer(self, found: SearchAnswer) -> None:
        """Show a (current) answer: hits, count, message, suggestion and perhaps the concordance."""
        result = found.result
        self.list_library()  # (at start-up an answer may come before these: the event titles, the names)
        self.finish_attach()
        self._answer = found
        if found.concordance is None and self.tabs.currentIndex() == CONCORDANCE_TAB:
            self.request()  # the concordance tab was chosen while this answer was on its way
        self._query = result.query
        self.results_model.set_hits(result.hits)
        if found.concordance is not None:
            self.concordance.show_concordance(found.concordance)
            self._go_to_concordance_line()
        else:  # never the lines of the query before: they come with the next answer if asked for
            self.concordance.show_pending()
        self.stack.setCurrentIndex(RESULTS)
        self.count_label.setText(count_text(result))
        self.count_label.show()
        self.message_label.setText(result.message)
        self.message_label.setVisible(bool(result.message))
        self._suggestion = result.suggestion or ""
        self.suggestion_button.setText(f"Did you mean: {self._suggestion}?")
        self.suggestion_button.setVisible(bool(self._suggestion))
        self.query_shown.emit(result.query)

    def _on_tab(self, index: int) -> None:
        if index == CONCORDANCE_TAB and (self._answer is None or self._answer.concordance is None):
            self.request()

    def show_concordance_tab(self) -> None:
        """Ctrl+K: the concordance, at the first line of the hit chosen in the results (if any)."""
        current = self.results_view.currentIndex()
        hit = current.data(HIT_ROLE) if current.isValid() else None
        self._concordance_at = hit.passage_id if hit is not None else ""
        self.tabs.setCurrentIndex(CONCORDANCE_TAB)
        self.concordance.table.setFocus()
        self._go_to_concordance_line()

    def _go_to_concordance_line(self) -> None:
        """Choose and show the first concordance line of the hit the concordance was opened from."""
        if not self._concordance_at or self._answer is None or self._answer.concordance is None:
            return
        if self.concordance.show_passage(self._concordance_at):
            self._concordance_at = ""

    def _take_suggestion(self) -> None:
        if self._suggestion:
            self.search_field.setText(self._suggestion)

    # --- choosing ---

    def current_view(self) -> QAbstractItemView:
        """The list the Down key and Enter act on: results or concordance lines."""
        return self.tabs.current_view()

    def chosen_hit(self) -> Hit | None:
        """The hit chosen in the results list, if that list has the focus."""
        from gulagreader.core.search import Hit  # loaded with the store, before any result

        chosen = self._results.chosen() if self._results is not None else None
        return chosen if isinstance(chosen, Hit) else None

    def chosen_passage(self) -> str:
        """The passage of the hit or concordance line chosen in the list that has the focus ('' if none)."""
        chosen = self._results.chosen() if self._results is not None else None
        return chosen.passage_id if chosen is not None else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self.stack.currentIndex() == RESULTS and event.key() == QtCore.Qt.Key.Key_Down:
                view = self.current_view()
                if view.model().rowCount():
                    view.setFocus()
                    if not view.currentIndex().isValid():
                        view.setCurrentIndex(view.model().index(0, 0))
                    return True
        return super().eventFilter(watched, event)

    def first_hit(self) -> str:
        """The passage id of the first result ('' when there is none)."""
        if self._results is None or not self._results.results_model.rowCount():
            return ""
        return self._results.results_model.hit(0).passage_id

    def _open_index(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.open_passage.emit(hit.passage_id, 0)

    def _open_line(self, line: ConcordanceLine) -> None:
        self.open_passage.emit(line.passage_id, line.occurrence)

    def follow_link(self, url: QUrl) -> None:
        """Open what a `source:` or `passage:` link names; `library:all` lists every source."""
        if url.scheme() == SOURCE_SCHEME:
            self.open_source.emit(url.path())
        elif url.scheme() == PASSAGE_SCHEME:
            self.open_passage.emit(url.path(), 0)
        elif url.toString() == ALL_SOURCES_LINK:
            self._all_sources = True
            self._show_library()

    def _show_library(self) -> None:
        assert self._library is not None
        sources = self._library.sources(None if self._all_sources else FIRST_SOURCES)
        total = len(self._library.titles())
        self.home.setHtml(home_html(sources, total, self._events, self._theme))


def count_text(result: SearchResult) -> str:
    """'9 passages match', with how many more are reprints or beyond the first page of results."""
    if result.total == 0:
        return "No passage matches."
    shown = len(result.hits)
    if shown >= RESULT_LIMIT:
        return f"{result.total:,} passages match · the best {shown} shown"
    reprints = result.total - shown
    noun = "passage matches" if shown == 1 else "passages match"
    extra = f" (and {reprints} reprint{'s' if reprints != 1 else ''} of them)" if reprints > 0 else ""
    return f"{shown} {noun}{extra}"
