"""The results' item roles, tabs and page size, as plain numbers the first window can import without
Qt's models or the search runner.

Qt.ItemDataRole.UserRole (0x0100), DisplayRole (0) and ToolTipRole (3) are written out: naming `Qt` would build
PySide6's Qt namespace (~90 enums, ~25 ms), and importing the results model would build its Qt
base classes, before the first window paints (see MainWindow).
"""

USER_ROLE, DISPLAY_ROLE, TOOLTIP_ROLE = 0x0100, 0, 3
HIT_ROLE = USER_ROLE + 1
HTML_ROLE = USER_ROLE + 2
PASSAGES_TAB, CONCORDANCE_TAB = 0, 1  # the results tabs: the hits, and the concordance of the query
RESULT_LIMIT = 50  # the hits a search shows (the best first)
