"""The build's fast paths (for a million passages) give exactly what the plain ways give."""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from gulagreader.core import corpusdb, lexicon
from gulagreader.core.corpus_loader import _name_words, capitalised_tokens, lint_names, load_corpus
from gulagreader.core.model import Name, Passage
from gulagreader.core.search import SearchService
from gulagreader.core.source_file import read_source_file
from gulagreader.core.store import _index_docs, _vocabulary, build_store, open_store_at
from gulagreader.core.text import fold, skeleton, words_as_written
from tests.conftest import CORPUS, scale_corpus_module

TRICKY = [
    "Plain words, and 12Foo -Bar O'Brien's non-Russian Trans-Siberian x_Y 'Tis ABC-def 1953 Camp No. 29.",
    "Under_scores__and--dashes' quotes' ’curly’ Pűkys Barnatavičius Łódź STRAẞE naïve café-Crème.",
    "   leading spaces\tand tabs\nand lines  ",
    "",
    "123 456 _ - ' ’",
]


@pytest.mark.parametrize("text", TRICKY)
def test_words_as_written_match_the_regex(text: str) -> None:
    assert words_as_written(text) == re.findall(r"[^\W_]+", text)


def _lint_one_token_at_a_time(passages: list[Passage], names: list[Name], not_names: set[str]) -> list[str]:
    """The linter as it was before it learned to skip words it has seen: every token, every passage."""
    known = _name_words(names) | not_names
    reported: list[str] = []
    for passage in passages:
        for token in capitalised_tokens(passage.text):
            if token not in known and token not in reported:
                reported.append(token)
    return reported


def test_the_linter_reports_what_a_token_by_token_pass_reports() -> None:
    passages = [Passage(f"t.p{i}", "t", i, "paragraph", text) for i, text in enumerate(TRICKY * 3)]
    names = [Name("obrien", "O'Brien", "person", ("O'Brien",)), Name("pukys", "Pűkys", "person", ("Pűkys",))]
    found = lint_names(passages, names, {"Plain", "Camp"}, {})
    expected = _lint_one_token_at_a_time(passages, names, {"Plain", "Camp"})
    assert [f.message for f in found] == [f"name not in gazetteer: {t!r}" for t in expected]
    assert "12Foo" not in expected and "Foo" in expected and "Tis" in expected  # tokens start at a letter


def test_the_linter_finds_nothing_new_in_the_real_corpus() -> None:
    corpus, findings = load_corpus(CORPUS)
    linted = [f for f in findings if "gazetteer" in f.message]
    not_names = {ln.strip() for ln in (CORPUS / "not-names.txt").read_text(encoding="utf-8").splitlines()}
    not_names = {ln for ln in not_names if ln and not ln.startswith("#")}
    expected = _lint_one_token_at_a_time(list(corpus.passages), list(corpus.names), not_names)
    assert [f.message for f in linted] == [f"name not in gazetteer: {t!r}" for t in expected]


def test_vocabulary_counts_every_word() -> None:
    corpus, _ = load_corpus(CORPUS)
    total: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for passage in corpus.passages:
        for raw in re.findall(r"[^\W_]+", passage.text):
            total[fold(raw)] += 1
            upper[fold(raw)] += raw[0].isupper()
    expected = [(w, skeleton(w) if upper[w] * 2 > n else "", n, upper[w] * 2 > n) for w, n in total.items()]
    as_written: Counter[str] = Counter()
    docs = list(_index_docs(corpus, as_written))  # counted on the way, as the build does
    assert len(docs) == len(corpus.passages)
    assert _vocabulary(as_written) == expected


def _real_vocabulary() -> tuple[list[tuple[str, str, int, bool]], list[Name]]:
    corpus, _ = load_corpus(CORPUS)
    as_written: Counter[str] = Counter()
    list(_index_docs(corpus, as_written))
    return _vocabulary(as_written), list(corpus.names)


def test_suggestion_words_are_the_commonest_by_frequency_then_word(monkeypatch: pytest.MonkeyPatch) -> None:
    vocabulary, _ = _real_vocabulary()
    # words of more than SUGGESTION_LONGEST letters or with a digit ('1953') are never suggested
    eligible = [v for v in vocabulary if len(v[0]) <= lexicon.SUGGESTION_LONGEST and not any(map(str.isdigit, v[0]))]
    assert "1953" in {v[0] for v in vocabulary} and len(eligible) < len(vocabulary)
    by_rank = sorted(eligible, key=lambda v: (-v[2], v[0]))
    tie_cut = next(i for i in range(500, len(by_rank)) if by_rank[i - 1][2] == by_rank[i][2] == by_rank[i + 1][2])
    for limit in (0, 1, 200, tie_cut, len(eligible) - 1, len(eligible), len(eligible) + 5):
        monkeypatch.setattr(lexicon, "SUGGESTION_WORDS", limit)
        assert lexicon.suggestion_words(vocabulary, []) == sorted(v[0] for v in by_rank[:limit]), limit


def test_the_suggestion_index_holds_every_word_under_each_deletion(built_store: Path) -> None:
    vocabulary, names = _real_vocabulary()
    words = lexicon.suggestion_words(vocabulary, names)
    expected = sorted({(key, word) for word in words for key in lexicon._deletes(word)})
    conn = sqlite3.connect(f"file:{built_store / 'corpus.db'}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT key, word FROM suggestion_keys").fetchall() == expected
    finally:
        conn.close()


