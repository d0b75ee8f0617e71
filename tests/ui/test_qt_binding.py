"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 on Python 3.11 did not, and the reader crashed.

Every void method call there dropped one reference to None; after a few thousand calls (a minute of
typing) Python aborted with 'none_dealloc'. The check runs in a child process, since a failure aborts it.
"""

from __future__ import annotations

import subprocess
import sys

_SCRIPT = """
import sys
from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QColor, QGuiApplication, QPalette

app = QGuiApplication([])
thing, point, palette, colour = QObject(), QPoint(), QPalette(), QColor("#222")
before = sys.getrefcount(None)
for _ in range(20000):
    thing.setObjectName("x")
    point.setX(1)
    palette.setColor(QPalette.ColorRole.Text, colour)
print(sys.getrefcount(None) - before)
"""


def test_void_calls_keep_the_reference_to_none() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-300:]
    assert abs(int(done.stdout.strip())) < 100  # 60,000 calls: a leak would show as -60,000
