"""Carrying selections between the page and the passage text, and a note's light Markdown (no Qt needed)."""

from __future__ import annotations

from gulagreader.core.bookmarks.model import Bookmark, TextPositionSelector, TextQuoteSelector
from gulagreader.ui.bookmarks.markup import BookmarkRow, bookmark_html, note_html, short_quote
from gulagreader.ui.selection import NOT_SHOWN, align, locate, shown_span, text_span

TEXT = "The troops  came.\nThen they left the camp."
SHOWN = "The troops came.6\u2028Then they left the camp."  # white space collapsed, a note label, a line break


def test_align_pairs_characters_skipping_labels_and_extra_space() -> None:
    pairs = align(SHOWN, TEXT)
    assert len(pairs) == len(SHOWN)
    assert pairs[SHOWN.index("6")] == NOT_SHOWN
    assert TEXT[pairs[SHOWN.index("came")]] == "c"
    assert pairs[SHOWN.index("Then")] == TEXT.index("Then")


def test_a_selection_on_the_page_becomes_offsets_in_the_text() -> None:
    start, end = SHOWN.index("came"), SHOWN.index("Then") + 4
    span = text_span(SHOWN, TEXT, start, end)
    assert span is not None and TEXT[span[0] : span[1]] == "came.\nThen"
    assert text_span(SHOWN, TEXT, SHOWN.index("6"), SHOWN.index("6") + 1) is None  # only the label


def test_offsets_in_the_text_are_found_on_the_page() -> None:
    span = shown_span(SHOWN, TEXT, TEXT.index("troops"), TEXT.index("came") + 4)
    assert span is not None and SHOWN[span[0] : span[1]] == "troops came"
    assert shown_span(SHOWN, TEXT, 500, 600) is None


def test_locate_finds_a_selection_whatever_its_white_space() -> None:
    assert locate(TEXT, "troops came") == (4, 16)
    assert locate(TEXT, "came. Then") == (12, 22)
    assert locate(TEXT, "not there") is None
    assert locate(TEXT, "   ") is None


def test_note_markdown_is_light_and_escaped() -> None:
    html = note_html("A *key* passage, **twice** told; see `p046`.\n\n- one\n- two <b>")
    assert "<i>key</i>" in html and "<b>twice</b>" in html and "<code>p046</code>" in html
    assert "<li>one</li><li>two &lt;b&gt;</li>" in html
    assert "[x](http://example.com)" in note_html("[x](http://example.com)")  # links stay text
    assert "<img" not in note_html("![x](file:///etc/passwd)")
    assert "2*3*4" in note_html("2*3*4")
    mixed = note_html("Compare:\n- who spoke\n- what was promised\nthen more")
    assert "<p" in mixed and "Compare:" in mixed and "<li>who spoke</li><li>what was promised</li>" in mixed
    assert mixed.index("Compare:") < mixed.index("<ul") < mixed.index("then more")


def test_an_orphaned_bookmark_says_so_with_its_quote() -> None:
    b = Bookmark(
        id="x",
        passage_id="isr-1963.p999",
        source_id="isr-1963",
        quote=TextQuoteSelector("words no longer there"),
        position=TextPositionSelector(0, 21),
        status="orphaned",
        created="2025-01-02T00:00:00Z",
        tags=("lost",),
    )
    html = bookmark_html(BookmarkRow(b, "Trotskyists at Vorkuta", ("Vorkuta strike",)))
    assert "Orphaned" in html and "words no longer there" in html and "lost" in html
    assert "Vorkuta strike" in html and "2025-01-02" in html
    assert short_quote("word " * 100, 40).endswith(" …") and len(short_quote("word " * 100, 40)) <= 42
