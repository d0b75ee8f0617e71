"""The gazetteer and the event catalogue hold what the product promises, tied to real passages."""

from __future__ import annotations

import pytest

from gulagreader.core.model import Event
from gulagreader.core.store import Store
from tests.conftest import CORPUS

REQUIRED_EVENTS = [
    "kleymyonov-1933", "lesoreid-1942", "belarusian-revolt-1945", "vorkuta-hunger-strike-1936",
    "vorkuta-brickyard-executions-1938", "east-berlin-1953", "dudinka-1953", "norilsk-1953",
    "vorkuta-1953", "kengir-1954", "katyn-1940", "holodomor", "nkvd-prison-massacres-1941",
]  # fmt: skip


def _event(store: Store, event_id: str) -> Event:
    return next(e for e in store.db.events() if e.id == event_id)


def test_required_events_have_accounts_tied_to_passages(store: Store) -> None:
    events = {e.id: e for e in store.db.events()}
    for event_id in REQUIRED_EVENTS:
        assert event_id in events, event_id
        event = events[event_id]
        assert event.accounts and event.start, event_id
        ids = [pid for a in event.accounts for pid in a.passage_ids]
        found = store.db.passages(ids)
        assert set(found) == set(ids)
        assert all(event_id in p.events for p in found.values())


def test_vorkuta_episodes_align_the_accounts(store: Store) -> None:
    vorkuta = _event(store, "vorkuta-1953")
    episodes = [e.id for e in vorkuta.episodes]
    for needed in ("arrivals", "strike-begins", "commission", "shooting", "casualties", "aftermath"):
        assert needed in episodes
    assert len({a.source_id for a in vorkuta.accounts}) >= 2
    tellers = {a.source_id for a in vorkuta.accounts if a.episodes.get("commission")}
    assert len(tellers) >= 2, "the commission from Moscow is told by more than one account"


@pytest.mark.parametrize(
    ("event_id", "subject", "what", "value", "teller"),
    [
        ("vorkuta-1953", "Camp No. 29 shooting", "killed", "42", "MVD report"),
        ("vorkuta-1953", "Camp No. 29 shooting", "wounded", "135", "MVD report"),
        ("vorkuta-1953", "Camp No. 29 shooting", "killed", "66", "written accounts"),
        ("norilsk-1953", "Camp 3 shooting (Norilsk)", "killed", "78", "Ciszek"),
        ("norilsk-1953", "Camp 3 shooting (Norilsk)", "killed", "100", "Hrytsiak"),
    ],
)
def test_figures_say_who_gives_them(
    store: Store, event_id: str, subject: str, what: str, value: str, teller: str
) -> None:
    figures = _event(store, event_id).figures
    match = [f for f in figures if f.subject == subject and f.what == what and f.value == value]
    assert match and teller in match[0].given_by
    passage = store.db.passages([match[0].passage_id])[match[0].passage_id]
    assert value in passage.text


def test_buca_gives_at_least_400_at_camp_29(store: Store) -> None:
    figures = _event(store, "vorkuta-1953").figures
    assert any("400" in f.value and "Buca" in f.given_by for f in figures)


@pytest.mark.parametrize(
    ("spelling", "variant"),
    [("Derevianko", "Derevyanko"), ("Kuznyetsov", "Kuznetsov"), ("Petchora", "Pechora")],
)
def test_gazetteer_knows_spellings_and_variants(store: Store, spelling: str, variant: str) -> None:
    entry = next(n for n in store.db.names() if spelling in n.spellings)
    assert variant in entry.variants or variant in entry.spellings


def test_every_spelling_occurs_in_the_source_files(store: Store) -> None:
    """Verbatim: in a passage, or in what a source's metadata quotes (publication chain, removed lines)."""
    text = " ".join(path.read_text(encoding="utf-8") for path in (CORPUS / "sources").glob("*.md"))
    missing = [sp for n in store.db.names() for sp in n.spellings if sp not in text]
    assert missing == []


def test_content_note_and_provenance_warning_on_the_web_compilation(store: Store) -> None:
    source = next(s for s in store.db.sources() if s.id == "russia-pictures")
    assert "antisemitic" in source.provenance_warning
    noted = [p for p in store.db.passages_of("russia-pictures") if p.content_note]
    assert any(p.kind == "caption" and "antisemitic" in p.content_note for p in noted)
    assert any(r.of == "newsletters-2003" for r in source.reprints)


def test_reprint_links_only_the_reprinted_text(store: Store) -> None:
    passages = {p.id: p for p in store.db.passages_of("russia-pictures")}
    assert passages["russia-pictures.h003"].reprint_of == "newsletters-2003.h001"
    assert passages["russia-pictures.n03"].reprint_of == "newsletters-2003.n03"
    # the compilation's own introduction ('Don't Forget Vorkuta') reprints nothing
    assert not any(passages[f"russia-pictures.p08{i}"].reprint_of for i in (4, 5, 6))
