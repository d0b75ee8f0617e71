"""What a librarian might do to the corpus files: every build fails with file:line, and the old store works.

test_linter.py checks the linter's messages one by one; here each breakage goes through a whole
build next to a working store, and through `open_store`, which keeps using the previous build.
"""

from __future__ import annotations

import os
import random
import re
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gulagreader.core.errors import CorpusError
from gulagreader.core.search import SearchService
from gulagreader.core.source_file import MAX_FILE_BYTES
from gulagreader.core.store import build_store, open_store, open_store_at

GOBLE = "sources/goble-2018.md"
FINDING = re.compile(r"^(?P<file>[\w./-]+):(?P<line>\d+): error: ", re.MULTILINE)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _latin1(corpus: Path) -> None:
    path = corpus / GOBLE
    path.write_bytes(path.read_text(encoding="utf-8").replace("Staunton", "Städten").encode("latin-1", "replace"))


def _utf16(corpus: Path) -> None:
    path = corpus / GOBLE
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))


def _utf16_events(corpus: Path) -> None:
    path = corpus / "events.toml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))


def _binary_junk(corpus: Path) -> None:
    (corpus / "sources" / "junk.md").write_bytes(random.Random(9).randbytes(64 * 1024))


def _binary_tail(corpus: Path) -> None:
    path = corpus / GOBLE
    path.write_bytes(path.read_bytes() + b"\n\x00\x00\x7fELF\x02\x01\x01" + bytes(range(256)))


def _no_source_id(corpus: Path) -> None:
    _edit(corpus / GOBLE, 'id = "goble-2018"\n', "")


def _duplicate_source_id(corpus: Path) -> None:
    (corpus / "sources" / "goble-2018-copy.md").write_bytes((corpus / GOBLE).read_bytes())


def _passage_without_anchor(corpus: Path) -> None:
    _edit(corpus / GOBLE, " {#goble-2018.p003}", "")


def _duplicate_passage_id(corpus: Path) -> None:
    _edit(corpus / GOBLE, "{#goble-2018.p004}", "{#goble-2018.p003}")


def _duplicate_name_id(corpus: Path) -> None:
    _edit(corpus / "names.toml", 'id = "goble-paul"', 'id = "derevianko"')


def _event_without_id(corpus: Path) -> None:
    _edit(corpus / "events.toml", 'id = "lena-1912"\n', "")


def _duplicate_event_id(corpus: Path) -> None:
    _edit(corpus / "events.toml", 'id = "romanov-execution"', 'id = "lena-1912"')


def _dangling_passage(corpus: Path) -> None:
    _edit(corpus / "events.toml", 'passages = ["newsletters-2003.p015"]', 'passages = ["newsletters-2003.p999"]')


def _dangling_source(corpus: Path) -> None:
    _edit(corpus / "events.toml", 'source = "russia-pictures"', 'source = "no-such-source"')


def _dangling_figure(corpus: Path) -> None:
    _edit(corpus / "events.toml", 'passage = "newsletters-2003.p015"', 'passage = "goble-2018.p999"')


def _dangling_place(corpus: Path) -> None:
    _edit(corpus / "events.toml", 'places = ["lena-goldfields"]', 'places = ["atlantis"]')


def _broken_toml(corpus: Path) -> None:
    _edit(corpus / "names.toml", 'kind = "person"', "kind = person")


def _broken_front_matter(corpus: Path) -> None:
    _edit(corpus / GOBLE, 'genre = "blog/journalism"', 'genre = "blog/journalism')


def _missing_names(corpus: Path) -> None:
    (corpus / "names.toml").unlink()


BREAKAGES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    # name: (what is done, the file named, words of the message)
    "latin-1 source": (_latin1, GOBLE, "not valid UTF-8"),
    "UTF-16 source": (_utf16, GOBLE, "UTF-16"),
    "UTF-16 events.toml": (_utf16_events, "events.toml", "UTF-16"),
    "binary junk file": (_binary_junk, "sources/junk.md", ""),
    "binary tail": (_binary_tail, GOBLE, ""),
    "source without id": (_no_source_id, GOBLE, "no 'id'"),
    "duplicate source id": (_duplicate_source_id, "sources/goble-2018.md", "duplicate source id"),
    "passage without anchor": (_passage_without_anchor, GOBLE, "anchor"),
    "duplicate passage id": (_duplicate_passage_id, GOBLE, "duplicate passage id"),
    "duplicate name id": (_duplicate_name_id, "names.toml", "duplicate name id"),
    "event without id": (_event_without_id, "events.toml", "has no id"),
    "duplicate event id": (_duplicate_event_id, "events.toml", "duplicate event id"),
    "dangling passage": (_dangling_passage, "events.toml", "unknown passage"),
    "dangling source": (_dangling_source, "events.toml", "unknown source"),
    "dangling figure": (_dangling_figure, "events.toml", "figure cites unknown passage"),
    "dangling place": (_dangling_place, "events.toml", "not in names.toml"),
    "broken TOML": (_broken_toml, "names.toml", "malformed TOML"),
    "broken front matter": (_broken_front_matter, GOBLE, "malformed metadata"),
    "missing names.toml": (_missing_names, "names.toml", "missing"),
}


