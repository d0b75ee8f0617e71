"""Write the man page and the shell completions from the command line's own parser, and the query
language's table (man page and README) from its one description, `gulagreader.core.query_language`.

    python scripts/generate_cli_docs.py          # rewrite resources/man/gulagreader.1, resources/completions/
                                                 # and the README's table of the query language
    python scripts/generate_cli_docs.py --check  # exit 1 if they differ from what the parser gives

argparse-manpage and shtab (pinned in requirements.lock) do the writing. The files are committed
(a wheel or bundle build needs neither tool) and tests/test_cli_docs.py checks they are current.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAN = REPO / "resources" / "man" / "gulagreader.1"
COMPLETIONS = REPO / "resources" / "completions"
README = REPO / "README.md"
TABLE_START = "<!-- The table is written from gulagreader.core.query_language by scripts/generate_cli_docs.py. -->\n"
TABLE_END = "<!-- End of the written table. -->\n"
SHELLS = {"bash": "gulagreader.bash", "zsh": "_gulagreader", "tcsh": "gulagreader.tcsh"}
FOLDERS = {"basedir", "corpus", "build_corpus", "gulagreader build:out"}  # other path arguments are files


def parser() -> argparse.ArgumentParser:
    """The full parser (every command module loaded), with completion hints for path arguments."""
    import shtab

    from gulagreader import cli

    root = cli._parser()
    for prog, action in _actions(root):
        if action.type is Path:
            folder = action.dest in FOLDERS or f"{prog}:{action.dest}" in FOLDERS
            action.complete = shtab.DIRECTORY if folder else shtab.FILE  # type: ignore[attr-defined]
    return root


def _actions(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.Action]]:
    found = [(parser.prog, action) for action in parser._actions]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _actions(sub)
    return found


def _release_date() -> str:
    """The newest release's date in the metainfo: the page is dated by the release, not the build."""
    root = ET.parse(REPO / "resources" / "io.github.gulagreader.GulagReader.metainfo.xml").getroot()
    release = root.find("releases/release")
    return release.get("date", "") if release is not None else ""


def _roff(line: str) -> str:
    """A line of text for a `.nf` block: minus signs and other characters escaped, never a request."""
    text = "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in line.replace("\\", "\\e"))
    text = text.replace("-", "\\-")
    return "\\&" + text if text.startswith((".", "'")) else text


def man_include() -> str:
    """The man page's own sections: the query language (from the core's description), then the
    hand-written ones of gulagreader.1.include."""
    from gulagreader.core.query_language import plain_text

    lines = plain_text().splitlines()[1:]  # under the section's heading, not the help's
    section = "[>query language]\n.nf\n" + "".join(_roff(line) + "\n" for line in lines) + ".fi\n\n"
    return section + MAN.with_name(MAN.name + ".include").read_text(encoding="utf-8")


def readme() -> str:
    """README.md with its table of the query language written from the core's description."""
    from gulagreader.core.query_language import markdown_table

    text = README.read_text(encoding="utf-8")
    start = text.index(TABLE_START) + len(TABLE_START)
    end = text.index(TABLE_END, start)
    return text[:start] + "\n" + markdown_table() + "\n" + text[end:]


def generated() -> dict[Path, str]:
    """Every file's text, as the parser and the query language's description give it now."""
    import shtab
    from argparse_manpage.manpage import Manpage

    from gulagreader import __version__

    os.environ["COLUMNS"] = "80"  # argparse wraps help text to the terminal: the files must not depend on it
    with tempfile.TemporaryDirectory() as folder:
        include = Path(folder) / "gulagreader.1.include"
        include.write_text(man_include(), encoding="utf-8")
        page = Manpage(
            parser(),
            _data={
                "project_name": "gulagreader",
                "version": __version__,
                "date": _release_date(),
                "manual_title": "GulagReader Manual",
                "description": "read and search accounts of resistance in the Soviet camps, offline",
                "include": str(include),
            },
        )
    files = {MAN: str(page).rstrip("\n") + "\n", README: readme()}
    for shell, name in SHELLS.items():
        files[COMPLETIONS / name] = shtab.complete(parser(), shell=shell).rstrip("\n") + "\n"
    return files


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = []
    for path, text in generated().items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if check else 'written'}: {path.relative_to(REPO)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
