"""The build streams the corpus: one source at a time through reading, linting, the database and the index."""

from __future__ import annotations

import difflib
import gc
import tracemalloc
import weakref
from pathlib import Path

from gulagreader.core import corpus_loader
from gulagreader.core.corpus_loader import CorpusReader, load_corpus
from gulagreader.core.model import Passage
from gulagreader.core.search import SearchService
from gulagreader.core.store import build_store, open_store_at
from tests.conftest import CORPUS

_PARAGRAPH = (
    "The prisoners of the third pit refused to go down the shaft that morning, and the guards sent for the "
    "commandant, who came with a list of demands that had been written out the night before by the strike "
    "committee and signed by the brigade leaders of every hut in the zone. "
)


def _write_corpus(folder: Path, sources: int, per_source: int, reprint: str = "") -> Path:
    """A corpus of `sources` sources of long passages with the same few words (so only the passages
    grow with it, not its word list). `reprint` "behind": the last source reprints the first two
    passages of the first; "ahead": the first reprints the last's (an original read after its reprint)."""
    (folder / "sources").mkdir(parents=True)
    (folder / "originals").mkdir()
    (folder / "originals" / "received.txt").write_text("A placeholder for the received files.\n", encoding="utf-8")
    (folder / "names.toml").write_text("", encoding="utf-8")
    (folder / "events.toml").write_text("", encoding="utf-8")
    (folder / "not-names.txt").write_text("The\n", encoding="utf-8")
    last = sources - 1
    copy, original = {"behind": (last, 0), "ahead": (0, last)}.get(reprint, (-1, -1))
    for number in range(sources):
        sid = f"s{number:04d}"
        meta = [f'id = "{sid}"', 'original = "received.txt"', f'title = "Account {number}"']
        meta += ['genre = "eyewitness report"']
        texts = [f"{_PARAGRAPH * 4}{number} {i}" for i in range(per_source)]
        if number == copy:
            meta += ["[[reprint]]", f'of = "s{original:04d}"', f'first = "{sid}.p000"', f'last = "{sid}.p001"']
            texts[:2] = [f"{_PARAGRAPH * 4}{original} {i}" for i in range(2)]
        lines = [f"{text} {{#{sid}.p{i:03d}}}\n" for i, text in enumerate(texts)]
        (folder / "sources" / f"{sid}.md").write_text("\n".join(["+++", *meta, "+++", "", *lines]), encoding="utf-8")
    return folder


