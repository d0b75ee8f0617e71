"""The help window: the guide to searching (F1) and About (sources, rights, licences)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gulagreader.core.glossary import Term
from gulagreader.core.model import Source
from gulagreader.ui.help_html import about_html, glossary_html, guide_html
from gulagreader.ui.style import LIGHT, Theme
from gulagreader.ui.windows import close_with_keys, fit_to_screen


class HelpWindow(QDialog):
    """A non-modal window that shows the guide, the glossary, the editorial principles or About;
    reading it never blocks the reader.

    Signals:
        open_passage(str): a passage link (in the glossary) was clicked.
    """

    open_passage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fit_to_screen(self, 680, 640)
        close_with_keys(self)
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(False)
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._on_link)
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
        self.setWindowTitle("Searching — GulagReader")
        self.text.setHtml(guide_html(self._theme))
        self._present()

    def show_about(self, sources: Sequence[Source]) -> None:
        from gulagreader import __version__

        self.setWindowTitle("About GulagReader")
        self.text.setHtml(about_html(sources, __version__, self._theme))
        self._present()

    def show_glossary(self, terms: Sequence[Term]) -> None:
        self.setWindowTitle("Glossary — GulagReader")
        self.text.setHtml(glossary_html(terms, self._theme))
        self._present()

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "passage":
            self.open_passage.emit(url.path())
        elif url.scheme() in ("", "file") and url.fragment():  # an in-page link
            self.text.scrollToAnchor(url.fragment())

    def show_principles(self) -> None:
        """The edition's editorial principles (docs/editorial-principles.md): what is verbatim, what is ours."""
        from gulagreader.core.paths import editorial_principles

        self.setWindowTitle("Editorial principles — GulagReader")
        try:
            self.text.setMarkdown(editorial_principles().read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            self.text.setPlainText(f"The editorial principles could not be read ({exc.__class__.__name__}).")
        self._present()

    def _present(self) -> None:
        self.show()
        self.activateWindow()
        self.text.setFocus()
