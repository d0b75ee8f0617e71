"""The core stays free of Qt when it runs, too (import-linter checks the imports as written).

The layer rules and the one owner per engine are import-linter contracts in pyproject.toml, run by
`make test`; this test catches what a static reading can't: an import made at run time.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

CORE = REPO / "src" / "gulagreader" / "core"


def test_core_never_imports_qt() -> None:
    modules = [
        "gulagreader." + ".".join(p.relative_to(CORE.parent).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.stem != "__init__"
    ]
    script = (
        "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print(any('PySide6' in m for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False"