def test_anchors_are_read_as_before(tmp_path: Path) -> None:
    source = tmp_path / "t.md"
    source.write_text(
        '+++\nid = "t"\noriginal = "x"\ntitle = "T"\ngenre = "blog/journalism"\n+++\n\n'
        "One {#t.p1}\n\nTwo {#t.p1b}   \n\nThree{#t.p2}\n\nFour {#t.p3} {#t.p4}\n\nNo anchor {#t.p5} here\n\n"
        "Five {#}\n\nSix {#t.p6}}\n",
        encoding="utf-8",
    )
    parsed = read_source_file(source)
    assert [(p.id, p.text) for p in parsed.passages] == [
        ("t.p1", "One"),
        ("t.p1b", "Two"),
        ("t.p2", "Three"),
        ("t.p4", "Four {#t.p3}"),
    ]
    assert [f.line for f in parsed.findings if "no anchor" in f.message] == [16, 18, 20]


def test_passage_rows_hold_every_field(tmp_path: Path) -> None:
    assert list(corpusdb._PASSAGE_COLUMNS) == [f.name for f in dataclasses.fields(Passage)]
    corpus, _ = load_corpus(CORPUS)
    store = open_store_at(build_store(CORPUS, tmp_path / "store").store)
    for source in corpus.sources:
        assert store.db.passages_of(source.id) == [p for p in corpus.passages if p.source_id == source.id]
    store.db.close()


def test_the_scale_benchmark_corpus_builds_clean_with_its_planted_words(tmp_path: Path) -> None:
    scale_corpus = scale_corpus_module()
    info = scale_corpus.generate(tmp_path / "corpus", 1200, seed=3, per_source=100, workers=1)
    scale_corpus.generate(tmp_path / "again", 1200, seed=3, per_source=100, workers=1)
    for a, b in zip(sorted((tmp_path / "corpus").rglob("*.*")), sorted((tmp_path / "again").rglob("*.*")), strict=True):
        if a.name != "generated.json":
            assert a.read_bytes() == b.read_bytes(), a.name  # same seed, same bytes
    report = build_store(tmp_path / "corpus", tmp_path / "store")
    assert [str(f) for f in report.warnings] == []
    assert report.passages == 1200 and report.events == info["events"]
    store = open_store_at(report.store)
    search = SearchService(store)
    planted = json.loads((tmp_path / "corpus" / "generated.json").read_text())["planted_passages"]
    assert search.search("Kachketine").total == planted["Kachketine"] == 5
    assert search.search("Derevyanko").total == planted.get("Derevianko", 0)  # the variant finds the spelling
    assert search.search(f"event:{info['query_event']}").total > 0
    assert any(p.reprint_of for s in store.db.sources() for p in store.db.passages_of(s.id))
    store.db.close()


def _cyrillic_words() -> set[str]:
    """Every Cyrillic name of the gazetteer, whole and word by word, and words that reach each rule."""
    import tomllib

    words = {"", "Ё", "ЕЛЕНА", "Ельцин-Ёжиков", "подъезд", "Ъ", "ёж ёлка", "Щукин, Юрий.", "Х-Х", "ая"}
    for name in tomllib.loads((CORPUS / "names.toml").read_text(encoding="utf-8"))["name"]:
        for cyrillic in name.get("cyrillic", []):
            words.add(cyrillic)
            words.update(cyrillic.split())
            words.add(cyrillic.upper())
    return words


def test_the_romanisation_schemes_give_iuliias_forms() -> None:
    import iuliia

    from gulagreader.core.names.transliteration import IULIIA_SCHEMES, _iuliia_schemes

    ours = _iuliia_schemes()
    words = _cyrillic_words()
    for name, label in IULIIA_SCHEMES.items():
        theirs = iuliia.schemas.get(name)
        assert [ours[label](w) for w in words] == [theirs.translate(w) for w in words], label


def test_the_key_gives_what_letter_by_letter_folding_gives() -> None:
    import unicodedata

    from gulagreader.core.names import transliteration as t

    def plain(text: str) -> str:
        text = unicodedata.normalize("NFC", text).lower().translate(t._MARKS).replace("№", " no ")
        text = "".join(t._CYRILLIC_BASE.get(c, t._DIGRAPHS.get(c, c)) for c in text).translate(t._EXTRA_FOLD)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = t._NOT_KEY.sub(" ", text.replace("-", "").replace("–", ""))
        for old, new in t._KEY_RULES:
            text = text.replace(old, new)
        words = [w[1:] if w.startswith("ie") else w for w in t._REPEATS.sub(r"\1", text).split()]
        return " ".join(w.replace("ie", "e") for w in words)

    words = _cyrillic_words() | {w for text in TRICKY for w in text.split()} | {"Chruščiovas", "Łódź", "Noril'sk"}
    assert [t.key.__wrapped__(w) for w in words] == [plain(w) for w in words]


def test_the_places_a_build_finds_with_the_names_are_what_the_mention_finder_finds(built_store: Path) -> None:
    corpus, _ = load_corpus(CORPUS)  # the corpus reader's own MentionFinder
    with sqlite3.connect(built_store / "corpus.db") as db:
        stored = list(db.execute("SELECT name_id, passage_id FROM mentions ORDER BY seq"))
    assert stored == list(corpus.mentions)
    assert len(stored) > 100


def test_database_rows_are_what_asdict_gives() -> None:
    def plain_row(item: object) -> tuple[object, ...]:
        values = dataclasses.asdict(item).values()  # type: ignore[call-overload]
        return tuple(json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple, dict)) else v for v in values)

    corpus, _ = load_corpus(CORPUS)
    items = [*corpus.sources, *corpus.names, *corpus.events, *corpus.locations]
    assert any(e.accounts for e in corpus.events)  # nested dataclasses among them
    assert [corpusdb._row(i) for i in items] == [plain_row(i) for i in items]
