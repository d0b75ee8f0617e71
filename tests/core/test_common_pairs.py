"""A phrase of common words is searched by its pairs ("of_the"): the same passages, in the same order,
with the same scores, as the positional phrase it replaces."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import tantivy

from gulagreader.core import index as ix
from gulagreader.core.corpus_loader import load_corpus
from gulagreader.core.store import Store
from tests.conftest import CORPUS

LONG_WORD = "w" * ix.LONGEST_TOKEN  # left out of the index: the words on either side are not side by side

# How the phrase query reads what lies between two words: punctuation, a line break, a dash or an
# underscore are only gaps (tantivy's tokenizer drops them), so "of. The" is the phrase "of the";
# letters with diacritics are folded ("thé" is "the"); digits and words are words.
CRAFTED = [
    "Out of the camp, in the night it was cold.",
    "The work of. The men; of\nthe women, OF—THE children, of_the guards and of  the rest.",
    "Pages of thé book, of þe book, ofé the book and Of The Book.",
    f"of {LONG_WORD} the; of {LONG_WORD}x the; the {LONG_WORD}",
    "one of 1 the; of-the; of'the; ofthe; the the the the",
    "It was. It was, it was in the camp that it was in the end.",
    "Łódź of the Straße, æther of the naïve café; the ½ of the x² of the ﬁre.",
    "",
]


def _phrase_hits(index_dir: Path, words: tuple[str, ...], limit: int) -> tuple[list[tuple[float, str]], int]:
    """The positional phrase, built by hand on the same index: what the search did before pairs."""
    found = tantivy.Index.open(str(index_dir))
    ix._register(found)
    searcher = found.searcher()
    result = searcher.search(tantivy.Query.phrase_query(found.schema, "exact", list(words)), limit)
    return [(score, searcher.doc(a).get_first("id") or "") for score, a in result.hits], result.count  # type: ignore[attr-defined]


def _assert_same(index: ix.PassageIndex, index_dir: Path, words: tuple[str, ...]) -> int:
    hits, total = index.search(ix.PhraseQ(words), 10_000)
    expected, expected_total = _phrase_hits(index_dir, words, 10_000)
    assert total == expected_total, words
    assert [h.id for h in hits] == [i for _, i in expected], words
    for hit, (score, _) in zip(hits, expected, strict=True):
        assert hit.score == pytest.approx(score, rel=1e-6), words
    return total


def _common_runs(texts: list[str], length: int) -> Counter[tuple[str, ...]]:
    """Every run of `length` common words side by side in `texts`, with how often it occurs."""
    runs: Counter[tuple[str, ...]] = Counter()
    for text in texts:
        words = ix._EVERY_FOLDED_WORD.analyze(text)
        for i in range(len(words) - length + 1):
            run = tuple(words[i : i + length])
            if all(w in ix.COMMON_WORDS for w in run):
                runs[run] += 1
    return runs


def test_pairs_are_the_common_words_side_by_side() -> None:
    fillers = " -" * 6  # one per other word: the field is as long as the passage
    assert ix.common_pairs("Out of the camp, in the night it was.") == "of_the in_the it_was" + fillers
    assert ix.common_pairs("") == ""


def test_every_common_phrase_of_the_corpus_finds_what_the_phrase_found(store: Store) -> None:
    corpus, _ = load_corpus(CORPUS)
    texts = [p.text for p in corpus.passages]
    pairs = _common_runs(texts, 2)
    longer = _common_runs(texts, 3).most_common(40) + _common_runs(texts, 4).most_common(10)
    absent = [("the", "the"), ("you", "which", "the"), ("with", "with")]
    phrases = [*pairs, *(run for run, _ in longer), *absent]
    assert len(pairs) > 100 and len(longer) == 50
    found = {words: _assert_same(store.index, store.folder / "index", words) for words in phrases}
    assert found[("of", "the")] > 100 and found[("the", "the")] == 0


def test_crafted_passages_find_what_the_phrase_found(tmp_path: Path) -> None:
    docs = [ix.IndexDoc(f"t.p{i}", "t", "paragraph", text, (), "", "", (), i) for i, text in enumerate(CRAFTED)]
    ix.write_index(tmp_path, docs)
    index = ix.PassageIndex(tmp_path)
    phrases = [run for n in (2, 3) for run in _common_runs(CRAFTED, n)] + [("the", "the", "the")]
    totals = {words: _assert_same(index, tmp_path, words) for words in phrases}
    assert totals[("of", "the")] == 5  # not where a long word parts them, nor where there is no "of"
    assert totals[("it", "was", "in")] == 1
