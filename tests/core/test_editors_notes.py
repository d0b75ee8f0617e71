"""Our notes on events and figures, the discrepancies the editors state, and the kinds of events."""

from __future__ import annotations

from pathlib import Path

import pytest

from gulagreader.core.compare import CompareService, Comparison
from gulagreader.core.corpus_loader import load_corpus
from gulagreader.core.figure_table import FigureRow
from gulagreader.core.model import EVENT_KINDS, Event
from gulagreader.core.store import Store


@pytest.fixture(scope="module")
def service(store: Store) -> CompareService:
    return CompareService(store)


def _event(store: Store, event_id: str) -> Event:
    return next(e for e in store.db.events() if e.id == event_id)


def _figure(c: Comparison, subject: str, what: str) -> FigureRow:
    return next(f for f in c.figures if f.subject == subject and f.what == what)


def test_event_and_figure_notes_reach_the_store(store: Store) -> None:
    """Every `note` the catalogue writes on an event or a figure is in the built store, word for word."""
    import tomllib

    from tests.conftest import CORPUS

    catalogue = tomllib.loads((CORPUS / "events.toml").read_text(encoding="utf-8"))["event"]
    written = {(e["id"], None): e["note"] for e in catalogue if "note" in e}
    written |= {
        (e["id"], (f["passage"], f["value"])): f["note"] for e in catalogue for f in e.get("figure", []) if "note" in f
    }
    assert len(written) > 30
    stored = {}
    for event in store.db.events():
        if event.note:
            stored[(event.id, None)] = event.note
        for f in event.figures:
            if f.note:
                stored[(event.id, (f.passage_id, f.value))] = f.note
    assert stored == written


def test_notes_in_the_comparison(service: CompareService) -> None:
    vorkuta = service.compare("vorkuta-1953")
    baltic = _figure(vorkuta, "Camp No. 29 shooting: Baltic prisoners killed", "killed")
    assert "sixteen in all" in baltic.cells[0][0].note
    norilsk = service.compare("norilsk-1953")
    hrytsiak = [f for cell in _figure(norilsk, "Camp 3 shooting (Norilsk)", "killed").cells for f in cell]
    assert any("Camp 3 alone" in f.note for f in hrytsiak)
    assert "one sentence" in service.compare("lena-1912").event.note


def test_values_that_agree_once_read_are_not_flagged(service: CompareService) -> None:
    """A date and 'the end of that month', a count and 'more than', a running count: no conflict."""
    strike = service.compare("vorkuta-hunger-strike-1936")
    start = _figure(strike, "Trotskyist hunger strike: start", "date")
    assert {"October 27, 1936", "the end of October 1936"} <= set(start.values) and not start.disagrees
    duration = _figure(strike, "Trotskyist hunger strike: duration", "duration")
    assert {"132 days", "more than four months"} <= set(duration.values) and not duration.disagrees
    deaths = _figure(strike, "Trotskyist hunger strike: strikers who died", "killed")
    assert len(deaths.values) == 3 and not deaths.disagrees
    rate = _figure(service.compare("holodomor"), "Holodomor: rate of deaths", "other")
    assert len(rate.values) == 2 and not rate.disagrees  # 25 thousand a day is 17 a minute


def test_stated_figure_discrepancies_carry_sides_and_our_note(service: CompareService) -> None:
    vorkuta = service.compare("vorkuta-1953")
    killed = _figure(vorkuta, "Camp No. 29 shooting", "killed")
    assert killed.disagrees and killed.discrepancy is not None
    assert "understated" in killed.discrepancy.note
    assert any("42" in s.says and "MVD" in s.given_by for s in killed.discrepancy.sides)
    baltic = _figure(vorkuta, "Camp No. 29 shooting: Baltic prisoners killed", "killed")
    assert baltic.disagrees and "sixteen" in baltic.discrepancy.note  # type: ignore[union-attr]
    # every flagged row is flagged by a discrepancy the editors wrote, for that subject and kind
    for event in service.events():
        for row in service.compare(event.id).figures:
            if row.disagrees:
                assert row.discrepancy and (row.discrepancy.subject, row.discrepancy.what) == (row.subject, row.what)


def test_discrepancies_in_words(service: CompareService) -> None:
    """Who headed the Vorkuta commission; whether Sedov was tried: conflicts that are not numbers."""
    vorkuta = service.compare("vorkuta-1953")
    commission = next(d for d in vorkuta.discrepancies if "commission" in d.subject)
    assert commission.what == ""
    sides = {s.source_ids: s for s in commission.sides}
    assert "returned to Moscow" in sides[("newsletters-2003",)].says
    assert "Maslenikov" in sides[("lituanus-2005",)].says and "Rudenko" in sides[("lituanus-2005",)].says
    for side in commission.sides:  # each side points at passages of its column
        column = next(i for i, c in enumerate(vorkuta.columns) if c.source.id in side.source_ids)
        shown = {r.passage.id for row in vorkuta.rows for r in row.cells[column].readings}
        assert set(side.passage_ids) <= shown
    brickyard = service.compare("vorkuta-brickyard-executions-1938")
    sedov = next(d for d in brickyard.discrepancies if "Sedov" in d.subject)
    assert [s.passage_ids for s in sedov.sides] == [("isr-1963.p059",), ("isr-1963.p060",)]
    assert "never tried publicly" in sedov.note


