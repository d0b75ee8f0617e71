"""Files that never end, nest without end or are not what they claim: bounded, refused in one sentence.

A FIFO or a symlink to /dev/zero reports a size of 0 to `stat`, so a size check alone let the read
hang; TOML and JSON nested 20,000 deep made the parsers raise RecursionError; a manifest that is
valid JSON but not an object, a cache folder that is a file and a full disk at the first build gave
tracebacks. Each case runs under an alarm, so a hang fails the test instead of stopping the suite.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from gulagreader.cli import main
from gulagreader.core.bounded_input import RefusedInput, json_loads, nesting, read_bytes, toml_loads
from gulagreader.core.config import load_settings
from gulagreader.core.errors import CorpusError
from gulagreader.core.store import build_store

DEEP_TOML = "x = " + "[" * 20_000 + "]" * 20_000 + "\n"


@contextmanager
def deadline(seconds: int = 120) -> Iterator[None]:
    def hung(*_: object) -> None:
        raise TimeoutError(f"still waiting after {seconds} s")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def never_ending(path: Path, kind: str) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with deadline():
        code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_limits_themselves(tmp_path: Path) -> None:
    assert nesting('{"a": "[[[[", "b": [[1]]}') == 3
    with pytest.raises(RefusedInput):
        json_loads("[" * 100_000 + "]" * 100_000)
    with pytest.raises(RefusedInput):
        toml_loads(DEEP_TOML)
    assert toml_loads('a = "[[[[[[" # [[[[[\n[[t]]\nb = [[1], [2]]\n') == {"a": "[[[[[[", "t": [{"b": [[1], [2]]}]}
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with deadline(), pytest.raises(OSError, match="pipe"):
        read_bytes(fifo, 100)
    with deadline(), pytest.raises(OSError, match="device"):
        read_bytes(Path("/dev/zero"), 100)
    (tmp_path / "big").write_bytes(b"x" * 101)
    with pytest.raises(OSError, match="larger than"):
        read_bytes(tmp_path / "big", 100)


@pytest.mark.parametrize("kind", ["fifo", "zero"])
@pytest.mark.parametrize("file", ["sources/extra.md", "names.toml"])
def test_a_corpus_file_that_never_ends_is_named_not_waited_for(corpus_copy: Path, kind: str, file: str) -> None:
    never_ending(corpus_copy / file, kind)
    with deadline(), pytest.raises(CorpusError) as caught:
        build_store(corpus_copy, corpus_copy.parent / "store")
    assert f"{Path(file).name}:0: error: cannot read file: it is a" in str(caught.value)


def test_deep_toml_in_the_corpus_is_a_finding(corpus_copy: Path) -> None:
    (corpus_copy / "names.toml").write_text(DEEP_TOML, encoding="utf-8")
    source = next((corpus_copy / "sources").glob("*.md"))
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("+++\n", "+++\ndeep = " + "[" * 20_000 + "]" * 20_000 + "\n", 1), encoding="utf-8")
    with deadline(), pytest.raises(CorpusError) as caught:
        build_store(corpus_copy, corpus_copy.parent / "store")
    said = str(caught.value)
    assert "names.toml:1: error: malformed TOML: it is nested more than 64 levels deep" in said
    assert f"{source.name}:2: error: malformed metadata: it is nested more than 64 levels deep" in said


@pytest.mark.parametrize("content", ["deep", "fifo", "zero"])
def test_a_settings_file_that_cannot_be_used_is_ignored_as_a_whole(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str
) -> None:
    settings = tmp_path / "base" / "config" / "settings.toml"
    settings.parent.mkdir(parents=True)
    if content == "deep":
        settings.write_text(DEEP_TOML, encoding="utf-8")
    else:
        never_ending(settings, content)
    with deadline():
        notices = load_settings().notices
    assert len(notices) == 1 and "its settings were ignored" in notices[0]
    code, out, err = run(capsys, "search", "Vorkuta")
    assert code == 0 and "passage(s) match" in out and "its settings were ignored" in err


@pytest.mark.parametrize("manifest", ["[]", "null", '"store"', "5", "{"])
def test_a_manifest_that_is_not_an_object_heals(capsys: pytest.CaptureFixture[str], manifest: str) -> None:
    assert run(capsys, "search", "Vorkuta")[0] == 0
    [store] = (Path(os.environ["GULAGREADER_BASEDIR"]) / "cache").glob("store-*")
    (store / "manifest.json").write_text(manifest, encoding="utf-8")
    code, out, err = run(capsys, "search", "Vorkuta")
    assert code == 0 and "passage(s) match" in out and "Traceback" not in err
    assert json.loads((store / "manifest.json").read_text(encoding="utf-8"))["format"]  # rebuilt
    assert run(capsys, "search", "Vorkuta")[2] == ""  # and quiet from then on


@pytest.mark.parametrize("kind", ["fifo", "zero"])
@pytest.mark.parametrize("part", ["corpus.db", "index/meta.json", "manifest.json"])
def test_a_store_file_that_never_ends_is_rebuilt(capsys: pytest.CaptureFixture[str], kind: str, part: str) -> None:
    assert run(capsys, "search", "Vorkuta")[0] == 0
    [store] = (Path(os.environ["GULAGREADER_BASEDIR"]) / "cache").glob("store-*")
    never_ending(store / part, kind)
    code, out, err = run(capsys, "search", "Vorkuta")
    assert code == 0 and "passage(s) match" in out and "Traceback" not in err


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_bookmarks_file_that_never_ends_is_set_aside(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    data = tmp_path / "base" / "data"
    data.mkdir(parents=True)
    never_ending(data / "bookmarks.db", kind)
    code, out, err = run(capsys, "bookmarks", "list")
    assert code == 0 and "No bookmarks." in out and "kept as" in err
    assert run(capsys, "bookmarks", "add", "isr-1963.p012")[0] == 0


def test_a_cache_folder_that_is_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "cache").write_text("not a folder", encoding="utf-8")
    code, out, err = run(capsys, "search", "Vorkuta")
    assert code == 0 and "passage(s) match" in out
    assert err.count("\n") == 1 and "cannot be written" in err


_FULL_DISK = """
import resource, sys
from gulagreader.cli import main
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), resource.RLIM_INFINITY))  # SIGXFSZ ignored: EFBIG
raise SystemExit(main(["search", "Vorkuta"]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE semantics checked on Linux")
@pytest.mark.parametrize("room", [2_000, 300_000])
def test_a_full_disk_at_the_first_build_is_one_sentence(tmp_path: Path, room: int) -> None:
    env = {**os.environ, "GULAGREADER_BASEDIR": str(tmp_path / "full")}
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(room)], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert "could not be written" in done.stderr or "refused to write" in done.stderr, done.stderr
    assert resource.getrlimit(resource.RLIMIT_FSIZE)  # the limit was the child's only
    leftovers = list((tmp_path / "full" / "cache").glob(".building-*"))
    assert leftovers == []
