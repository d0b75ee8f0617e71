"""Bookmarks find their text again after the corpus changes; those that cannot are kept as orphaned."""

from __future__ import annotations

from pathlib import Path

import pytest

from gulagreader.core.bookmarks.anchoring import reanchor
from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.bookmarks.exports import export
from gulagreader.core.bookmarks.model import Bookmark, quote_at, selectors
from gulagreader.core.bookmarks.service import BookmarkService
from gulagreader.core.library import Library
from gulagreader.core.model import Passage
from gulagreader.core.store import Store, build_store, open_store_at

SOURCE_FILE = "sources/isr-1963.md"


def _line_of(text: str, passage_id: str) -> str:
    return next(line for line in text.splitlines() if line.endswith(f"{{#{passage_id}}}"))


def _selection(service: BookmarkService, passage_id: str, words: str, note: str = "") -> Bookmark:
    text = service.passages([_fake(passage_id)])[passage_id].text
    start = text.index(words)
    return service.add(passage_id, start, start + len(words), note=note)


def _fake(passage_id: str) -> Bookmark:
    quote, position, _ = selectors("x", None, None)
    return Bookmark("", passage_id, "", quote, position)


@pytest.fixture
def edited_store(corpus_copy: Path, tmp_path: Path) -> Store:
    """The real corpus with isr-1963 edited: p012 corrected, p014 renumbered, p015 deleted, p016 merged into p017."""
    path = corpus_copy / SOURCE_FILE
    text = path.read_text(encoding="utf-8")
    p012 = _line_of(text, "isr-1963.p012")
    corrected = "Indeed, " + p012.replace("told us something about this", "told us a little about this")
    text = text.replace(p012, corrected)
    text = text.replace("{#isr-1963.p014}", "{#isr-1963.p014x}")
    text = text.replace(_line_of(text, "isr-1963.p015") + "\n\n", "")
    p016 = _line_of(text, "isr-1963.p016")
    text = text.replace(p016 + "\n\n", p016.replace(" {#isr-1963.p016}", " "))
    text = text.replace('"isr-1963.p014"', '"isr-1963.p014x"')  # our corrections follow the renumbering
    path.write_text(text, encoding="utf-8")
    events = corpus_copy / "events.toml"
    events.write_text(events.read_text(encoding="utf-8").replace('"isr-1963.p014"', '"isr-1963.p014x"'), "utf-8")
    build_store(corpus_copy, tmp_path / "edited-store")
    return open_store_at(tmp_path / "edited-store")