def test_a_discrepancy_needs_two_shown_sides(service: CompareService) -> None:
    alone = service.compare("vorkuta-1953", ["newsletters-2003"])
    assert not any("commission" in d.subject for d in alone.discrepancies)
    start = _figure(alone, "Vorkuta strike: start", "date")
    assert not start.disagrees  # Zile's August is not shown
    both = service.compare("vorkuta-1953", ["lituanus-2005", "newsletters-2003"])
    assert _figure(both, "Vorkuta strike: start", "date").disagrees


def test_every_event_has_a_kind_and_resistance_leads(store: Store) -> None:
    from gulagreader.core.library import Library

    events = store.db.events()
    assert all(e.kind in EVENT_KINDS for e in events)
    assert {e.id for e in events if e.kind == "resistance"} >= {
        "vorkuta-1953",
        "norilsk-1953",
        "kengir-1954",
        "vorkuta-hunger-strike-1936",
        "vorkuta-1955",
    }
    listed = Library(store).events()
    ranks = [list(EVENT_KINDS).index(e.kind) for e in listed]
    assert ranks == sorted(ranks) and listed[0].kind == "resistance"


def test_event_corrections(store: Store) -> None:
    revolt = _event(store, "vorkuta-1955")
    assert [a.passage_ids for a in revolt.accounts] == [("lituanus-2005.p065", "lituanus-2005.p068")]
    assert revolt.start == "1955" and revolt.note
    assert _event(store, "kleymyonov-1933").years[-1] == 1960


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('passages = ["isr-1963.p060"]', 'passages = ["isr-1963.p999"]', "discrepancy cites unknown passage"),
        ('says = "Never tried publicly; made no such confessions"', 'says = ""', "two sides or more"),
        ('what = "wounded"\nnote = "As for', 'what = "injured"\nnote = "As for', "matches no figure"),
        ('kind = "resistance"', 'kind = "heroism"', "kind must be one of"),
    ],
)
def test_the_linter_checks_discrepancies_and_kinds(corpus_copy: Path, old: str, new: str, message: str) -> None:
    path = corpus_copy / "events.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, findings = load_corpus(corpus_copy)
    errors = [str(f) for f in findings if f.severity == "error"]
    assert any(message in e and e.startswith("events.toml:") for e in errors), errors


def test_identities_disputed_and_supplied_are_marked(store: Store) -> None:
    names = {n.id: n for n in store.db.names()}
    derevianko = names["derevianko"]
    assert "Rechlag" in derevianko.disputed and "News & Letters note 3" in derevianko.disputed
    assert "Maslenikov" not in derevianko.note  # the note no longer adopts one version of the commission
    for name_id, part in [
        ("retyunin", "Mark"),
        ("poznansky-igor", "Igor"),
        ("kashketin-yefim", "Yefim"),
        ("sapronov-timofei", "Timofei"),
        ("derevianko", "Kuzma Derevyanko"),
    ]:
        assert part in names[name_id].supplied and part in names[name_id].canonical
    assert sum(bool(n.disputed) for n in names.values()) >= 1


def test_names_table_carries_our_identity_notes(service: CompareService) -> None:
    from gulagreader.commands.compare import comparison_json

    data = comparison_json(service.compare("vorkuta-1953"))
    derevianko = next(n for n in data["names"] if n["id"] == "derevianko")
    assert derevianko["disputed"] and derevianko["supplied"]


@pytest.mark.parametrize(
    ("event_id", "passage_id", "value"),
    [
        ("vorkuta-hunger-strike-1936", "isr-1963.p014", "almost 500"),
        ("vorkuta-hunger-strike-1936", "isr-1963.p014", "close to 1,000"),
        ("vorkuta-hunger-strike-1936", "isr-1963.p014", "certainly several thousands"),
        ("vorkuta-hunger-strike-1936", "isr-1963.p018", "10 or 12"),
        ("norilsk-1953", "lituanus-2005.p020", "eight"),
        ("vorkuta-1953", "lituanus-2005.p038", "Ninety nations"),
        ("vorkuta-1953", "lituanus-2005.p034", "hundreds of guards"),
        ("rehabilitations-1962", "isr-1963.p009", "October 21, 1962"),
    ],
)
def test_figures_the_texts_give_are_catalogued(store: Store, event_id: str, passage_id: str, value: str) -> None:
    event = _event(store, event_id)
    figure = next(f for f in event.figures if f.passage_id == passage_id and value in f.value)
    assert value in store.db.passages([passage_id])[passage_id].text  # as printed
    assert figure.given_by


def test_an_event_without_a_kind_is_a_warning_and_listed_last(corpus_copy: Path, tmp_path: Path) -> None:
    from gulagreader.core.library import Library
    from gulagreader.core.store import build_store, open_store_at

    path = corpus_copy / "events.toml"
    text = path.read_text(encoding="utf-8")
    old = 'id = "vorkuta-1953"\ntitle = "Vorkuta strike"\nkind = "resistance"\n'
    assert old in text
    path.write_text(text.replace(old, 'id = "vorkuta-1953"\ntitle = "Vorkuta strike"\n'), encoding="utf-8")
    _, findings = load_corpus(corpus_copy)
    kindless = [f for f in findings if "has no kind" in f.message]
    assert [f.severity for f in kindless] == ["warning"]
    build_store(corpus_copy, tmp_path / "store")
    events = Library(open_store_at(tmp_path / "store")).events()
    assert events[-1].id == "vorkuta-1953" and events[-1].kind_label == "Unclassified"
