"""The desk reader's widgets, adapted for a touch screen and large type in the kiosk.

Only the kiosk's own instances change: the desktop reader keeps its concordance, year fields,
mnemonics and scrolling options.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QScroller

from gulagreader.ui.compare_view import CompareView
from gulagreader.ui.search_panel import SearchPanel

SHORT_TITLE = 26  # characters of a source's title on a compare view's check box


def fit_search_panel(panel: SearchPanel) -> None:
    """No concordance tab, no year fields, narrow filters, no mnemonics, swipe to scroll the results."""
    panel.tabs.tabBar().hide()  # the concordance is for desks, not for a museum wall
    bar = panel.filter_bar  # years are typed as year:1953: spin boxes are too fiddly to touch
    for label in bar.findChildren(QLabel):
        if label.buddy() is bar.year_from or label.text() == "to":
            label.hide()
    bar.year_from.hide()
    bar.year_to.hide()
    for box in (bar.source_box, bar.event_box, bar.genre_box, bar.sort_box):
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(6)
    panel.count_label.setWordWrap(True)
    for label in panel.findChildren(QLabel):
        if label.buddy() is not None:
            label.setText(label.text().replace("&", ""))  # no mnemonics: the Alt keys are locked
    QScroller.grabGesture(panel.results_view.viewport(), QScroller.ScrollerGestureType.TouchGesture)


def fit_compare_view(view: CompareView) -> None:
    """The row of choices short enough for one line of large type; swipe to scroll the columns."""
    view.linked_box.hide()  # the columns always scroll together here
    for box in view.account_boxes.values():
        title = box.toolTip().rsplit(" (", 1)[0]
        if len(title) > SHORT_TITLE:
            box.setText(title[: title.rfind(" ", 0, SHORT_TITLE)].rstrip(" :,–—") + " …")
    for area in view.columns.scroll_areas:
        QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
