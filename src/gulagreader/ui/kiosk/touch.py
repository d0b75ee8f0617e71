"""The desk reader's widgets, adapted for a touch screen and large type in the kiosk.

Only the kiosk's own instances change: the desktop reader keeps its concordance, year fields,
mnemonics and scrolling options.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QScroller, QSizePolicy, QStyledItemDelegate

from gulagreader.ui.search.panel import SearchPanel


def fit_search_panel(panel: SearchPanel) -> None:
    """No concordance tab, no year fields, filters a finger can use, no mnemonics, swipe to scroll the results.

    The filters' labels go (each box says what it holds: "All sources", "Best match first");
    their popups get a styled delegate, so the kiosk's style sheet sizes their rows for touch.
    """
    panel.tabs.tabBar().hide()  # the concordance is for desks, not for a museum wall
    bar = panel.filter_bar  # years are typed as year:1953: spin boxes are too fiddly to touch
    for label in bar.findChildren(QLabel):
        if label.buddy() is bar.year_from or label.text() == "to":
            label.hide()
    bar.year_from.hide()
    bar.year_to.hide()
    bar.exact_box.hide()  # near spellings are found anyway; the switch is a researcher's
    panel.results_model.set_visitor_words(True)  # no passage kinds ('· note'), 'Also printed in'
    for box in (bar.source_box, bar.event_box, bar.genre_box, bar.sort_box):
        box.setItemDelegate(QStyledItemDelegate(box))  # the default one ignores ::item style rules
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(6)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    bar.sort_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # never "Best matc"
    bar.sort_box.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    panel.count_label.setWordWrap(True)
    panel.count_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    for label in panel.findChildren(QLabel):
        if label.buddy() in (bar.source_box, bar.event_box, bar.genre_box, bar.sort_box):
            label.hide()  # the boxes say what they hold; the labels only took their room
    QScroller.grabGesture(panel.results_view.viewport(), QScroller.ScrollerGestureType.TouchGesture)
