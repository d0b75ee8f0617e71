"""The corpus store as the commands open it: its notices told on standard error first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gulagreader.commands.output import print_notices

if TYPE_CHECKING:
    from gulagreader.core.store import Store


def open_corpus(corpus: Path | None, *, bookmark_repairs: bool = False) -> Store:
    """The store of `corpus` (the bundled edition if None), its notices told; with `bookmark_repairs`,
    also what a repair of the bookmarks file left to say (the reading commands tell it)."""
    from gulagreader.core.store import open_store

    store = open_store(corpus)
    print_notices(store.notices)
    if bookmark_repairs:
        from gulagreader.core.bookmarks import repair as bookmarks_repair

        repairs = bookmarks_repair.pending_notices(bookmarks_repair.user_file())
        print_notices([*repairs, bookmarks_repair.CLI_HINT] if repairs else [])
    return store