def test_reanchoring_against_an_edited_corpus(store: Store, edited_store: Store, tmp_path: Path) -> None:
    db = BookmarksDB(tmp_path / "bookmarks.db")
    before = BookmarkService(store, db)
    whole_edited = before.add("isr-1963.p012", note="whole, edited")
    shifted = _selection(before, "isr-1963.p012", "the saddest chapters")
    corrected = _selection(before, "isr-1963.p012", "Ciliga’s reports told us something about this")
    renumbered_whole = before.add("isr-1963.p014", tags=["moved"])
    renumbered_part = _selection(before, "isr-1963.p014", "Bolshevik-Leninists")
    deleted_whole = before.add("isr-1963.p015", note="my thoughts on the Fifteenth Congress")
    deleted_part = _selection(before, "isr-1963.p015", "Fifteenth Congress")
    merged = before.add("isr-1963.p016")
    untouched = before.add("lituanus-2005.p021", note="elsewhere")
    assert before.reanchor().moved == ()  # nothing to do against the corpus they were made in

    after = BookmarkService(edited_store, db)
    report = after.reanchor()
    assert report.checked == 9
    assert set(report.moved) == {renumbered_whole.id, renumbered_part.id, merged.id}
    assert set(report.orphaned) == {deleted_whole.id, deleted_part.id}
    texts = Library(edited_store)

    b = after.get(whole_edited.id)
    new_text = texts.passage("isr-1963.p012").text
    assert b.status == "anchored" and b.whole_passage and b.quote.exact == new_text and b.note == "whole, edited"

    b = after.get(shifted.id)
    assert b.status == "anchored" and b.position.start == shifted.position.start + len("Indeed, ")
    assert new_text[b.position.start : b.position.end] == "the saddest chapters"

    b = after.get(corrected.id)
    assert b.status == "anchored" and b.quote.exact == "Ciliga’s reports told us a little about this"
    assert new_text[b.position.start : b.position.end] == b.quote.exact

    b = after.get(renumbered_whole.id)
    assert (b.status, b.passage_id, b.whole_passage, b.tags) == ("moved", "isr-1963.p014x", True, ("moved",))
    b = after.get(renumbered_part.id)
    p014x = texts.passage("isr-1963.p014x").text
    assert b.passage_id == "isr-1963.p014x" and p014x[b.position.start : b.position.end] == "Bolshevik-Leninists"

    for gone, original in ((deleted_whole, deleted_whole), (deleted_part, deleted_part)):
        b = after.get(gone.id)
        assert b.status == "orphaned" and b.passage_id == "isr-1963.p015" and b.quote == original.quote
    assert after.get(deleted_whole.id).note == "my thoughts on the Fifteenth Congress"

    b = after.get(merged.id)
    p017 = texts.passage("isr-1963.p017").text
    assert (b.status, b.passage_id, b.whole_passage) == ("moved", "isr-1963.p017", False)
    assert p017[b.position.start : b.position.end] == merged.quote.exact

    assert after.get(untouched.id) == untouched
    assert len(after.find()) == 9  # nothing dropped
    assert [x.id for x in after.find(text="fifteenth congress thoughts")] == [deleted_whole.id]
    markdown = export(after, after.find(ids=[deleted_part.id]), "md")
    assert "Fifteenth Congress" in markdown and "Status: orphaned" in markdown

    second = after.reanchor()  # settled: a second pass changes nothing
    assert (second.moved, second.orphaned, second.found_again) == ((), (), ())

    back = BookmarkService(store, db).reanchor()  # the old corpus again: orphans are found again
    assert set(back.found_again) == {deleted_whole.id, deleted_part.id}
    assert BookmarkService(store, db).get(deleted_whole.id).status == "anchored"
    assert BookmarkService(store, db).get(renumbered_whole.id).status == "moved"


def _passage(pid: str, text: str, source: str = "s") -> Passage:
    return Passage(id=pid, source_id=source, seq=0, kind="paragraph", text=text)


def test_quote_context_picks_the_right_repeat() -> None:
    old = "The strike began in camp 3. Later the strike spread to camp 29 and the strike ended in August."
    start = old.index("the strike spread") + 4
    quote = quote_at(old, start, start + len("strike"))
    from gulagreader.core.bookmarks.model import TextPositionSelector

    b = Bookmark("1", "s.p1", "s", quote, TextPositionSelector(start, start + 6), whole_passage=False)
    new = "A long new opening sentence. " + old
    placed = reanchor(b, _passage("s.p1", new), lambda exact: [])
    assert placed.status == "anchored" and placed.position.start == start + len("A long new opening sentence. ")
    elsewhere = [_passage("t.p9", "Nothing here.", "t"), _passage("s.p7", "x " + old), _passage("t.p3", old, "t")]
    moved = reanchor(b, None, lambda exact: [p for p in elsewhere if exact in p.text])
    assert (moved.status, moved.passage_id) == ("moved", "s.p7")  # same source preferred
    assert moved.position.start == start + 2
    orphan = reanchor(b, None, lambda exact: [])
    assert orphan.status == "orphaned" and orphan.quote == b.quote and orphan.passage_id == "s.p1"
    unrelated = [_passage("s.p8", "Another strike, another place.")]
    assert reanchor(b, None, lambda exact: unrelated).status == "orphaned"  # a short quote needs its context
