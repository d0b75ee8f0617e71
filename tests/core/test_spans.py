"""Marking spans of a text: one function for the reader, the compare view, the results and the terminal."""

from __future__ import annotations

from html import escape

from gulagreader.core.spans import mark_spans, marked, merged

TEXT = "Strike at <Vorkuta> & Norilsk"


def test_spans_that_overlap_or_touch_are_one() -> None:
    assert merged([(10, 19), (0, 6), (3, 8), (8, 9)]) == [(0, 9), (10, 19)]


def test_each_span_is_wrapped_and_the_rest_escaped() -> None:
    html = mark_spans(TEXT, [(10, 19), (0, 6)], "<b>", "</b>", escape)
    assert html == "<b>Strike</b> at <b>&lt;Vorkuta&gt;</b> &amp; Norilsk"
    assert mark_spans(TEXT, [(0, 6), (3, 9)], "**", "**") == "**Strike at** <Vorkuta> & Norilsk"


def test_a_window_cuts_the_spans_at_its_edges() -> None:
    assert mark_spans(TEXT, [(0, 6), (11, 18), (22, 29)], "[", "]", start=3, end=15) == "[ike] at <[Vork]"
    assert mark_spans("short", [(-4, 2), (3, 99)], "[", "]") == "[sh]o[rt]"


def test_a_mark_of_no_length_is_put_at_its_place() -> None:
    marks = [(0, 6, "<b>", "</b>"), (6, 6, "<sup>1</sup>", "")]
    assert marked(TEXT, marks, escape) == "<b>Strike</b><sup>1</sup> at &lt;Vorkuta&gt; &amp; Norilsk"
