"""The core stays free of Qt, and each engine has one owner module."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

CORE = REPO / "src" / "gulagreader" / "core"


def test_core_never_imports_qt() -> None:
    modules = [f"gulagreader.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__"]
    script = (
        "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print(any('PySide6' in m for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False"


def test_one_owner_per_engine() -> None:
    owners = {
        "import tantivy": {"index.py"},
        "import sqlite3": {"corpusdb.py", "bookmarks_db.py"},  # the corpus DB; the user's bookmarks DB
        "import sqlite_utils": {"corpusdb.py", "bookmarks_db.py"},
    }
    for needle, allowed in owners.items():
        users = {p.name for p in (REPO / "src" / "gulagreader").rglob("*.py") if needle in p.read_text()}
        assert users <= allowed, f"{needle} used in {users - allowed}"
