"""The help window: the guide to searching (F1) and About (sources, rights, licences)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gulagreader.core.model import Source
from gulagreader.ui.help_html import about_html, guide_html
from gulagreader.ui.style import LIGHT, Theme
from gulagreader.ui.windows import close_with_keys, fit_to_screen


class HelpWindow(QDialog):
    """A non-modal window that shows the guide or About; reading it never blocks the reader."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fit_to_screen(self, 680, 640)
        close_with_keys(self)
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(False)
        self.text.setAccessibleName("Help text")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close help")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self._theme = LIGHT

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def show_guide(self) -> None:
        from gulagreader.cli import QUERY_HELP  # one description of the query language, the CLI's

        self.setWindowTitle("Searching — GulagReader")
        self.text.setHtml(guide_html(QUERY_HELP, self._theme))
        self._present()

    def show_about(self, sources: Sequence[Source]) -> None:
        from gulagreader import __version__

        self.setWindowTitle("About GulagReader")
        self.text.setHtml(about_html(sources, __version__, self._theme))
        self._present()

    def _present(self) -> None:
        self.show()
        self.activateWindow()
        self.text.setFocus()
