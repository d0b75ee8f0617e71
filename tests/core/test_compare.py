"""Side-by-side accounts over the real corpus: alignment by episode, reprints, figures and names."""

from __future__ import annotations

import pytest

from gulagreader.core.collation import collate
from gulagreader.core.compare import CompareService, Comparison, Row, UnknownEvent
from gulagreader.core.errors import UserError
from gulagreader.core.figure_table import FigureRow, same_value
from gulagreader.core.names.table import NameFinder
from gulagreader.core.store import Store


@pytest.fixture(scope="module")
def service(store: Store) -> CompareService:
    return CompareService(store)


@pytest.fixture(scope="module")
def vorkuta(service: CompareService) -> Comparison:
    return service.compare("vorkuta-1953")


def row(comparison: Comparison, episode_id: str | None) -> Row:
    return next(r for r in comparison.rows if (r.episode.id if r.episode else None) == episode_id)


def ids(comparison: Comparison, episode_id: str | None, column: int) -> list[str]:
    return [r.passage.id for r in row(comparison, episode_id).cells[column].readings]


def figure(comparison: Comparison, subject: str, what: str) -> FigureRow:
    return next(f for f in comparison.figures if f.subject == subject and f.what == what)


def test_events_timeline(service: CompareService) -> None:
    events = service.events()
    order = [e.id for e in events]
    assert len(order) == len(set(order)) and "vorkuta-1953" in order
    # The timeline leads with resistance, then repression, then context; each kind by date.
    kinds = [e.kind for e in events]
    assert kinds == sorted(kinds, key=["resistance", "repression", "context"].index)
    assert kinds[0] == "resistance" and {"repression", "context"} <= set(kinds)
    for kind in ("resistance", "repression", "context"):
        dated = [e.start for e in events if e.start and e.kind == kind]
        assert dated == sorted(dated)
    assert order.index("norilsk-1953") < order.index("vorkuta-1953") < order.index("holodomor")
    assert order.index("vorkuta-1953") < order.index("lena-1912")  # context comes after the resistance
    vorkuta = events[order.index("vorkuta-1953")]
    assert vorkuta.accounts == 3 and "Vorkuta" in vorkuta.places
    assert vorkuta.source_ids == ("lituanus-2005", "newsletters-2003", "russia-pictures")


def test_undated_event_keeps_its_place_within_its_kind(store: Store) -> None:
    from gulagreader.core.model import Event

    undated = [e for e in store.db.events() if not e.start]
    service = CompareService(store)
    order = [e.id for e in service.events()]
    for event in undated:
        catalogue = [e for e in store.db.events() if e.kind == event.kind]
        before = catalogue[: catalogue.index(event)]
        dated_before = [e for e in before if e.start]
        if dated_before:  # it follows the dated event of its kind before it in the catalogue
            assert order.index(dated_before[-1].id) < order.index(event.id)
    assert isinstance(undated, list) and all(isinstance(e, Event) for e in undated)


def test_vorkuta_accounts_align_by_episode(vorkuta: Comparison) -> None:
    assert [c.source.id for c in vorkuta.columns] == ["lituanus-2005", "newsletters-2003"]
    episodes = [r.episode.id for r in vorkuta.rows if r.episode]
    assert episodes == [e.id for e in vorkuta.event.episodes]
    assert vorkuta.rows[-1].episode is None and vorkuta.rows[-1].title == "Other passages"
    # The commission from Moscow sits on the same row in both columns.
    assert ids(vorkuta, "commission", 0) == [
        "lituanus-2005.p032",
        "lituanus-2005.p034",
        "lituanus-2005.p035",
        "lituanus-2005.p042",
    ]
    assert ids(vorkuta, "commission", 1) == ["newsletters-2003.p014", "newsletters-2003.p015"]
    assert "lituanus-2005.p059" in ids(vorkuta, "casualties", 0)


def test_silent_account_is_a_visible_gap(vorkuta: Comparison) -> None:
    casualties = row(vorkuta, "casualties")
    assert not casualties.cells[0].gap and casualties.cells[1].gap and not casualties.silent
    assert row(vorkuta, "resistance-groups").cells[0].gap
    assert all(len(r.cells) == 2 for r in vorkuta.rows)


