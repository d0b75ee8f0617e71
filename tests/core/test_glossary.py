"""The glossary: terms found as whole words in the passages, our definitions, `gulagreader glossary`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gulagreader.cli import main
from gulagreader.core.corpus_loader import load_corpus
from gulagreader.core.glossary import Term, TermFinder
from gulagreader.core.library import Library
from gulagreader.core.store import Store
from tests.conftest import CORPUS, REPO

REQUIRED = {"zek", "makhorka", "convoy", "political-isolator", "special-camp", "combing", "besprizorniki"}
REQUIRED |= {"chekist", "thermidor", "decists"}


def test_the_glossary_ties_each_term_to_the_passages_that_use_it(store: Store) -> None:
    library = Library(store)
    terms = {t.id: t for t in library.glossary()}
    assert set(terms) >= REQUIRED
    for term in terms.values():
        assert term.definition and term.passages, term.id
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, term.forms)) + r")(?!\w)", re.IGNORECASE)
        for passage_id in term.passages:
            assert pattern.search(library.passage(passage_id).text), (term.id, passage_id)
    # every passage that uses a form is listed (checked independently of the finder)
    zek = re.compile(r"\bzeks\b", re.IGNORECASE)
    using = [p.id for s in library.sources() for p in library.passages_of(s.id) if zek.search(p.text)]
    assert list(terms["zek"].passages) == using == ["lituanus-2005.p050"]


def test_terms_are_whole_words() -> None:
    finder = TermFinder([Term("zek", "zek", ("zeks", "zek"), "a prisoner")])
    assert finder.spans("Ciszek saw the zeks and one zek.") == [(15, 19, "zek"), (28, 31, "zek")]
    assert finder.spans("ZEKS") == [(0, 4, "zek")]
    assert TermFinder([]).spans("anything") == []


def test_the_linter_reports_a_form_no_passage_prints(corpus_copy: Path) -> None:
    path = corpus_copy / "glossary.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('forms = ["makhorka"]', 'forms = ["makhorka", "mahorka"]'), encoding="utf-8")
    _, findings = load_corpus(corpus_copy)
    assert any("'mahorka' is in no passage" in str(f) for f in findings)
    path.write_text('[[term]]\nid = "x"\n', encoding="utf-8")
    _, findings = load_corpus(corpus_copy)
    assert any("needs an id, forms and a definition" in str(f) for f in findings)


def test_glossary_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--corpus", str(CORPUS), "glossary", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {row["id"] for row in data} >= REQUIRED
    assert all(set(row) == {"id", "term", "forms", "definition", "passages"} for row in data)
    assert main(["--corpus", str(CORPUS), "glossary", "Besprisornyje"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("besprizorniki — as printed: Besprisornyje") and "russia-pictures.p026" in out
    assert main(["--corpus", str(CORPUS), "glossary", "no-such-word"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No glossary term" in err and "Traceback" not in err


def test_glossary_command_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "gulagreader glossary [TERM] [--json]" in readme and "`glossary --json`" in readme
