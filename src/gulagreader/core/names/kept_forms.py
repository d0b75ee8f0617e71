"""The gazetteer's derived forms and lookup keys, kept between builds.

Deriving every name's forms under the romanisation schemes (`forms.derived_forms`) depends only on
the gazetteer's names and on the code and scheme tables that derive them, not on the texts. So a
build keeps what it derived in the cache folder, under a hash of all of these, and a later build of
a corpus whose names are the same reads it back instead of deriving it again. Change a name, this
code or a scheme's table and the hash changes: the forms are derived anew. A kept file that cannot
be read is derived anew too; one that cannot be written is not kept.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path

from gulagreader.core.model import Name
from gulagreader.core.names import forms as _forms_module
from gulagreader.core.names import transliteration as _transliteration_module
from gulagreader.core.names.forms import NameForm, derived_forms, lookup_keys

FORMAT = 1
_FOLDER = "name-forms"
_KEEP = 8  # gazetteers remembered (a few corpora side by side)

NameKey = tuple[str, str, bool]  # (key, name id, acronym)


def name_forms_and_keys(names: Sequence[Name], cache: Path | None) -> tuple[list[NameForm], list[NameKey]]:
    """Every form of each name (in gazetteer order) and the sorted lookup keys (see `forms.lookup_keys`);
    read from `cache` if kept there for these names and this code, else derived (and kept, if `cache`)."""
    digest = _digest(names) if cache is not None else None
    if cache is None or digest is None:
        return derive(names)
    path = cache / _FOLDER / f"{digest}.json"
    kept = _read(path)
    if kept is not None:
        return kept
    derived = derive(names)
    _keep(path, derived)
    return derived


def derive(names: Sequence[Name]) -> tuple[list[NameForm], list[NameKey]]:
    """Every form of each name and the sorted lookup keys, derived now."""
    forms = [derived_forms(name) for name in names]
    keys = {(k, n.id, acronym) for n, own in zip(names, forms, strict=True) for k, acronym in lookup_keys(n, own)}
    return [f for own in forms for f in own], sorted(keys)


def _digest(names: Sequence[Name]) -> str | None:
    """A hash of the names and of what derives their forms; None if the code's files cannot be read
    (a frozen app): then nothing is kept."""
    import hashlib  # only builds come here

    digest = hashlib.sha256(f"name forms {FORMAT}\0{names!r}\0".encode())
    try:
        for module in (_forms_module, _transliteration_module):
            digest.update(Path(str(module.__file__)).read_bytes())
        spec = find_spec("iuliia")
        if spec is None or not spec.submodule_search_locations:
            return None
        tables = Path(next(iter(spec.submodule_search_locations))) / "schemas"
        for table in sorted(tables.glob("*.json")):
            digest.update(table.name.encode() + b"\0" + table.read_bytes())
    except (OSError, TypeError, ValueError):
        return None
    return digest.hexdigest()[:32]


def _read(path: Path) -> tuple[list[NameForm], list[NameKey]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        forms = [NameForm(*(str(value) for value in form)) for form in data["forms"]]
        keys = [(str(k), str(name_id), bool(acronym)) for k, name_id, acronym in data["keys"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return forms, keys


def _keep(path: Path, derived: tuple[list[NameForm], list[NameKey]]) -> None:
    """Write `derived` to `path` atomically (a build beside this one reads all of it or nothing)."""
    forms, keys = derived
    data = {
        "format": FORMAT,
        "forms": [[f.name_id, f.form, f.origin, f.key, f.derivation] for f in forms],
        "keys": [list(k) for k in keys],
    }
    temp = path.with_name(f".{path.stem}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, path)
        _prune(path.parent)
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    """Keep the newest few files (each gazetteer edit leaves one behind), and no half-written file
    of a build killed an hour ago or more."""
    kept = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in kept[_KEEP:]:
        old.unlink(missing_ok=True)
    for stale in folder.glob(".*.tmp"):
        if time.time() - stale.stat().st_mtime > 3600:
            stale.unlink(missing_ok=True)
