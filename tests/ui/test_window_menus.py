"""The window's menus and actions are known by id: each part adds its entries to a menu named by id."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from gulagreader.ui.main_window import MainWindow


def test_each_part_adds_its_actions_to_the_menu_it_names(window: MainWindow) -> None:
    menus = window.menus
    in_menu = {menu_id: menus[menu_id].actions() for menu_id in ("file", "edit", "view", "help")}
    assert menus.actions["quit"] in in_menu["file"]
    for action_id in ("find", "copy-with-citation", "bookmark", "undo-bookmark", "cite-chicago"):
        assert menus.actions[action_id] in in_menu["edit"], action_id
    for action_id in ("back", "events", "compare", "names", "map", "map-search", "bookmarks", "searches"):
        assert menus.actions[action_id] in in_menu["view"], action_id
    assert menus.actions["bookmark"].shortcut() == QKeySequence("Ctrl+D")
    assert menus.actions["bookmark"] is window.bookmark_actions.bookmark_action
    assert all(a in window.actions() for a in menus.actions.values())  # the keys work with the menu bar hidden
    # the parts' entries come after the window's own, each group after a line
    edit = [a.text() for a in in_menu["edit"]]
    assert edit[:4] == ["&Find", "&Clear search", "Copy with &citation", ""] and edit[4] == "&Bookmark…"


def test_an_id_names_one_action(window: MainWindow) -> None:
    with pytest.raises(ValueError, match="bookmark"):
        window.menus.add("bookmark", "Another", (), window.close, "edit")
