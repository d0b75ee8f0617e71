"""`gulagreader kiosk`: what kiosk mode does on this machine, and setting the administrator's passphrase."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from gulagreader.commands.output import print_notice, print_notices
from gulagreader.core.errors import UserError

NAME = "kiosk"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        NAME,
        help="show kiosk mode's settings, or set the administrator's passphrase",
        description="Kiosk mode for public machines (see docs/kiosk.md). Without options: show its settings.",
    )
    parser.add_argument(
        "--set-passphrase",
        action="store_true",
        help="ask for the passphrase that leaves kiosk mode and store its salted hash in the site settings file",
    )
    parser.add_argument(
        "--passphrase-stdin", action="store_true", help="with --set-passphrase: read it from standard input (scripts)"
    )


def run(args: argparse.Namespace) -> int:
    from gulagreader.core import paths

    if args.passphrase_stdin and not args.set_passphrase:
        print_notice("--passphrase-stdin goes with --set-passphrase")
        return 2
    if args.set_passphrase:
        return _set_passphrase(args.passphrase_stdin, paths.site_settings_file())
    return _show()


def _set_passphrase(from_stdin: bool, site_file: Any) -> int:
    from gulagreader.core.kiosk.passphrase import hash_passphrase, store_passphrase

    if from_stdin:
        passphrase = sys.stdin.readline().rstrip("\r\n")
    elif not sys.stdin.isatty():
        raise UserError("Standard input is not a terminal: use --passphrase-stdin to read the passphrase from it.")
    else:
        passphrase = getpass.getpass("New kiosk passphrase: ")
        if getpass.getpass("Once more: ") != passphrase:
            raise UserError("The two passphrases differ; nothing was changed.")
    store_passphrase(site_file, hash_passphrase(passphrase))
    print(f"The kiosk passphrase was stored (as a salted scrypt hash) in {site_file}.")
    return 0


def _show() -> int:
    from gulagreader.core.config import load_settings
    from gulagreader.core.kiosk.config import load_kiosk_settings

    settings = load_settings()
    kiosk = load_kiosk_settings()
    print_notices((*settings.notices, *kiosk.notices))
    locked = " (locked for the whole site)" if "kiosk" in settings.locked else ""
    state = "on" + locked if settings.kiosk else "off: start the reader with 'gulagreader --kiosk', or set kiosk = true"
    countdown = f", then a {kiosk.countdown_seconds:g}-second countdown" if kiosk.countdown_seconds else ""
    passphrase = (
        "set"
        if kiosk.passphrase
        else "NOT SET: kiosk mode cannot be left from the reader (run 'gulagreader kiosk --set-passphrase')"
    )
    rows = (
        ("Kiosk mode", state),
        ("Site settings file", str(kiosk.file)),
        ("Administrator passphrase", passphrase),
        ("Idle reset", f"after {kiosk.idle_minutes:g} minute(s) without input{countdown}"),
        ("Start screen", kiosk.start_screen),
        ("Suggested searches", "; ".join(kiosk.suggested_searches) or "none"),
        ("On-screen keyboard", kiosk.keyboard),
        ("QR code of kept passages", "on" if kiosk.qr_code else "off"),
        ("QR code web address", kiosk.public_url or "none"),
        ("Attract screen", f"on, a new quotation every {kiosk.attract_seconds:g} s" if kiosk.attract_screen else "off"),
        ("Type size", f"{settings.font_scale:g} × the usual size"),
        ("Hidden sources", ", ".join(settings.hidden_sources) or "none"),
    )
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name + ':':{width + 2}}{value}")
    return 0
