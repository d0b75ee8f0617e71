"""The search history keeps one entry per search: one made again moves to now (case and spacing aside)."""

from __future__ import annotations

import random
from pathlib import Path

from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.bookmarks.model import PastSearch


def test_the_history_keeps_one_entry_per_search_whatever_the_order(tmp_path: Path) -> None:
    db = BookmarksDB(tmp_path / "bookmarks.sqlite")
    rng = random.Random(16)
    queries = ["Vorkuta", "vorkuta ", "Kengir", "Norilsk  revolt", "norilsk revolt", "strike"]
    filters = [{}, {"source": "lituanus-2005"}]
    made = []
    for i in range(60):
        query, chosen = rng.choice(queries), rng.choice(filters)
        db.add_past_search(PastSearch(query.strip(), chosen, f"2026-01-01T00:00:{i:02d}"))
        made.append((" ".join(query.casefold().split()), tuple(sorted(chosen.items()))))
    past = db.past_searches(50)
    keys = [(" ".join(p.query.casefold().split()), tuple(sorted(p.filters.items()))) for p in past]
    assert len(keys) == len(set(keys)) == len(set(made))
    newest_first = list(dict.fromkeys(reversed(made)))
    assert keys == newest_first
