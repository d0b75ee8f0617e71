"""The first window loads only what it shows: results, events, compare and bookmark dialog load on first use."""

from __future__ import annotations

from pathlib import Path

from tests.ui.first_window import first_window_then

LATER = ("gulagreader.ui.compare.view", "gulagreader.ui.events.view", "gulagreader.ui.bookmarks.dialog")
RESULTS = (
    "gulagreader.ui.search.results_tabs",
    "gulagreader.ui.search.results_model",
    "gulagreader.ui.search.concordance_view",
    "gulagreader.ui.search.hit_delegate",
)


def test_the_optional_views_load_when_first_used(built_store: Path, tmp_path: Path) -> None:
    lines = first_window_then(
        built_store,
        tmp_path / "base",
        f"later = {LATER!r}\n"
        "print(sorted(m for m in later if m in sys.modules))\n"
        "w.event_actions.events_action.trigger()\n"
        "print(w.event_actions.events_view is not None, sorted(m for m in later if m in sys.modules))\n"
        f"results = {RESULTS!r}\n"
        "print(sorted(m for m in results if m in sys.modules))\n"
        "w.panel.search_field.setText('Vorkuta')\n"
        "while w.panel.shown_query != 'Vorkuta':\n    app.processEvents()\n"
        "print(w.panel.results_model.rowCount() > 0, sorted(m for m in results if m in sys.modules))\n",
    )
    assert lines == [
        "[]",
        "True ['gulagreader.ui.compare.view', 'gulagreader.ui.events.view']",
        "[]",
        f"True {sorted(RESULTS)!r}",
    ]
