"""The main window: search field and results (or the library) beside the reader pane."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.errors import UserError
from gulagreader.core.highlight import Matcher
from gulagreader.core.library import Library
from gulagreader.core.model import Passage
from gulagreader.core.search import SearchResult, SearchService
from gulagreader.core.store import Store
from gulagreader.ui.hit_delegate import HitDelegate
from gulagreader.ui.library_html import PASSAGE_SCHEME, SOURCE_SCHEME, home_html, source_panel_html
from gulagreader.ui.reader_pane import ReaderPane
from gulagreader.ui.results_model import HIT_ROLE, ResultsModel
from gulagreader.ui.search_runner import SearchRunner
from gulagreader.ui.settings import reader_settings
from gulagreader.ui.style import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE, MUTED

HOME, RESULTS = 0, 1
_PLACEHOLDER = 'Search the accounts: a name in any spelling, "a phrase", Kengir OR Norilsk, year:1953'


class MainWindow(QMainWindow):
    """The reader's window. Built empty; `attach(store)` connects it to the corpus."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setWindowTitle("GulagReader")
        self._settings = settings if settings is not None else reader_settings()
        self._library: Library | None = None
        self._search: SearchService | None = None
        self._runner: SearchRunner | None = None
        self._passages: dict[str, list[Passage]] = {}
        self._query = ""
        self._build_search_bar()
        self._build_panes()
        self._build_shortcuts()
        self._restore()

    # --- building ---

    def _build_search_bar(self) -> None:
        self.search_field = QLineEdit(placeholderText=_PLACEHOLDER, clearButtonEnabled=True)
        self.search_field.setAccessibleName("Search")
        self.search_field.setEnabled(False)
        self.search_field.textChanged.connect(self._on_text_changed)
        self.search_field.returnPressed.connect(self._on_return)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Result count")
        self.count_label.hide()
        self.message_label = QLabel(wordWrap=True)
        self.message_label.setStyleSheet(f"color: {MUTED}")
        self.suggestion_button = QPushButton(flat=True)
        self.suggestion_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.suggestion_button.setObjectName("suggestion")
        self.suggestion_button.setAccessibleName("Did you mean")
        self.suggestion_button.hide()
        self.message_label.hide()
        self.suggestion_button.clicked.connect(self._take_suggestion)
        self._suggestion = ""

    def _build_panes(self) -> None:
        self.home = QTextBrowser(openLinks=False)
        self.home.setAccessibleName("Library")
        self.home.anchorClicked.connect(self._on_link)
        self.results_model = ResultsModel()
        self.results_view = QListView()
        self.results_view.setAccessibleName("Search results")
        self.results_view.setModel(self.results_model)
        self.results_view.setItemDelegate(HitDelegate(self.results_view))
        self.results_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.results_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results_view.setMouseTracking(True)
        self.results_view.clicked.connect(self._open_index)
        self.results_view.activated.connect(self._open_index)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.stack.addWidget(self.results_view)
        info = QHBoxLayout()
        info.setContentsMargins(2, 0, 2, 0)
        info.addWidget(self.count_label)
        info.addWidget(self.suggestion_button)
        info.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(10, 10, 6, 6)
        column.addWidget(self.search_field)
        column.addLayout(info)
        column.addWidget(self.message_label)
        column.addWidget(self.stack, 1)
        self.reader = ReaderPane()
        self.reader.status.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)
        self.source_panel = QTextBrowser(openLinks=False)
        self.source_panel.setAccessibleName("About this source")
        self.source_dock = QDockWidget("About this source", self)
        self.source_dock.setObjectName("sourceDock")
        self.source_dock.setWidget(self.source_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.source_dock)
        self.source_dock.hide()

    def _build_shortcuts(self) -> None:
        keys = {
            "Ctrl+F": self.focus_search,
            "Ctrl+L": self.focus_search,
            "Esc": self.clear_search,
            "F3": self.reader.next_match,
            "Shift+F3": self.reader.previous_match,
            "Ctrl+=": self.larger,
            "Ctrl++": self.larger,
            "Ctrl+-": self.smaller,
            "Ctrl+0": self.reset_size,
            "Ctrl+I": self.toggle_source_panel,
        }
        for key, slot in keys.items():
            QShortcut(QKeySequence(key), self, slot)

    # --- connecting to the corpus ---

    def attach(self, store: Store) -> None:
        """Show the library of `store`, and search it; restores the last query."""
        self._library = Library(store)
        self._search = SearchService(store)
        _ = self._search.lexicon  # load the word lists here, not in the first search's worker
        self._runner = SearchRunner(self._search, self)
        self._runner.finished.connect(self.show_result)
        events = self._library.events()
        self.results_model.set_event_titles({e.id: e.title for e in events})
        self.home.setHtml(home_html(self._library.sources(), events))
        self.search_field.setEnabled(True)
        self.statusBar().showMessage(" ".join(store.notices))
        last = str(self._settings.value("search/last_query", "") or "")
        if last:
            self.search_field.setText(last)
        self.focus_search()

    # --- searching ---

    @property
    def search_runner(self) -> SearchRunner | None:
        return self._runner

    @property
    def shown_query(self) -> str:
        """The query whose result is on screen ('' on the home page)."""
        return self._query

    def focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    def clear_search(self) -> None:
        """Empty the field and go back to the library."""
        self.search_field.clear()
        self.focus_search()

    def _on_text_changed(self, text: str) -> None:
        if self._runner is None:
            return
        if not text.strip():
            self._runner.cancel()
            self._show_home()
            return
        self._runner.request(text)

    def _on_return(self) -> None:
        if self.reader.match_count:
            self.reader.next_match()
        elif self.results_model.rowCount():
            self._open_index(self.results_model.index(0, 0))

    def _show_home(self) -> None:
        self._query = ""
        self.results_model.set_hits([])
        self.count_label.clear()
        self.count_label.hide()
        self.message_label.clear()
        self.message_label.hide()
        self.suggestion_button.hide()
        self.stack.setCurrentIndex(HOME)
        self.reader.set_matcher(Matcher())

    def show_result(self, result: SearchResult) -> None:
        """Show a (current) search result: hits, count, message and suggestion."""
        self._query = result.query
        self.results_model.set_hits(result.hits)
        self.stack.setCurrentIndex(RESULTS)
        self.count_label.setText(_count_text(result))
        self.count_label.show()
        self.message_label.setText(result.message)
        self.message_label.setVisible(bool(result.message))
        self._suggestion = result.suggestion or ""
        self.suggestion_button.setText(f"Did you mean: {self._suggestion}?")
        self.suggestion_button.setVisible(bool(self._suggestion))
        if self.reader.source is not None:
            self.reader.set_matcher(self._matcher())

    def _take_suggestion(self) -> None:
        if self._suggestion and self._runner is not None:
            self.search_field.blockSignals(True)
            self.search_field.setText(self._suggestion)
            self.search_field.blockSignals(False)
            self._runner.search_now(self._suggestion)

    def _matcher(self) -> Matcher:
        if self._search is None or not self._query.strip():
            return Matcher()
        return self._search.matcher_for(self._query)

    # --- opening sources ---

    def _open_index(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.open_passage(hit.passage_id)

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == SOURCE_SCHEME:
            self.open_source(url.path())
        elif url.scheme() == PASSAGE_SCHEME:
            self.open_passage(url.path())

    def open_passage(self, passage_id: str) -> None:
        """Open the source of `passage_id`, scrolled to it, with the query's matches marked."""
        if self._library is None:
            return
        try:
            source_id = self._library.passage(passage_id).source_id
        except UserError as exc:
            QMessageBox.warning(self, "GulagReader", str(exc))
            return
        self.open_source(source_id, passage_id)

    def open_source(self, source_id: str, focus: str = "") -> None:
        """Open a whole source (at passage `focus`, if given)."""
        if self._library is None:
            return
        try:
            source = self._library.source(source_id)
            if source_id not in self._passages:
                self._passages[source_id] = self._library.passages_of(source_id)
        except UserError as exc:
            QMessageBox.warning(self, "GulagReader", str(exc))
            return
        self.reader.show_source(source, self._passages[source_id], self._matcher(), focus)
        self.source_panel.setHtml(source_panel_html(source))

    def toggle_source_panel(self) -> None:
        self.source_dock.setVisible(not self.source_dock.isVisible())

    # --- type size and remembered state ---

    @property
    def point_size(self) -> int:
        return self._point_size

    def set_point_size(self, size: int) -> None:
        self._point_size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        self.reader.set_point_size(self._point_size)

    def larger(self) -> None:
        self.set_point_size(self._point_size + 1)

    def smaller(self) -> None:
        self.set_point_size(self._point_size - 1)

    def reset_size(self) -> None:
        self.set_point_size(DEFAULT_POINT_SIZE)

    def _restore(self) -> None:
        size = str(self._settings.value("reader/point_size", DEFAULT_POINT_SIZE))
        self.set_point_size(int(size) if size.isdigit() else DEFAULT_POINT_SIZE)
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            state = self._settings.value("window/state")
            if isinstance(state, QByteArray):
                self.restoreState(state)
        else:
            self.resize(1200, 780)
        splitter = self._settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([460, 740])

    def save_settings(self) -> None:
        """Remember the query, type size and layout for the next run."""
        self._settings.setValue("search/last_query", self.search_field.text())
        self._settings.setValue("reader/point_size", self._point_size)
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._settings.setValue("window/splitter", self.splitter.saveState())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if self._runner is not None:
            self._runner.wait()
        super().closeEvent(event)


def _count_text(result: SearchResult) -> str:
    if result.total == 0:
        return "No passage matches."
    noun = "passage matches" if result.total == 1 else "passages match"
    shown = f" · {len(result.hits)} shown" if len(result.hits) < result.total else ""
    return f"{result.total} {noun}{shown}"
