"""Bookmarks to and from files: exports in every format, imports (ours, Web Annotations, Zotero's), the dialogs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from gulagreader.core.bookmarks.exports import DEFAULT_FORMAT, FILE_FORMATS, export, import_suffixes, write_export
from gulagreader.core.bookmarks.service import Bookmark, BookmarkService


def export_file(service: BookmarkService, bookmarks: Sequence[Bookmark], path: Path, fmt: str) -> str:
    """Write `bookmarks` to `path` in format `fmt`; returns what to tell the reader. Raises UserError."""
    write_export(path, export(service, bookmarks, fmt))
    n = len(bookmarks)
    return f"Exported {n} bookmark{'s' * (n != 1)} to {path}."


def ask_export_path(parent: QWidget) -> tuple[Path, str] | None:
    """Ask where to export and in which format (the default format chosen at first); None when cancelled."""
    names = {key: f"{f.label} (*{f.suffix})" for key, f in FILE_FORMATS.items()}
    default = FILE_FORMATS[DEFAULT_FORMAT]
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        "Export bookmarks",
        str(Path.home() / f"gulagreader-bookmarks{default.suffix}"),
        ";;".join(names.values()),
        names[DEFAULT_FORMAT],
    )
    if not path:
        return None
    target = Path(path)
    fmt = next((key for key, name in names.items() if name == chosen), "")
    if not fmt:  # no filter chosen: go by the name's ending
        fmt = next((key for key, f in FILE_FORMATS.items() if target.suffix == f.suffix), DEFAULT_FORMAT)
    return (target if target.suffix else target.with_suffix(FILE_FORMATS[fmt].suffix)), fmt


def ask_import_path(parent: QWidget) -> Path | None:
    patterns = " ".join(f"*{suffix}" for suffix in import_suffixes())
    path, _ = QFileDialog.getOpenFileName(
        parent, "Import bookmarks", str(Path.home()), f"Bookmarks and annotations ({patterns});;All files (*)"
    )
    return Path(path) if path else None
