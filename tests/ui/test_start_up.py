"""`gulagreader` paints its window before it loads the search core, keeps what is typed meanwhile,
and says so (then quits with status 1) when the store cannot be opened."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CORE = ("tantivy", "sqlite3", "gulagreader.core.store", "gulagreader.core.search", "gulagreader.core.index")

# Runs `gulagreader` (the real entry point) in a fresh process; at the main window's first paint it
# prints which core modules are loaded and then runs AT_PAINT; a timer closes any message box,
# printing its text; at the end the exit status is printed.
_HARNESS = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])
state = {"window": None}


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and state["window"] is None:
            state["window"] = obj
            obj.removeEventFilter(self)
            print("at paint:", sorted(m for m in CORE if m in sys.modules))
            AT_PAINT
        return False


first_paint = FirstPaint()
_show = QWidget.show


def show(self):
    if self.isWindow() and hasattr(self, "reading"):
        self.installEventFilter(first_paint)
    _show(self)


QWidget.show = show


def close_message_boxes():
    box = QApplication.activeModalWidget()
    if box is not None:
        print("message:", box.text().replace(chr(10), " "))
        box.accept()


boxes = QTimer()
boxes.timeout.connect(close_message_boxes)
boxes.start(50)
BEFORE
from gulagreader.cli import main
print("exit status", main(ARGS))
"""


