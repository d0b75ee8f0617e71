"""Our edition keeps the originals' words: every passage is in its original, in order, and
every original line is in the edition unless a listed removal covers it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gulagreader.core.model import Passage, Source
from gulagreader.core.source_file import read_source_file
from tests.conftest import CORPUS

SOURCE_FILES = sorted((CORPUS / "sources").glob("*.md"))
_LABEL = re.compile(r"^\(?\d{1,3}(?:[.)]\s*|\s+)")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _rendered(p: Passage) -> str:
    """The passage as printed in the original: footnote markers back in place."""
    text = p.text
    for ref in reversed(p.notes):
        text = text[: ref.offset] + ref.label + text[ref.offset :]
    return text


def _load(path: Path) -> tuple[Source, list[Passage], str]:
    parsed = read_source_file(path)
    assert parsed.source is not None, parsed.findings
    assert not [f for f in parsed.findings if f.severity == "error"]
    original = (CORPUS / "originals" / parsed.source.original).read_text(encoding="utf-8")
    return parsed.source, parsed.passages, original


def test_originals_are_the_seeds_byte_for_byte() -> None:
    seeds = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("the received seeds are not beside this checkout")
    for seed in sorted(seeds.iterdir()):
        assert (CORPUS / "originals" / seed.name).read_bytes() == seed.read_bytes()


def test_every_source_file_names_an_original() -> None:
    assert len(SOURCE_FILES) == 5
    originals = {p.name for p in (CORPUS / "originals").iterdir()}
    assert {_load(p)[0].original for p in SOURCE_FILES} == originals


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.stem)
def test_every_passage_is_in_its_original_in_order(path: Path) -> None:
    _, passages, original = _load(path)
    haystack = _squash(original)
    position = 0
    for passage in passages:
        needle = _squash(_rendered(passage))
        found = haystack.find(needle, position)
        assert found >= 0, f"{passage.id} is not in the original after the previous passage: {passage.text[:80]!r}"
        position = found + len(needle)


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.stem)
def test_every_original_line_is_kept_or_a_listed_removal(path: Path) -> None:
    source, passages, original = _load(path)
    edition = _squash("".join(_rendered(p) for p in passages))
    removed_lines = {_squash(line) for c in source.curation for line in c.lines}
    patterns = [re.compile(p) for c in source.curation for p in c.patterns]
    missing = []
    for number, line in enumerate(original.splitlines(), 1):
        squashed = _squash(line)
        if not squashed or squashed in removed_lines or any(p.fullmatch(line.strip()) for p in patterns):
            continue
        if _squash(_LABEL.sub("", line.strip())) in edition or squashed in edition:
            continue
        missing.append(f"{source.original}:{number}: {line.strip()[:80]}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.stem)
def test_every_removal_kind_is_explained(path: Path) -> None:
    source, _, _ = _load(path)
    for entry in source.curation:
        assert entry.kind and entry.note
        assert entry.lines or entry.patterns


def test_known_spellings_of_the_sources_are_kept() -> None:
    text = " ".join(p.text for path in SOURCE_FILES for p in _load(path)[1])
    for spelling in ("Holomodor", "Schulmer", "Slide", "Kachketine", "Pűkys"):
        assert spelling in text, spelling
