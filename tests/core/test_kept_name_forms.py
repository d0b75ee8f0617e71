"""The gazetteer's derived forms and keys, kept between builds: read back only for the same names."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

from gulagreader.core.catalog_files import read_names
from gulagreader.core.names.kept_forms import derive, name_forms_and_keys
from gulagreader.core.store import build_store
from tests.conftest import CORPUS


def _names() -> list:
    names, _ = read_names(CORPUS / "names.toml", [])
    return names


def _kept(cache: Path) -> list[Path]:
    return sorted((cache / "name-forms").glob("*.json"))


def test_kept_forms_are_what_deriving_gives(tmp_path: Path) -> None:
    names = _names()
    derived = derive(names)
    assert name_forms_and_keys(names, tmp_path) == derived  # derived, and kept
    assert len(_kept(tmp_path)) == 1
    assert name_forms_and_keys(names, tmp_path) == derived  # read back


def test_a_changed_name_is_derived_anew(tmp_path: Path) -> None:
    names = _names()
    name_forms_and_keys(names, tmp_path)
    at = next(i for i, n in enumerate(names) if n.id == "khrushchev")
    names[at] = dataclasses.replace(names[at], cyrillic=("Никита Хрущёвский",))
    forms, keys = name_forms_and_keys(names, tmp_path)
    assert (forms, keys) == derive(names)
    assert "Nikita Khrushchevskii" in {f.form for f in forms if f.name_id == "khrushchev"}
    assert len(_kept(tmp_path)) == 2


def test_a_damaged_kept_file_is_derived_anew(tmp_path: Path) -> None:
    names = _names()
    name_forms_and_keys(names, tmp_path)
    (kept,) = _kept(tmp_path)
    kept.write_text('{"format": 1, "forms": [["half', encoding="utf-8")
    assert name_forms_and_keys(names, tmp_path) == derive(names)
    kept.write_text('{"format": 1, "forms": [[1, 2]], "keys": []}', encoding="utf-8")
    assert name_forms_and_keys(names, tmp_path) == derive(names)


def test_a_second_build_writes_the_same_name_tables(tmp_path: Path) -> None:
    def tables(store: Path) -> list[list[tuple[object, ...]]]:
        with sqlite3.connect(store / "corpus.db") as db:
            return [sorted(db.execute(f"SELECT * FROM {t}")) for t in ("name_forms", "name_keys", "name_aliases")]

    first = build_store(CORPUS, tmp_path / "first")  # derives, and keeps them in the cache folder
    kept = list((tmp_path / "base" / "cache" / "name-forms").glob("*.json"))
    assert len(kept) == 1
    second = build_store(CORPUS, tmp_path / "second")  # reads them back
    assert tables(first.store) == tables(second.store)
    assert tables(first.store)[0]