def _reader(basedir: Path, args: list[str], at_paint: str, before: str = "") -> list[str]:
    script = (
        _HARNESS.replace("CORE", repr(CORE))
        .replace("AT_PAINT", at_paint.replace("\n", "\n            "))
        .replace("BEFORE", before)
        .replace("ARGS", repr(args))
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GULAGREADER_BASEDIR": str(basedir)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180, env=env)
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout.strip().splitlines()


def test_the_window_paints_before_the_core_loads_and_searches_what_was_typed_meanwhile(tmp_path: Path) -> None:
    # a query from the last session, which what the visitor types must not replace
    before = (
        "from gulagreader.ui.settings import reader_settings\n"
        "s = reader_settings()\ns.setValue('search/last_query', 'Kengir')\ns.sync()\n"
    )
    at_paint = (
        "w = state['window']\n"
        "print('focus on the search field:', QApplication.focusWidget() is w.panel.search_field)\n"
        "QTest.keyClicks(w.panel.search_field, 'Vorkuta')\n"
        "def shown(tries=500):\n"  # up to 10 s
        "    if w.panel.shown_query != 'Vorkuta' and tries:\n"
        "        return QTimer.singleShot(20, lambda: shown(tries - 1))\n"
        "    print('shown:', w.panel.shown_query, w.panel.search_field.text(), w.panel.results_model.rowCount() > 0)\n"
        "    w.close()\n"
        "QTimer.singleShot(0, shown)"
    )
    lines = _reader(tmp_path / "base", [], at_paint, before)
    assert lines == [
        "at paint: []",
        "focus on the search field: True",
        "shown: Vorkuta Vorkuta True",
        "exit status 0",
    ]


def test_a_store_that_cannot_be_opened_is_a_message_and_status_1(tmp_path: Path) -> None:
    lines = _reader(tmp_path / "base", ["--corpus", str(tmp_path / "no-such-corpus")], "pass")
    assert lines[0] == "at paint: []"
    assert lines[1].startswith("message: ") and "no-such-corpus" in lines[1]
    assert lines[2:] == ["exit status 1"]


def test_the_first_frame_is_painted_without_building_the_qt_namespace_or_what_comes_later(tmp_path: Path) -> None:
    # `run` paints the whole window (children too), then calls `open_corpus`: look there, then when
    # the store is attached (a search can answer; the corpus model and the library's listing come a
    # turn later), then once the window is finished, by which time the library is listed and the docks
    # have been placed with `Qt.DockWidgetArea`. Nor does the first frame build QIcon (~150 enums),
    # load the results' Qt model or the search runner, which come later, nor the query parser, the
    # corpus model, the reading of a settings file that is not there (json), html's entities or dataclasses.
    before = (
        "from PySide6 import QtCore, QtGui\n"
        "from gulagreader.ui.main_window import MainWindow\n"
        "_open, _attach, _finish = MainWindow.open_corpus, MainWindow.attach, MainWindow.finish_attach\n"
        "def listed(w):\n"  # the sources on the home page, and in the filter
        "    home = w.panel.home.toPlainText()\n"
        "    return 'The documents of this edition' in home, w.panel.filter_bar.source_box.count() > 1\n"
        "def open_corpus(self, corpus, then=None):\n"
        "    print('Qt built at the first frame:', 'Qt' in vars(QtCore))\n"
        "    print('QIcon built at the first frame:', 'QIcon' in vars(QtGui))\n"
        "    later = ('gulagreader.ui.search.results_model', 'gulagreader.ui.search.runner',\n"
        "             'gulagreader.core.query', 'gulagreader.core.model', 'gulagreader.core.bounded_input',\n"
        "             'json', 'html', 'dataclasses')\n"
        "    print('loaded at the first frame:', [m for m in later if m in sys.modules])\n"
        "    _open(self, corpus, then)\n"
        "def attach(self, store, finish=True):\n"
        "    _attach(self, store, finish)\n"
        "    print('searching:', self.panel.runner is not None, 'Qt built:', 'Qt' in vars(QtCore))\n"
        "    print('model loaded:', 'gulagreader.core.model' in sys.modules, 'library listed:', listed(self))\n"
        "def finish_attach(self):\n"
        "    _finish(self)\n"
        "    print('library listed:', listed(self))\n"
        "    print('docks placed:', self.dockWidgetArea(self.source_dock).name)\n"
        "    QTimer.singleShot(0, self.close)\n"
        "MainWindow.open_corpus, MainWindow.attach, MainWindow.finish_attach = open_corpus, attach, finish_attach\n"
    )
    _reader(tmp_path / "base", [], "pass", before)  # the first run builds the store (with the corpus model)
    lines = _reader(tmp_path / "base", [], "pass", before)
    assert lines == [
        "at paint: []",
        "Qt built at the first frame: False",
        "QIcon built at the first frame: False",
        "loaded at the first frame: []",
        "searching: True Qt built: False",
        "model loaded: False library listed: (False, False)",
        "library listed: (True, True)",
        "docks placed: RightDockWidgetArea",
        "exit status 0",
    ]


def test_pyside_notes_modules_when_a_feature_is_first_used_not_at_each_import(tmp_path: Path) -> None:
    # `run` defers PySide6's reading of each new module's source; a module imported after that still
    # works, and one that opts into a PySide6 feature (snake_case) still gets it
    for plain in ("early", "plain"):
        (tmp_path / f"{plain}.py").write_text(
            "from PySide6.QtCore import QObject\n"
            "def name():\n"
            "    o = QObject()\n"
            f"    o.setObjectName('{plain}')\n"
            "    return o.objectName()\n"
        )
    (tmp_path / "snake.py").write_text(
        "from PySide6.QtCore import QObject\n"
        "from __feature__ import snake_case\n"
        "def name():\n"
        "    o = QObject()\n"
        "    o.set_object_name('snake')\n"
        "    return o.object_name()\n"
    )
    script = (
        "import sys\n"
        "from PySide6 import QtCore\n"
        "from gulagreader.ui.app import defer_pyside_source_scan\n"
        "feature = sys.modules['shibokensupport.feature']\n"
        "import early\n"
        "print('noted at import:', 'early' in feature.pyside_feature_dict)\n"
        "defer_pyside_source_scan()\n"
        "import plain\n"
        "print('noted at import:', 'plain' in feature.pyside_feature_dict)\n"
        "import snake\n"
        "print(early.name(), plain.name(), snake.name())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    noted = ["noted at import: True", "noted at import: False"]
    assert done.stdout.splitlines() == [*noted, "early plain snake"], done.stderr
