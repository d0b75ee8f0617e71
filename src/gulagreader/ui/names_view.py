"""The Names view: the index of names, and one name's entry with its passages.

Left, the names (filtered by kind and by what is typed, in any script); right, the chosen name's
entry: its Cyrillic (ours), every spelling the texts print with counts and the romanisation it
follows, its passages (each opens in the reader), its events and our note.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gulagreader.core.names.index import KINDS, NameEntry, NamesIndex, NameSummary
from gulagreader.core.names.transliteration import key
from gulagreader.core.store import Store

PASSAGE_SCHEME = "passage"
SHOWN_DERIVED = 40  # romanisations listed in an entry; the rest are counted


class NamesView(QWidget):
    """The index of names.

    Signals:
        open_passage(str): a passage of an entry was chosen.
    """

    open_passage = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Names — GulagReader")
        self.index = NamesIndex(store)
        self._store = store
        self.kind = QComboBox()
        self.kind.addItems(["All kinds", *(k.capitalize() for k in KINDS)])
        self.kind.setAccessibleName("Kind of name")
        self.filter = QLineEdit(placeholderText="Filter names (any script: Воркута, Workuta…)")
        self.filter.setAccessibleName("Filter names")
        self.filter.setClearButtonEnabled(True)
        self.names = QListWidget()
        self.names.setAccessibleName("Names")
        self.count = QLabel()
        self.entry = QTextBrowser(openLinks=False)
        self.entry.setAccessibleName("Name entry")
        self.entry.anchorClicked.connect(self._follow)
        left = QWidget()
        column = QVBoxLayout(left)
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(self.filter, 1)
        column.addLayout(row)
        column.addWidget(self.names, 1)
        column.addWidget(self.count)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.entry)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._all = self.index.names()
        self.kind.currentIndexChanged.connect(self._fill)
        self.filter.textChanged.connect(self._fill)
        self.names.currentItemChanged.connect(self._chosen)
        self._fill()

    def _fill(self) -> None:
        kind = KINDS[self.kind.currentIndex() - 1] if self.kind.currentIndex() > 0 else None
        wanted = key(self.filter.text()) if self.filter.text().strip() else ""
        current = self.current_id()
        self.names.clear()
        shown = [n for n in self._all if (kind is None or n.kind == kind) and self._matches(n, wanted)]
        for summary in shown:
            item = QListWidgetItem(_line(summary))
            item.setData(256, summary.id)  # Qt.UserRole, without naming `Qt` (see MainWindow)
            self.names.addItem(item)
            if summary.id == current:
                self.names.setCurrentItem(item)
        self.count.setText(f"{len(shown)} of {len(self._all)} names")
        if self.names.currentItem() is None and self.names.count():
            self.names.setCurrentRow(0)

    def _matches(self, summary: NameSummary, wanted: str) -> bool:
        if not wanted:
            return True
        forms = [summary.canonical, *summary.cyrillic]
        return any(wanted in key(f) for f in forms) or wanted in summary.id.replace("-", " ")

    def current_id(self) -> str:
        item = self.names.currentItem()
        return str(item.data(256)) if item is not None else ""

    def show_name(self, name_id: str) -> bool:
        """Choose `name_id` in the list (all kinds, no filter) and show its entry."""
        self.kind.setCurrentIndex(0)
        self.filter.clear()
        for row in range(self.names.count()):
            if self.names.item(row).data(256) == name_id:
                self.names.setCurrentRow(row)
                self.names.scrollToItem(self.names.item(row))
                return True
        return False

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is None:
            self.entry.clear()
            return
        entry = self.index.entry(str(item.data(256)))
        if entry is not None:
            texts = self._store.db.passages(list(entry.passages[:200]))
            self.entry.setHtml(entry_html(entry, {i: p.text for i, p in texts.items()}))

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == PASSAGE_SCHEME:
            self.open_passage.emit(url.path())


def _line(summary: NameSummary) -> str:
    cyrillic = f"  ·  {summary.cyrillic[0]}" if summary.cyrillic else ""
    count = f"{summary.passages} passage{'s' if summary.passages != 1 else ''}" if summary.passages else "not printed"
    return f"{summary.canonical}{cyrillic}  —  {summary.kind}, {count}"


def entry_html(entry: NameEntry, texts: dict[str, str]) -> str:
    """The entry as HTML: what the texts print first, what is ours marked so."""
    out = [f"<h2>{escape(entry.canonical)}</h2><p><i>{escape(entry.kind)}</i> · <code>{escape(entry.id)}</code></p>"]
    for language, form in entry.cyrillic:
        lang = {"ru": "Russian", "uk": "Ukrainian", "be": "Belarusian"}.get(language, language)
        out.append(f"<p><b style='font-size:large'>{escape(form)}</b> <small>({lang} Cyrillic — ours)</small></p>")
    out.append("<h3>Printed in the texts</h3><ul>")
    for s in entry.spellings:
        how = f"<br><small>romanisation: {escape(s.derivation)}</small>" if s.derivation else ""
        out.append(f"<li><b>{escape(s.spelling)}</b> × {s.count}{how}</li>")
    out.append("</ul>")
    if entry.events:
        out.append("<h3>Events</h3><ul>" + "".join(f"<li>{escape(t)}</li>" for _, t in entry.events) + "</ul>")
    if entry.note:
        out.append(f"<h3>Note <small>(ours)</small></h3><p>{escape(entry.note)}</p>")
    out.append(f"<h3>Passages ({len(entry.passages)})</h3><ul>")
    for passage_id in entry.passages[:200]:
        text = texts.get(passage_id, "")
        short = escape(text[:140] + ("…" if len(text) > 140 else ""))
        out.append(f"<li><a href='{PASSAGE_SCHEME}:{escape(passage_id)}'>{escape(passage_id)}</a> {short}</li>")
    out.append("</ul>")
    if entry.variants:
        out.append(f"<h3>Variants <small>(ours)</small></h3><p>{escape('; '.join(entry.variants))}</p>")
    if entry.derived:
        forms = sorted({f for f, _ in entry.derived})
        more = f" … and {len(forms) - SHOWN_DERIVED} more" if len(forms) > SHOWN_DERIVED else ""
        listed = escape("; ".join(forms[:SHOWN_DERIVED]))
        out.append(f"<h3>Romanisations <small>(derived from our Cyrillic)</small></h3><p>{listed}{more}</p>")
    return "".join(out)