def test_every_account_passage_is_shown_in_source_order(vorkuta: Comparison, service: CompareService) -> None:
    lituanus = next(a for a in vorkuta.event.accounts if a.source_id == "lituanus-2005")
    shown = {r.passage.id for row_ in vorkuta.rows for r in row_.cells[0].readings}
    assert shown == set(lituanus.passage_ids)
    assert set(vorkuta.columns[0].passage_ids) == shown
    other = ids(vorkuta, None, 0)
    assert other == ["lituanus-2005.h006", "lituanus-2005.h007", "lituanus-2005.h008"]  # headings tell no episode
    for row_ in vorkuta.rows:
        seqs = [r.passage.seq for r in row_.cells[0].readings]
        assert seqs == sorted(seqs)


def test_reprint_is_folded_into_its_original_with_collation(vorkuta: Comparison) -> None:
    column = vorkuta.columns[1]
    assert [s.id for s in column.reprints] == ["russia-pictures"]
    readings = {r.passage.id: r for row_ in vorkuta.rows for r in row_.cells[1].readings}
    # No passage of the reprint is shown twice: a reprinted passage stands under its original.
    assert not any(r.passage.reprint_of for r in readings.values())
    editors_note = readings["newsletters-2003.p004"]
    assert editors_note.reprint is not None and editors_note.reprint.id == "russia-pictures.p088"
    assert editors_note.collation is not None and not editors_note.collation.identical
    # A real difference: News & Letters prints '--the', the compilation '–the' (an en dash).
    dash = next(d for d in editors_note.collation.differences if d.original == "--the")
    assert (dash.kind, dash.reprint) == ("changed", "–the")
    start, end = dash.original_at
    assert editors_note.passage.text[start:end] == "--the"
    start, end = dash.reprint_at
    assert editors_note.reprint.text[start:end] == "–the"
    assert "totalitarianism –the June 17" in editors_note.reprint.text
    same = readings["newsletters-2003.p010"]
    assert same.reprint is not None and same.reprint.id == "russia-pictures.p094"
    assert same.collation is not None and same.collation.identical


def test_reprints_own_passages_stay_in_the_column_in_reading_order(vorkuta: Comparison) -> None:
    begins = ids(vorkuta, "strike-begins", 1)
    # The compilation's own introduction precedes the reprinted article.
    assert begins[0] == "russia-pictures.p085"
    assert begins[1:] == ["newsletters-2003.p008", "newsletters-2003.p010", "newsletters-2003.p013"]
    own = next(r for r in row(vorkuta, "strike-begins").cells[1].readings if r.passage.id == "russia-pictures.p085")
    assert own.reprint is None and own.collation is None


def test_choosing_accounts_without_the_original_keeps_the_reprint_apart(service: CompareService) -> None:
    c = service.compare("vorkuta-1953", ["russia-pictures", "lituanus-2005"])
    assert [col.source.id for col in c.columns] == ["russia-pictures", "lituanus-2005"]
    assert c.columns[0].reprints == ()
    assert ids(c, "commission", 0) == ["russia-pictures.p098", "russia-pictures.p099"]
    assert all(r.collation is None for row_ in c.rows for r in row_.cells[0].readings)
    assert all(f.source_id != "newsletters-2003" for fig in c.figures for cell in fig.cells for f in cell)


def test_bad_choices_are_user_errors(service: CompareService) -> None:
    with pytest.raises(UnknownEvent, match="gulagreader events"):
        service.compare("no-such-event")
    with pytest.raises(UserError, match="no account from 'isr-1963'"):
        service.compare("vorkuta-1953", ["isr-1963"])


def test_camp_29_casualty_figures_disagree(vorkuta: Comparison) -> None:
    killed = figure(vorkuta, "Camp No. 29 shooting", "killed")
    assert killed.disagrees
    assert {"42", "66", "at least 400"} <= set(killed.values)
    tellers = {f.value: f.given_by for f in killed.cells[0]}
    assert "MVD" in tellers["42"] and "Buca" in tellers["at least 400"]
    assert all(f.passage_id == "lituanus-2005.p059" for f in killed.cells[0])
    assert killed.cells[1] == ()
    wounded = figure(vorkuta, "Camp No. 29 shooting", "wounded")
    assert wounded.disagrees and "135" in wounded.values


