"""Our corrections of metadata, attribution, structure, reprints and obvious errors: recorded as ours,
and never altering a passage's text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gulagreader.cli import main
from gulagreader.core.corpus_loader import load_corpus
from gulagreader.core.library import Library
from gulagreader.core.model import CORRECTION_KINDS
from gulagreader.core.store import Store
from tests.conftest import CORPUS


def test_attributions_are_ours_and_in_brackets(store: Store) -> None:
    library = Library(store)
    lituanus, isr = library.source("lituanus-2005"), library.source("isr-1963")
    assert lituanus.authors == () and lituanus.attributed_to == ("L. Latkovskis",)
    assert lituanus.byline_authors == "[L. Latkovskis]" and lituanus.attribution_note.startswith("Our attribution")
    assert "latkovskis-l" in {n.id for n in library.names()}  # the gazetteer knows him
    assert isr.authors == () and isr.byline_authors == "[M.B.]" and "signed by M.B." in isr.attribution_note
    assert library.source("russia-pictures").byline_authors == "author not named"
    assert library.source("newsletters-2003").byline_authors == "Raya Dunayevskaya"


def test_every_provenance_is_marked_as_ours(store: Store) -> None:
    for source in Library(store).sources():
        assert source.provenance.startswith("Our note:"), source.id
    chain = " ".join(Library(store).source("isr-1963").publication_chain)
    assert "On-Line" not in chain  # an expansion the text does not give


def test_sic_notes_quote_the_text_exactly_and_leave_it_as_printed(store: Store) -> None:
    library = Library(store)
    sics = [(s, c) for s in library.sources() for c in s.corrections if c.kind == "sic"]
    assert {c.original for _, c in sics} >= {"Hungry", "Soviet-Maisky", "on the Kola peninsula"}
    originals = {s.id: (CORPUS / "originals" / s.original).read_text(encoding="utf-8") for s, _ in sics}
    for source, correction in sics:
        for passage_id in correction.passages:
            text = library.passage(passage_id).text
            assert correction.original in text  # the error stands in our text, as printed
            assert correction.original in originals[source.id]


def test_every_correction_has_a_known_kind_and_real_passages(store: Store) -> None:
    library = Library(store)
    for source in library.sources():
        for correction in source.corrections:
            assert correction.kind in CORRECTION_KINDS and correction.note
            for passage_id in correction.passages:
                assert library.passage(passage_id).source_id == source.id


def test_caption_file_names_are_kept_as_the_captions_metadata(store: Store) -> None:
    pictures = Library(store).source("russia-pictures")
    captions = {p: c.original for c in pictures.corrections if c.kind == "caption" for p in c.passages}
    assert captions["russia-pictures.p047"] == "katyn massacre body arms tied.jpg"
    assert {"russia-pictures.p037", "russia-pictures.p048", "russia-pictures.p070"} <= set(captions)
    removed = {line for c in pictures.curation for line in c.lines}
    assert set(captions.values()) <= removed  # each is a line our curation removed from the text


def test_the_reprint_is_collated_to_its_last_passage(store: Store) -> None:
    library = Library(store)
    assert library.passage("russia-pictures.p109").reprint_of == "newsletters-2003.p025"
    pictures = library.source("russia-pictures")
    assert pictures.reprints[0].last == "russia-pictures.p109"
    reprint_notes = " ".join(c.note for c in pictures.corrections if c.kind == "reprint")
    assert "slightly abridged" in reprint_notes and "newsletters-2003.p002" in reprint_notes
    duplicates = [c.passages for c in pictures.corrections if c.kind == "duplicate"]
    assert ("russia-pictures.p008", "russia-pictures.p110") in duplicates
    for a, b in duplicates:
        assert library.passage(a).text == library.passage(b).text


def test_structure_of_the_isr_text(store: Store) -> None:
    isr = Library(store).source("isr-1963")
    structure = [c for c in isr.corrections if c.kind == "structure"]
    assert any(c.passages == ("isr-1963.p013", "isr-1963.p014") for c in structure)
    notes = next(c for c in structure if "isr-1963.p060" in c.passages)
    assert "isr-1963.p023" in notes.passages
    for passage_id in notes.passages:  # both are the editors' 'Note:' paragraphs
        assert Library(store).passage(passage_id).text.startswith("Note:")


def test_sources_json_carries_corrections(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--corpus", str(CORPUS), "sources", "--json"]) == 0
    data = {s["id"]: s for s in json.loads(capsys.readouterr().out)}
    assert data["lituanus-2005"]["attributed_to"] == ["L. Latkovskis"]
    assert any(c["kind"] == "sic" and c["original"] == "Hungry" for c in data["russia-pictures"]["corrections"])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('original = "Hungry"', 'original = "Hungary"', "is not in the text of russia-pictures.p080"),
        ('original = "vinnytsia massacre.jpg"', 'original = "no such file.jpg"', "is not a line the curation removed"),
        ('kind = "duplicate"', 'kind = "improvement"', "a [[correction]] needs"),
        ('passages = ["russia-pictures.p109"]', 'passages = ["russia-pictures.p999"]', "unknown passage"),
    ],
)
def test_the_linter_checks_corrections(corpus_copy: Path, old: str, new: str, message: str) -> None:
    path = corpus_copy / "sources" / "russia-pictures.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, findings = load_corpus(corpus_copy)
    errors = [str(f) for f in findings if f.severity == "error"]
    assert any(message in e and e.startswith("sources/russia-pictures.md") for e in errors), errors
