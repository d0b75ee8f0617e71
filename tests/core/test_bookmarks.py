"""Bookmarking passages and selections, notes and tags, finding, deleting with undo, search history."""

from __future__ import annotations

from pathlib import Path

import pytest

from gulagreader.core.bookmarks.db import BookmarksDB
from gulagreader.core.bookmarks.model import CONTEXT, clean_tags
from gulagreader.core.bookmarks.service import BookmarkService
from gulagreader.core.errors import UserError
from gulagreader.core.library import Library
from gulagreader.core.search_filters import SearchFilters
from gulagreader.core.search_history import SearchHistory
from gulagreader.core.store import Store


@pytest.fixture
def db(tmp_path: Path) -> BookmarksDB:
    return BookmarksDB(tmp_path / "bookmarks.db")


@pytest.fixture
def service(store: Store, db: BookmarksDB) -> BookmarkService:
    return BookmarkService(store, db)


def test_default_file_is_in_the_user_data_folder(store: Store, tmp_path: Path) -> None:
    service = BookmarkService(store)
    service.add("isr-1963.p012")
    assert service.db.path == tmp_path / "base" / "data" / "bookmarks.db"
    assert service.db.path.exists()


def test_bookmark_a_whole_passage(service: BookmarkService, store: Store) -> None:
    text = Library(store).passage("isr-1963.p012").text
    b = service.add(
        "isr-1963.p012", note="  Who was *M.B.*?  ", tags=["Trotskyists", "Vorkuta, 1936; vorkuta, 1936; 1936"]
    )
    assert b.whole_passage and b.status == "anchored"
    assert (b.position.start, b.position.end) == (0, len(text))
    assert b.quote.exact == text and b.quote.prefix == b.quote.suffix == ""
    assert b.note == "Who was *M.B.*?"
    assert b.tags == ("Trotskyists", "Vorkuta, 1936", "1936")  # a comma stays in its tag; repeats go
    assert b.source_id == "isr-1963" and b.created == b.updated and b.created.endswith("Z")
    assert service.get(b.id) == b


def test_bookmark_a_selection_keeps_quote_and_context(service: BookmarkService, store: Store) -> None:
    text = Library(store).passage("isr-1963.p012").text
    start = text.index("Ciliga")
    end = start + len("Ciliga’s reports")
    b = service.add("isr-1963.p012", start, end)
    assert not b.whole_passage
    assert b.quote.exact == "Ciliga’s reports"
    assert b.quote.prefix == text[start - CONTEXT : start] and len(b.quote.prefix) == CONTEXT
    assert b.quote.suffix == text[end : end + CONTEXT]
    assert (b.position.start, b.position.end) == (start, end)


def test_the_same_selection_twice_is_one_bookmark(service: BookmarkService) -> None:
    first = service.add("isr-1963.p012", 4, 20, tags=["a"])
    second = service.add("isr-1963.p012", 4, 20, note="more", tags=["b"])
    assert second.id == first.id and second.tags == ("a", "b") and second.note == "more"
    assert len(service.find()) == 1
    assert service.add("isr-1963.p012", 4, 21).id == first.id  # the same words, once snapped to them
    assert service.add("isr-1963.p012", 4, 60).id != first.id


def test_bad_passage_or_selection_is_a_user_error(service: BookmarkService) -> None:
    with pytest.raises(UserError, match="No passage"):
        service.add("isr-1963.p999")
    with pytest.raises(UserError, match="not inside the passage"):
        service.add("isr-1963.p012", 10, 5)
    with pytest.raises(UserError, match="not inside the passage"):
        service.add("isr-1963.p012", 0, 100_000)
    with pytest.raises(UserError, match="No bookmark"):
        service.update("no-such-id", note="x")


def test_edit_note_and_tags(service: BookmarkService) -> None:
    b = service.add("isr-1963.p012", note="first")
    tagged = service.update(b.id, tags=["x", "y"])
    assert tagged.note == "first" and tagged.tags == ("x", "y")
    noted = service.update(b.id, note="second\n\n- a list")
    assert noted.note == "second\n\n- a list" and noted.tags == ("x", "y")
    assert noted.updated >= b.updated and noted.created == b.created


def test_delete_and_undo(service: BookmarkService) -> None:
    keep = service.add("isr-1963.p012")
    gone = service.add("isr-1963.p013", note="keep me")
    deleted = service.delete(gone.id)
    assert deleted == [gone]
    assert [b.id for b in service.find()] == [keep.id]
    with pytest.raises(UserError):
        service.get(gone.id)
    service.restore(gone.id)
    assert service.get(gone.id) == gone
    assert {b.id for b in service.find()} == {keep.id, gone.id}
    with pytest.raises(UserError):
        service.restore("no-such-id")


