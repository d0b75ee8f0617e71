"""Sources a site hides (settings `hidden_sources`) are not found, listed, shown or compared anywhere."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from gulagreader.cli import main
from gulagreader.core.compare import CompareService
from gulagreader.core.config import Settings
from gulagreader.core.errors import UserError
from gulagreader.core.library import Library
from gulagreader.core.search import SearchService
from gulagreader.core.search_filters import SearchFilters
from gulagreader.core.store import Store, open_store
from tests.conftest import CORPUS

HIDDEN = "russia-pictures"


@pytest.fixture
def hiding(store: Store) -> Store:
    hiding = copy.copy(store)
    hiding.hidden_sources = frozenset({HIDDEN})
    return hiding


def test_search_never_finds_a_hidden_source(store: Store, hiding: Store) -> None:
    everything = SearchService(store).search("Vorkuta", limit=200)
    assert any(h.source_id == HIDDEN or any(a.source_id == HIDDEN for a in h.also_in) for h in everything.hits)
    result = SearchService(hiding).search("Vorkuta", limit=200)
    assert result.hits and result.total < everything.total
    assert all(h.source_id != HIDDEN for h in result.hits)
    assert all(a.source_id != HIDDEN for h in result.hits for a in h.also_in)


def test_asking_for_a_hidden_source_finds_nothing(hiding: Store) -> None:
    service = SearchService(hiding)
    assert service.search(f"source:{HIDDEN} Vorkuta").total == 0
    assert service.search("Vorkuta", filters=SearchFilters(source=HIDDEN)).total == 0
    assert service.search("Vorkuta", filters=SearchFilters(genre="web compilation")).total == 0


def test_an_empty_query_still_finds_nothing(hiding: Store) -> None:
    assert SearchService(hiding).search("").hits == ()


def test_the_library_does_not_list_or_show_it(store: Store, hiding: Store) -> None:
    library = Library(hiding)
    assert HIDDEN not in {s.id for s in library.sources()}
    assert len(library.sources()) == len(Library(store).sources()) - 1
    assert not library.has_source(HIDDEN)
    with pytest.raises(UserError):
        library.source(HIDDEN)
    with pytest.raises(UserError):
        library.passage(f"{HIDDEN}.p001")
    assert library.passage("isr-1963.p001").source_id == "isr-1963"


def test_events_lose_its_accounts_and_those_only_it_tells(store: Store, hiding: Store) -> None:
    before = {e.id: e for e in Library(store).events()}
    after = {e.id: e for e in Library(hiding).events()}
    assert "holodomor" in before and "holodomor" not in after  # told only by the hidden source
    vorkuta = after["vorkuta-1953"]
    assert HIDDEN in {a.source_id for a in before["vorkuta-1953"].accounts}
    assert HIDDEN not in {a.source_id for a in vorkuta.accounts}
    assert all(f.source_id != HIDDEN for f in vorkuta.figures)


def test_compare_leaves_it_out(hiding: Store) -> None:
    service = CompareService(hiding)
    assert "holodomor" not in {e.id for e in service.events()}
    comparison = service.compare("vorkuta-1953")
    shown = {c.source.id for c in comparison.columns} | {r.id for c in comparison.columns for r in c.reprints}
    assert HIDDEN not in shown and shown
    with pytest.raises(UserError):
        service.compare("vorkuta-1953", [HIDDEN])


def test_open_store_applies_the_settings(tmp_path: Path) -> None:
    store = open_store(CORPUS, settings=Settings(hidden_sources=(HIDDEN,), notices=("a notice",)))
    assert store.hidden_sources == {HIDDEN}
    assert store.notices[0] == "a notice"


def test_the_site_file_hides_it_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "base" / "site-config" / "settings.toml"  # under GULAGREADER_BASEDIR (conftest)
    site.parent.mkdir(parents=True)
    site.write_text(f'hidden_sources = ["{HIDDEN}"]\n', encoding="utf-8")
    assert main(["sources", "--json"]) == 0
    assert HIDDEN not in {s["id"] for s in json.loads(capsys.readouterr().out)}
    assert main(["search", "--json", "--limit", "100", "Vorkuta"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert hits and all(h["source_id"] != HIDDEN for h in hits)
    assert main(["show", f"{HIDDEN}.p001"]) == 1
    assert "No passage or source" in capsys.readouterr().err
