"""Errors a person can act on, as opposed to bugs.

The CLI and the reader show a `UserError`'s message in one sentence and never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """A failure that is not GulagReader's fault: bad input, a damaged file, a full disk."""


@dataclass(frozen=True)
class Finding:
    """One problem the corpus linter found, at a file and line."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


class CorpusError(UserError):
    """The corpus folder has errors; the build stops and the previous store stays in use."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors = [f for f in findings if f.severity == "error"]
        head = f"The corpus has {len(errors)} error(s); the store was not rebuilt."
        super().__init__("\n".join([head, *(str(f) for f in errors[:50])]))


class StoreError(UserError):
    """The corpus store is missing, damaged or unreadable."""