def test_filters(service: BookmarkService, store: Store) -> None:
    library = Library(store)
    vorkuta_53 = next(e for e in library.events() if e.id == "vorkuta-1953")
    account = next(a for a in vorkuta_53.accounts if a.source_id not in ("isr-1963", "lituanus-2005"))
    passage_in_event = account.passage_ids[0]
    a = service.add("isr-1963.p012", note="The Mensheviks' paper", tags=["press"])
    b = service.add("lituanus-2005.p021", tags=["Norilsk", "press"])
    c = service.add(passage_in_event, note="Pűkys")
    assert {x.id for x in service.find(tag="PRESS")} == {a.id, b.id}
    assert [x.id for x in service.find(source="lituanus-2005")] == [b.id]
    assert [x.id for x in service.find(event="vorkuta-1953")] == [c.id]
    assert [x.id for x in service.find(text="mensheviks paper")] == [a.id]
    assert [x.id for x in service.find(text="pukys")] == [c.id]  # diacritics folded
    assert [x.id for x in service.find(text="baltic prisoners")] == [b.id]  # the source title
    assert [x.id for x in service.find(tag="press", source="isr-1963")] == [a.id]
    assert service.find(text="nothing like this anywhere") == []
    assert [x.id for x in service.find(ids=[b.id, "unknown"])] == [b.id]
    assert service.tags() == ["Norilsk", "press"]


def test_sorting(service: BookmarkService) -> None:
    late_in_corpus = service.add("russia-pictures.p010")
    early_in_corpus = service.add("goble-2018.p003")
    same_passage_later = service.add("goble-2018.p003", 50, 60)
    same_passage_earlier = service.add("goble-2018.p003", 10, 20)
    newest_first = [x.id for x in service.find()]
    assert newest_first == [same_passage_earlier.id, same_passage_later.id, early_in_corpus.id, late_in_corpus.id]
    by_source = [x.id for x in service.find(sort="source")]
    assert by_source == [early_in_corpus.id, same_passage_earlier.id, same_passage_later.id, late_in_corpus.id]
    service.update(late_in_corpus.id, note="edited last")
    assert service.find(sort="updated")[0].id == late_in_corpus.id
    with pytest.raises(UserError, match="Unknown sort"):
        service.find(sort="colour")


def test_clean_tags() -> None:
    assert clean_tags(["  a  b ", "A B", "c;d", "", " , "]) == ("a b", "c", "d")
    assert clean_tags(["Vorkuta, 1936", "Norilsk,", "x\ny"]) == ("Vorkuta, 1936", "Norilsk", "x", "y")


def test_search_history(db: BookmarksDB) -> None:
    history = SearchHistory(db)
    history.record("Vorkuta strike")
    history.record("Derevyanko", SearchFilters(source="lituanus-2005"))
    history.record("Derevyanko", SearchFilters(source="lituanus-2005"))  # a repeat moves to the top, not twice
    history.record("   ")
    recent = history.recent()
    assert [(h.query, h.filters) for h in recent] == [
        ("Derevyanko", {"source": "lituanus-2005"}),
        ("Vorkuta strike", {}),
    ]
    history.clear()
    assert history.recent() == []


def test_history_keeps_only_the_newest(db: BookmarksDB) -> None:
    from gulagreader.core.bookmarks.db import HISTORY_LIMIT

    history = SearchHistory(db)
    for i in range(HISTORY_LIMIT + 5):
        history.record(f"query {i}")
    recent = history.recent(limit=1000)
    assert len(recent) == HISTORY_LIMIT and recent[0].query == f"query {HISTORY_LIMIT + 4}"


def test_saved_searches_keep_their_filters(db: BookmarksDB) -> None:
    history = SearchHistory(db)
    saved = history.save("Hunger strike at Vorkuta", "hunger strike", SearchFilters(source="isr-1963", order="source"))
    assert saved.filters == {"source": "isr-1963", "sort": "source"}
    again = history.save("hunger strike at vorkuta", "hunger strike", SearchFilters(source="isr-1963"))
    assert again.id == saved.id and len(history.saved()) == 1  # same name replaces
    history.save("Derevyanko", "Derevyanko")
    assert [s.name for s in history.saved()] == ["Derevyanko", "hunger strike at vorkuta"]
    assert history.saved()[1].filters == {"source": "isr-1963"}
    history.remove(again.id)
    assert [s.name for s in history.saved()] == ["Derevyanko"]
    history.clear_saved()
    assert history.saved() == []
    with pytest.raises(UserError):
        history.save("empty", "  ")


@pytest.mark.parametrize(
    ("text", "start", "end", "quote"),
    [
        ("It began on July 26, when the men", 8, 22, "on July 26, when"),  # ends mid-word
        ("It began on July 26, when the men", 4, 9, "began"),  # starts mid-word, ends on a space
        ("Ciliga’s reports came", 2, 10, "Ciliga’s reports"),  # an apostrophe joins a word
        ("anti-Stalin strike", 6, 9, "anti-Stalin"),
        ("word", 0, 4, "word"),
    ],
)
def test_a_selection_snaps_to_whole_words(text: str, start: int, end: int, quote: str) -> None:
    from gulagreader.core.bookmarks.model import selectors

    found, position, whole = selectors(text, start, end)
    assert found.exact == quote and text[position.start : position.end] == quote and not whole
