"""The results of a query: the passages found, and the concordance of the query, as two tabs.

Built just after the first window has painted (or by the first query), not with it: the library is
what a reader sees first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListView, QTabWidget, QWidget

from gulagreader.core.concordance import ConcordanceLine
from gulagreader.core.search import Hit
from gulagreader.ui.roles import CONCORDANCE_TAB, HIT_ROLE
from gulagreader.ui.search.concordance_view import LINE_ROLE, ConcordanceView
from gulagreader.ui.search.hit_delegate import HitDelegate
from gulagreader.ui.search.results_model import ResultsModel
from gulagreader.ui.style import Theme


class ResultsTabs(QTabWidget):
    """'Passages' (the hits, best first) and 'Concordance' (every occurrence in its context)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Results or concordance")
        self.tabBar().setAccessibleName("Passages or concordance")
        self.setDocumentMode(True)
        self.results_model = ResultsModel()
        self.results_view = QListView(self)
        self.results_view.setAccessibleName("Search results")
        self.results_view.setModel(self.results_model)
        self.delegate = HitDelegate(self.results_view)
        self.results_view.setItemDelegate(self.delegate)
        self.results_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.results_view.setWordWrap(True)  # else Qt keeps the old row heights when the list narrows
        self.results_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows wrap instead
        self.results_view.setMouseTracking(True)
        self.results_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.concordance = ConcordanceView(self)
        self.addTab(self.results_view, "&Passages")
        self.addTab(self.concordance, "&Concordance")

    def set_theme(self, theme: Theme) -> None:
        self.delegate.set_theme(theme)
        self.results_model.set_theme(theme)
        self.concordance.set_theme(theme)

    def current_view(self) -> QAbstractItemView:
        """The list the Down key and Enter act on: results or concordance lines."""
        return self.concordance.table if self.currentIndex() == CONCORDANCE_TAB else self.results_view

    def chosen(self) -> Hit | ConcordanceLine | None:
        """The hit or concordance line chosen in the list that has the focus (None if none)."""
        view = self.current_view()
        if QApplication.focusWidget() is not view or not view.currentIndex().isValid():
            return None
        found: Hit | ConcordanceLine = view.currentIndex().data(HIT_ROLE if view is self.results_view else LINE_ROLE)
        return found

    def tab_chain(self) -> list[QWidget]:
        """The widgets inside, in the order Tab visits them."""
        return [self, self.results_view, self.concordance.sort_box, self.concordance.table]
