"""The corpus linter: every problem a librarian can make names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from gulagreader.core.corpus_loader import load_corpus
from gulagreader.core.errors import CorpusError
from gulagreader.core.store import build_store
from tests.conftest import CORPUS


def _errors(folder: Path) -> list[str]:
    _, findings = load_corpus(folder)
    return [str(f) for f in findings if f.severity == "error"]


def test_the_bundled_corpus_is_clean() -> None:
    corpus, findings = load_corpus(CORPUS)
    assert [str(f) for f in findings if f.severity == "error"] == []
    names_missing = [str(f) for f in findings if "not in gazetteer" in f.message]
    assert names_missing == [], "every name in the texts must be in corpus/names.toml"
    assert len(corpus.sources) == 5


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_duplicate_passage_id(corpus_copy: Path) -> None:
    _edit(corpus_copy / "sources" / "goble-2018.md", "{#goble-2018.p002}", "{#goble-2018.p001}")
    assert any("goble-2018.md:" in e and "duplicate passage id 'goble-2018.p001'" in e for e in _errors(corpus_copy))


def test_passage_without_anchor(corpus_copy: Path) -> None:
    _edit(corpus_copy / "sources" / "goble-2018.md", " {#goble-2018.p002}", "")
    errors = _errors(corpus_copy)
    assert any(e.startswith("sources/goble-2018.md:") and "no anchor" in e for e in errors), errors


def test_malformed_metadata_names_the_line(corpus_copy: Path) -> None:
    _edit(corpus_copy / "sources" / "isr-1963.md", 'genre = "eyewitness report"', "genre = eyewitness report")
    errors = _errors(corpus_copy)
    assert any(e.startswith("sources/isr-1963.md:") and "malformed metadata" in e for e in errors), errors
    line = int(next(e for e in errors if "isr-1963" in e).split(":")[1])
    text = (corpus_copy / "sources" / "isr-1963.md").read_text(encoding="utf-8").splitlines()
    assert "genre = eyewitness report" in text[line - 1]


def test_unknown_passage_in_an_event(corpus_copy: Path) -> None:
    events = corpus_copy / "events.toml"
    text = events.read_text(encoding="utf-8")
    first_passage = text.split('"goble-2018.p', 1)[1].split('"', 1)[0]
    events.write_text(text.replace(f'"goble-2018.p{first_passage}"', '"goble-2018.p999"', 1), encoding="utf-8")
    errors = _errors(corpus_copy)
    assert any(e.startswith("events.toml:") and "unknown passage 'goble-2018.p999'" in e for e in errors), errors


def test_unknown_source_and_genre(corpus_copy: Path) -> None:
    _edit(corpus_copy / "sources" / "goble-2018.md", 'genre = "blog/journalism"', 'genre = "novel"')
    assert any("unknown genre 'novel'" in e for e in _errors(corpus_copy))


def test_name_missing_from_gazetteer_is_reported(corpus_copy: Path) -> None:
    _edit(corpus_copy / "sources" / "goble-2018.md", "Mikhail Kleymyonov", "Mikhail Zzyzxkov")
    _, findings = load_corpus(corpus_copy)
    assert any("Zzyzxkov" in f.message and f.path == "sources/goble-2018.md" and f.line > 0 for f in findings)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe+\x00+\x00+\x00", "not valid UTF-8"),
        (b"+++\nid = 'junk'\n+++\n\x00\x01\x02binary", "binary data"),
        (b"no front matter at all", "must start with a '+++' line"),
        (b"+++\nid = 'junk'\n", "no closing '+++'"),
    ],
)
def test_broken_files(corpus_copy: Path, content: bytes, message: str) -> None:
    (corpus_copy / "sources" / "junk.md").write_bytes(content)
    errors = _errors(corpus_copy)
    assert any(e.startswith("sources/junk.md:") and message in e for e in errors), errors


def test_a_bom_is_accepted(corpus_copy: Path) -> None:
    path = corpus_copy / "sources" / "goble-2018.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert _errors(corpus_copy) == []


def test_build_refuses_a_broken_corpus_with_file_and_line(corpus_copy: Path, tmp_path: Path) -> None:
    (corpus_copy / "names.toml").write_text('[[name]]\nid = "x"\nkind = "person"\nspellings = [\n', encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        build_store(corpus_copy, tmp_path / "store")
    assert "names.toml:" in str(caught.value)
    assert not (tmp_path / "store").exists()