def test_agreeing_figures_are_not_flagged(vorkuta: Comparison) -> None:
    weeks = figure(vorkuta, "Vorkuta strike: negotiations before the shooting", "duration")
    assert not weeks.disagrees
    assert [f.passage_id for f in weeks.cells[1]] == ["newsletters-2003.p015", "russia-pictures.p099"]
    assert not figure(vorkuta, "Camp No. 3 shooting (Vorkuta)", "killed").disagrees
    assert same_value("1932-33") == same_value("1932–1933") and same_value("1,000") == same_value("1000")
    assert same_value("42") != same_value("66")


def test_norilsk_camp_3_figures_disagree(service: CompareService) -> None:
    norilsk = service.compare("norilsk-1953")
    killed = figure(norilsk, "Camp 3 shooting (Norilsk)", "killed")
    assert killed.disagrees and killed.values == ("78", "100")
    assert [f.given_by for f in killed.cells[0]] == ["Ciszek, per Lituanus", "Hrytsiak, per Lituanus"]


def test_single_account_events(service: CompareService) -> None:
    trial = service.compare("ivanov-trial-1936")
    assert [c.source.id for c in trial.columns] == ["isr-1963"]
    assert len(trial.rows) == 1 and trial.rows[0].episode is None  # no episodes: all in 'other passages'
    assert ids(trial, None, 0) == ["isr-1963.h005", "isr-1963.p032", "isr-1963.p033", "isr-1963.p034"]
    plot = service.compare("kleymyonov-1933")
    assert [r.title for r in plot.rows][:4] == [e.title for e in plot.event.episodes]
    assert ids(plot, "flight", 0) == ["goble-2018.p007"]
    assert all(not f.disagrees for f in plot.figures)
    bare = service.compare("romanov-execution")
    assert bare.figures == () and ids(bare, None, 0) == ["russia-pictures.p040"]


def test_names_across_accounts(vorkuta: Comparison) -> None:
    uses = {u.name.id: u for u in vorkuta.names}
    derevianko = uses["derevianko"]
    assert derevianko.columns == (0, 1)
    assert dict(derevianko.cells[0])["Derevianko"] >= 1 and dict(derevianko.cells[1])["Derevianko"] >= 1
    assert uses["maslennikov-ivan"].columns == (0,) and "Maslenikov" in dict(uses["maslennikov-ivan"].cells[0])
    assert uses["rudenko-roman"].columns == (0,)
    kinds = [u.name.kind for u in vorkuta.names]
    assert kinds.index("person") < kinds.index("place")


def test_name_finder_counts_the_longer_spelling_once(store: Store) -> None:
    finder = NameFinder(store.db.names())
    found = finder.occurrences("Kozma N. Derevianko met Derevianko; DEREVIANKO stayed.")
    derevianko = [s for n, s in found if n == "derevianko"]
    assert derevianko == ["Kozma N. Derevianko", "Derevianko", "DEREVIANKO"]
    # A capitalised spelling does not match the word in lower case.
    assert not [n for n, _ in finder.occurrences("the rudenko of it") if n == "rudenko-roman"]


def test_collate_marks_inserted_deleted_and_changed_words() -> None:
    c = collate("a", "the strike began at Camp No. 7", "b", "the great strike began in Camp 7")
    kinds = [(d.kind, d.original, d.reprint) for d in c.differences]
    assert kinds == [("inserted", "", "great"), ("changed", "at", "in"), ("deleted", "No.", "")]
    inserted, _, deleted = c.differences
    assert inserted.original_at == (4, 4) and inserted.reprint_at == (4, 9)
    assert deleted.original_at == (25, 28) and deleted.reprint_at == (31, 31)  # before '7' in the reprint
    assert collate("a", "same words", "b", "same  words").identical
