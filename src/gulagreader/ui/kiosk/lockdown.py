"""Kiosk lockdown: what a visitor's keys, links, drags and menus may not do.

One application-wide event filter. Every key's `ShortcutOverride` is accepted, so no QAction or
QShortcut ever takes a key (returning True without accepting it is not enough); then the
`KeyPress` of anything but typing, moving and the editing keys is swallowed, so no widget acts
on it either. Every URL scheme we know of is routed to
a sink that does nothing, drags never start, context menus never open, and any other window or
dialog that appears is closed at once. What an application cannot block (Ctrl+Alt+Del, VT
switching, the window manager's keys) is the operating system's job: see docs/kiosk.md.

Signals:
    admin_requested(): the administrator's shortcut (Ctrl+Alt+Shift+Q) was pressed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

CTRL, ALT, SHIFT, META = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.MetaModifier,
)
ADMIN_KEY = (Qt.Key.Key_Q, CTRL | ALT | SHIFT)
# Ctrl+key combinations a visitor needs to edit a search or copy a quote (in the app only).
EDITING_KEYS = frozenset(
    {Qt.Key.Key_A, Qt.Key.Key_C, Qt.Key.Key_V, Qt.Key.Key_X, Qt.Key.Key_Z, Qt.Key.Key_Y}
    | {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Backspace, Qt.Key.Key_Delete}
)
# Keys without a printable character that a visitor may use.
PLAIN_KEYS = frozenset(
    {Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Backspace, Qt.Key.Key_Return, Qt.Key.Key_Enter}
    | {Qt.Key.Key_Delete, Qt.Key.Key_Escape, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
    | {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Space}
    | {Qt.Key.Key_CapsLock}
)
# A modifier pressed alone does nothing by itself; what it is pressed with is judged above.
MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta, Qt.Key.Key_Super_L}
    | {Qt.Key.Key_Super_R, Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R}
)
URL_SCHEMES = (
    "http", "https", "file", "ftp", "ftps", "sftp", "ssh", "smb", "nfs", "mailto", "tel", "sms", "callto",
    "skype", "xmpp", "irc", "news", "nntp", "webcal", "geo", "maps", "magnet", "data", "javascript", "about",
    "vnc", "rdp", "telnet", "steam", "zoommtg", "msteams", "slack", "spotify", "market", "intent", "ms-settings",
    "x-scheme-handler", "help", "ghelp", "man", "info", "trash", "recent", "computer", "network", "afp",
    "dav", "davs", "webdav", "git", "svn", "apt", "snap", "appstream", "flatpak", "settings",
)  # fmt: skip
_BLOCKED_WINDOWS = (
    Qt.WindowType.Window,
    Qt.WindowType.Dialog,
    Qt.WindowType.Sheet,
    Qt.WindowType.Drawer,
    Qt.WindowType.Tool,
)
_NO_DRAG = 1_000_000  # pixels: a drag never starts, so nothing is dragged out of the app


def is_allowed(key: int, modifiers: Qt.KeyboardModifier, text: str) -> bool:
    """True for a key a visitor may press: typing, moving, editing; never a shortcut."""
    if key in MODIFIER_KEYS:
        return True
    mods = modifiers & (CTRL | ALT | META)
    if mods == (CTRL | ALT) and text.isprintable() and text.strip():
        return True  # AltGr on Windows arrives as Ctrl+Alt: 'ł', '@', '€' are typing
    if mods & (ALT | META):
        return False
    if mods & CTRL:
        return key in EDITING_KEYS or (key == Qt.Key.Key_Z and bool(modifiers & SHIFT))
    if text and text.isprintable():
        return True
    return key in PLAIN_KEYS


class UrlSink(QObject):
    """Where every link goes in kiosk mode: nowhere. `refused` lists what was asked for (for tests)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.refused: list[str] = []

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        self.refused.append(url.toString())


class Lockdown(QObject):
    """Installs the lockdown on the application while the kiosk runs; `release()` takes it off.

    `allowed_windows` are the top-level widgets that may be shown (the kiosk window).
    """

    admin_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sink = UrlSink(self)
        self.allowed_windows: list[QWidget] = []
        self.swallowed = 0  # key presses swallowed (for tests)
        self.closed_windows: list[str] = []  # class names of windows closed on sight (for tests)
        self._active = False
        self._drag_distance = 0

    @property
    def active(self) -> bool:
        return self._active

    def install(self) -> None:
        app = QApplication.instance()
        if self._active or not isinstance(app, QApplication):
            return
        for scheme in URL_SCHEMES:
            QDesktopServices.setUrlHandler(scheme, self.sink, "open_url")  # type: ignore[arg-type]  # the stub is wrong: bytes fails
        self._drag_distance = QApplication.startDragDistance()
        QApplication.setStartDragDistance(_NO_DRAG)
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)  # so the guard below sees them
        app.installEventFilter(self)
        self._active = True

    def release(self) -> None:
        app = QApplication.instance()
        if not self._active or not isinstance(app, QApplication):
            return
        app.removeEventFilter(self)
        for scheme in URL_SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)
        QApplication.setStartDragDistance(self._drag_distance)
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)
        self._active = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        if kind in (QEvent.Type.ContextMenu, QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            event.ignore()
            return True
        if kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self._guard(watched)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key, modifiers = event.key(), event.modifiers()
        if (key, modifiers & (CTRL | ALT | SHIFT | META)) == ADMIN_KEY:
            if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
                self.admin_requested.emit()
            event.accept()
            return True
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # 'the focus widget takes this key': no QAction or QShortcut ever fires
            return True
        if is_allowed(key, modifiers, event.text()):
            return False  # typing, moving, editing: on to the widget
        if event.type() == QEvent.Type.KeyPress:
            self.swallowed += 1
        return True

    def _guard(self, window: QWidget) -> None:
        if window.windowType() not in _BLOCKED_WINDOWS or any(window is w for w in self.allowed_windows):
            return
        self.closed_windows.append(type(window).__name__)
        window.hide()  # a QDialog's exec() returns when it is hidden
        window.close()
