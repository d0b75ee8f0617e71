"""Further CLI commands, one module each.

A command module defines `NAME`, `register(subparsers)` (adds its parser) and
`run(args) -> int`; `gulagreader.cli` lists the modules in `COMMANDS`.
"""
