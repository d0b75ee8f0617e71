"""Locators: each passage knows the lines of the received file it comes from; notes keep their labels."""

from __future__ import annotations

import json
import re

import pytest

from gulagreader.cli import main
from gulagreader.core.library import Library
from gulagreader.core.locators import as_printed, original_lines
from gulagreader.core.model import NoteRef, Passage
from gulagreader.core.store import Store
from tests.conftest import CORPUS


def test_every_passage_has_its_lines_in_the_received_file(store: Store) -> None:
    """Checked from the outside: the received file's lines, squashed, hold the passage as printed."""
    library = Library(store)
    for source in library.sources():
        lines = (CORPUS / "originals" / source.original).read_text(encoding="utf-8").splitlines()
        last = 0
        for p in library.passages_of(source.id):
            assert 1 <= p.original_first <= p.original_last <= len(lines), p.id
            assert p.original_first >= last  # in order
            last = p.original_first
            span = re.sub(r"\s+", "", "".join(lines[p.original_first - 1 : p.original_last]))
            assert re.sub(r"\s+", "", as_printed(p)) in span, p.id
            # and the span is tight: its first and last lines both hold part of the passage
            assert re.sub(r"\s+", "", lines[p.original_first - 1]) and re.sub(r"\s+", "", lines[p.original_last - 1])


def test_known_locators(store: Store) -> None:
    library = Library(store)
    assert library.passage("isr-1963.p014").original_lines == "line 49"
    note = library.passage("lituanus-2005.n69")
    assert note.label == "70" and note.original_lines == "line 230"  # the printed label, not our id


def test_a_passage_not_in_order_gets_no_locator() -> None:
    a = Passage("s.p1", "s", 0, "paragraph", "second line")
    b = Passage("s.p2", "s", 1, "paragraph", "first line", notes=(NoteRef(5, "1", None),))
    found = original_lines([a, b], "first1 line\nsecond\nline\n")
    assert found == {"s.p1": (2, 3)}  # b is before a in the file: not guessed
    assert original_lines([b], "first1 line\n") == {"s.p2": (1, 1)}  # its marker put back as printed


@pytest.mark.parametrize("passage_id", ["lituanus-2005.n69", "russia-pictures.p080"])
def test_show_gives_the_locator(capsys: pytest.CaptureFixture[str], passage_id: str) -> None:
    assert main(["--corpus", str(CORPUS), "show", passage_id]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert re.search(r"— lines? \d+(–\d+)? of \d{3}_[0-9a-f]+\.txt$", head), head
    assert main(["--corpus", str(CORPUS), "show", passage_id, "--json"]) == 0
    passage = json.loads(capsys.readouterr().out)["passage"]
    assert passage["original_first"] >= 1 and passage["original_last"] >= passage["original_first"]
