"""The CLI's commands, one module each.

A command module defines `NAME`, `register(subparsers)` (adds its parser) and `run(args) -> int`;
`gulagreader.cli` lists the modules in `COMMANDS` (the order of --help) and imports only the one
run. What they print goes through `output` (JSON, notices); `corpus` opens the store for them.
"""