def test_the_reader_hands_on_one_source_at_a_time_and_keeps_none(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus", sources=6, per_source=5)
    kept: list[weakref.ref[Passage]] = []
    reader = CorpusReader(corpus)
    for number, read in enumerate(reader.sources()):
        assert [p.source_id for p in read.passages] == [read.source.id] * 5
        kept.append(weakref.ref(read.passages[0]))
        del read
        gc.collect()
        assert [ref() is not None for ref in kept] == [False] * number + [True], "only the source in hand is held"
    assert reader.findings() == []
    assert [s.id for s in reader.source_list] == [f"s{n:04d}" for n in range(6)]


def test_a_builds_python_memory_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    """Four times the passages (each ~1.6 kB of text) add less to the build's peak than a quarter of
    their text: only their ids are kept. A build holding the corpus would add more than all of it."""
    peaks = []
    for sources in (4, 16):
        corpus = _write_corpus(tmp_path / f"corpus-{sources}", sources=sources, per_source=100)
        build_store(corpus, tmp_path / f"warm-{sources}")  # imports and caches, outside the measure
        tracemalloc.start()
        try:
            report = build_store(corpus, tmp_path / f"store-{sources}")
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        assert report.passages == sources * 100
    added_text = 12 * 100 * len(_PARAGRAPH * 4)
    assert peaks[1] - peaks[0] < added_text / 4, (peaks, added_text)


def test_a_reprint_finds_its_original_before_or_after_it(tmp_path: Path) -> None:
    for where in ("behind", "ahead"):
        corpus, findings = load_corpus(_write_corpus(tmp_path / where, sources=3, per_source=3, reprint=where))
        assert findings == []
        copy, original = ("s0002", "s0000") if where == "behind" else ("s0000", "s0002")
        linked = {p.id: p.reprint_of for p in corpus.passages if p.source_id == copy}
        assert linked == {f"{copy}.p000": f"{original}.p000", f"{copy}.p001": f"{original}.p001", f"{copy}.p002": ""}
        by_id = {p.id: p for p in corpus.passages}
        assert by_id[f"{copy}.p000"].text == by_id[f"{original}.p000"].text


def _most_similar_in_full(text: str, originals: list[Passage]) -> Passage | None:
    """Every original compared in full, as the linker once did."""

    def similarity(other: str) -> float:
        if not text or not other or min(len(text), len(other)) / max(len(text), len(other)) < 0.6:
            return 0.0
        matcher = difflib.SequenceMatcher(None, text, other, autojunk=False)
        return matcher.ratio() if matcher.quick_ratio() >= 0.8 else 0.0

    best = max(originals, key=lambda o: similarity(o.text))
    return best if similarity(best.text) >= 0.8 else None


def test_reprints_are_matched_as_comparing_every_original_in_full() -> None:
    corpus, _ = load_corpus(CORPUS)
    reprinting = [s for s in corpus.sources if s.reprints]
    assert reprinting, "the edition reprints a text"
    for source in reprinting:
        for span in source.reprints:
            originals = [p for p in corpus.passages if p.source_id == span.of]
            ids = [p.id for p in corpus.passages if p.source_id == source.id]
            span_ids = set(ids[ids.index(span.first) : ids.index(span.last) + 1])
            compared = [p for p in corpus.passages if p.id in span_ids and p.text not in {o.text for o in originals}]
            assert compared, "some passages are not word for word"
            for passage in compared:
                expected = _most_similar_in_full(passage.text, originals)
                assert corpus_loader._most_similar(passage.text, originals) == expected
                assert passage.reprint_of == (expected.id if expected else "")
    # near-equal candidates, ties, and none good enough
    originals = [
        Passage(f"o.p{i}", "o", i, "paragraph", text) for i, text in enumerate(["abcdefgh", "abcdefgx", "abcdefgh"])
    ]
    for text in ("abcdefgh", "abcdefgy", "zzzzzzzz", "abcd", ""):
        assert corpus_loader._most_similar(text, originals) == _most_similar_in_full(text, originals) if text else True


def test_the_longest_common_subsequence() -> None:
    def in_full(a: str, b: str) -> int:
        previous = [0] * (len(b) + 1)
        for x in a:
            row = [0]
            for j, y in enumerate(b):
                row.append(previous[j] + 1 if x == y else max(previous[j + 1], row[j]))
            previous = row
        return previous[-1]

    pairs = [
        ("", ""),
        ("a", ""),
        ("abc", "abc"),
        ("abcbdab", "bdcaba"),
        ("Vorkuta 1953", "Workuta, 1953"),
        ("ab", "ba"),
    ]
    pairs += [(_PARAGRAPH[:90], _PARAGRAPH[40:120])]
    for a, b in pairs:
        assert corpus_loader._common_subsequence(a, b) == in_full(a, b), (a, b)


def test_a_streamed_build_finds_what_the_whole_corpus_holds(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus", sources=5, per_source=4, reprint="ahead")
    whole, _ = load_corpus(corpus)
    store = open_store_at(build_store(corpus, tmp_path / "store").store)
    try:
        for source in whole.sources:
            assert store.db.passages_of(source.id) == [p for p in whole.passages if p.source_id == source.id]
        assert SearchService(store).search("commandant").total == len(whole.passages)
    finally:
        store.db.close()