def _works(store_dir: Path) -> None:
    assert SearchService(open_store_at(store_dir)).search("Vorkuta").total > 0


def _line_of_file(message: str, file: str) -> int:
    found = [int(m["line"]) for m in FINDING.finditer(message) if m["file"] == file]
    assert found, message
    return found[0]


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_a_broken_corpus_names_file_and_line_and_the_old_store_works(
    corpus_copy: Path, tmp_path: Path, built_store: Path, name: str
) -> None:
    out = tmp_path / "store"
    shutil.copytree(built_store, out)  # a working store of the unbroken corpus
    before = (out / "manifest.json").read_bytes()
    damage, file, words = BREAKAGES[name]
    damage(corpus_copy)
    with pytest.raises(CorpusError) as caught:
        build_store(corpus_copy, out)
    message = str(caught.value)
    assert message.splitlines()[0].endswith("the store was not rebuilt.")
    line = _line_of_file(message, file)
    assert words in message
    if file != "names.toml" or "missing" not in words:
        assert line >= 1, message
    assert (out / "manifest.json").read_bytes() == before
    _works(out)
    assert not list(tmp_path.glob(".building-*"))


def test_the_line_named_is_the_broken_line(corpus_copy: Path) -> None:
    path = corpus_copy / GOBLE
    text = path.read_text(encoding="utf-8")
    broken = "[byline] Paul Goble {#goble-2018.p002}"
    path.write_bytes(text.replace(broken, "[byline] Paul G\xf6ble {#goble-2018.p002}").encode("latin-1", "replace"))
    with pytest.raises(CorpusError) as caught:
        build_store(corpus_copy, corpus_copy.parent / "store")
    line = _line_of_file(str(caught.value), GOBLE)
    assert "Paul G" in text.splitlines()[line - 1]


def test_open_store_keeps_using_the_previous_build_while_the_corpus_has_errors(corpus_copy: Path) -> None:
    first = open_store(corpus_copy)
    assert not first.notices
    _dangling_passage(corpus_copy)
    kept = open_store(corpus_copy)
    assert kept.folder == first.folder
    [notice] = kept.notices
    assert "1 error(s)" in notice and "events.toml:" in notice and "previous build" in notice and "\n" not in notice
    assert SearchService(kept).search("Vorkuta").total > 0
    # once fixed, a new build replaces it
    (corpus_copy / "events.toml").write_text(
        (corpus_copy / "events.toml").read_text(encoding="utf-8").replace("p999", "p015"), encoding="utf-8"
    )
    fixed = open_store(corpus_copy)
    assert not fixed.notices


def test_without_a_previous_build_the_errors_are_raised(corpus_copy: Path) -> None:
    _dangling_passage(corpus_copy)
    with pytest.raises(CorpusError, match=r"events\.toml:\d+: error: .*unknown passage"):
        open_store(corpus_copy)


# Builds the corpus in a child and reports its peak memory, so a huge file's cost is measured alone.
_BUILD = """
import resource, sys
from pathlib import Path
from gulagreader.core.errors import CorpusError
from gulagreader.core.store import build_store
try:
    build_store(Path(sys.argv[1]), Path(sys.argv[2]))
    print("built")
except CorpusError as exc:
    print(str(exc))
print("peak-kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _build_in_child(corpus: Path, out: Path) -> tuple[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", _BUILD, str(corpus), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ},
    )
    assert done.returncode == 0, done.stderr
    *lines, peak = done.stdout.strip().splitlines()
    return "\n".join(lines), int(peak.split()[1])


def test_a_100_mb_source_file_is_refused_without_reading_it(corpus_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "store"
    build_store(corpus_copy, out)
    _, normal_peak = _build_in_child(corpus_copy, tmp_path / "normal")
    huge = corpus_copy / "sources" / "huge.md"
    paragraph = ("The strike committee met again at the mine. " * 20 + "{#huge.p%07d}\n\n").encode()
    with huge.open("wb") as handle:
        handle.write(b'+++\nid = "huge"\ntitle = "Huge"\noriginal = "none.txt"\ngenre = "political essay"\n+++\n\n')
        n = 0
        while handle.tell() < 100 * 1024 * 1024:
            handle.write(paragraph % n)
            n += 1
    assert huge.stat().st_size > MAX_FILE_BYTES
    message, peak = _build_in_child(corpus_copy, out)
    assert re.search(
        r"^sources/huge\.md:1: error: the file is 10\d MB; corpus files may be at most 20 MB", message, re.M
    )
    assert peak - normal_peak < 50 * 1024, f"peak memory grew by {(peak - normal_peak) // 1024} MB"
    _works(out)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0
