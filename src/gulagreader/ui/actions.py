"""The main window's menus and actions, each known by an id.

The window makes its menus; each part of it (bookmarks, events, the map) adds its actions to a
menu named by id ("edit", "view"), never found by its visible text, which mnemonics and wording
change. Every action is also the window's, so its keys work with the menu bar hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


class Menus:
    """The window's menus by id, and the actions added to them (or to no menu) by id."""

    def __init__(self, window: QMainWindow, menus: Sequence[tuple[str, str]]) -> None:
        """Add a menu to `window`'s menu bar for each (id, text) of `menus`, in order."""
        self._window = window
        bar = window.menuBar()
        self._menus: dict[str, QMenu] = {menu_id: bar.addMenu(text) for menu_id, text in menus}
        self.actions: dict[str, QAction] = {}

    def __getitem__(self, menu_id: str) -> QMenu:
        return self._menus[menu_id]

    def add(
        self,
        action_id: str,
        text: str,
        keys: Sequence[str],
        slot: Callable[..., object],
        menu: str = "",
        *,
        enabled: bool = True,
    ) -> QAction:
        """A new action `action_id` that calls `slot` on `keys`, at the end of `menu` (if one is named)."""
        if action_id in self.actions:
            raise ValueError(f"two actions with the id {action_id!r}")
        action = QAction(self._window, text=text)  # (not `QAction(text, parent)`: see FilterBar on QIcon)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])  # not setShortcut: its `Qt.Key` overload builds `Qt`
        action.triggered.connect(slot)
        action.setEnabled(enabled)
        if menu:
            self._menus[menu].addAction(action)
        self._window.addAction(action)  # keys work even with the menu bar hidden
        self.actions[action_id] = action
        return action

    def separate(self, menu_id: str) -> None:
        """A line at the end of `menu_id`, before a part's own actions."""
        self._menus[menu_id].addSeparator()
