"""A real kiosk window over the real store, locked down (offscreen), for the kiosk tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from gulagreader.core.kiosk.config import KioskSettings
from gulagreader.core.kiosk.passphrase import hash_passphrase
from gulagreader.core.store import Store
from gulagreader.ui.kiosk.visit import Visit
from gulagreader.ui.kiosk.window import KioskWindow

PASSPHRASE = "staff only, please"
HASHED = hash_passphrase(PASSPHRASE)


class Clock:
    """A clock the tests move by hand (for the passphrase gate's waits)."""

    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@contextmanager
def kiosk_window(qtbot: QtBot, store: Store, clock: Clock | None = None, **settings: object) -> Iterator[KioskWindow]:
    """A locked kiosk with the first visit begun; the lockdown always comes off afterwards."""
    options: dict[str, object] = {"passphrase": HASHED, **settings}
    window = KioskWindow(KioskSettings(**options), clock=clock or Clock())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    try:
        window.lock()
        window.attach(store)
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.isFullScreen)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        yield window
    finally:
        if window.locked:
            window.leave_kiosk()


def visit_of(window: KioskWindow) -> Visit:
    assert window.visit is not None
    return window.visit


def other_windows(window: KioskWindow) -> list[QWidget]:
    """Visible top-level windows other than the kiosk (menus, tooltips and popups are not windows here)."""
    kinds = {"Window", "Dialog", "Sheet", "Drawer", "Tool"}
    return [
        w for w in QApplication.topLevelWidgets() if w is not window and w.isVisible() and w.windowType().name in kinds
    ]


def children_of_this_process() -> set[str]:
    """The ids of the processes this one started (Linux), to prove no program was launched."""
    found: set[str] = set()
    for task in Path("/proc/self/task").glob("*"):
        with suppress(OSError):
            found |= set((task / "children").read_text().split())
    return found


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its size and modification time."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
