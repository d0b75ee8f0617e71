"""The reader's remembered state, in an INI file in our config folder (so --basedir moves it)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from gulagreader.core import paths

FILE_NAME = "reader.ini"


def reader_settings() -> QSettings:
    """The settings file under `paths.config_dir()`."""
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / FILE_NAME), QSettings.Format.IniFormat)
