"""Errors a person can act on, as opposed to bugs.

The CLI and the reader show a `UserError`'s message in one sentence and never a traceback.
"""

# No postponed annotations here: a search process defines this module's named tuples (CONTRIBUTING.md, Start-up).

from typing import NamedTuple


class UserError(Exception):
    """A failure that is not GulagReader's fault: bad input, a damaged file, a full disk."""


class NotFound(UserError):
    """An id that names nothing here: a passage, source, event, bookmark or name that is not there.

    Not damage: a store or bookmarks file that cannot be read raises another `UserError`, so a caller
    that means "missing" catches this one and lets the others say what they say. Carries what was
    looked for (`kind`, `key`), like qutebrowser's `NoOptionError(option)`.
    """

    def __init__(self, kind: str, key: str, message: str = "") -> None:
        self.kind = kind  # 'passage', 'source', 'event', 'bookmark', 'name', 'glossary term'
        self.key = key
        super().__init__(message or f"No {kind} with id {key!r}.")


class Finding(NamedTuple):
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
