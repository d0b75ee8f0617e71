"""Starting the reader in kiosk mode: one locked-down window, the texts, and no way out but the passphrase."""

from __future__ import annotations

import sys
from pathlib import Path

from gulagreader.core.config import Settings
from gulagreader.core.errors import UserError


def run_kiosk(corpus: Path | None, settings: Settings) -> int:
    """Open the kiosk window full screen, then the store; return the exit status when the administrator leaves."""
    from PySide6.QtWidgets import QApplication

    from gulagreader.core.kiosk.config import load_kiosk_settings
    from gulagreader.core.store import open_store
    from gulagreader.ui.app import bind_to_desktop_entry, set_window_icon
    from gulagreader.ui.kiosk.window import KioskWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    bind_to_desktop_entry()
    set_window_icon()
    app.setQuitOnLastWindowClosed(False)  # only the administrator ends a kiosk
    kiosk = load_kiosk_settings()
    for notice in (*settings.notices, *kiosk.notices):
        print(f"gulagreader: {notice}", file=sys.stderr)
    if not kiosk.passphrase:
        print(
            "gulagreader: no kiosk passphrase is set, so kiosk mode cannot be left from the reader; "
            "set one with 'gulagreader kiosk --set-passphrase'.",
            file=sys.stderr,
        )
    window = KioskWindow(kiosk, settings.font_scale)
    window.left.connect(app.quit)
    window.lock()
    app.processEvents()
    try:
        window.attach(open_store(corpus, settings=settings))
    except UserError as exc:
        print(f"gulagreader: {exc}", file=sys.stderr)
        window.show_message("The reader cannot open its texts just now. Please tell a member of staff.")
    return app.exec()
