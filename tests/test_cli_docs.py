"""The man page and shell completions are generated from the parser, current, and work in their tools."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from gulagreader import cli
from tests.conftest import REPO


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_cli_docs", REPO / "scripts" / "generate_cli_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _commands() -> list[str]:
    return list(cli._parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def test_the_committed_man_page_and_completions_are_what_the_parser_gives_now() -> None:
    stale = [str(p.relative_to(REPO)) for p, text in _generator().generated().items() if p.read_text() != text]
    assert not stale, f"run: python scripts/generate_cli_docs.py ({', '.join(stale)})"


def test_the_man_page_renders_without_warnings_and_names_every_command(tmp_path: Path) -> None:
    groff = shutil.which("groff")
    if groff is None:
        pytest.skip("groff is not installed (Debian: apt-get install groff-base)")
    page = REPO / "resources" / "man" / "gulagreader.1"
    done = subprocess.run(
        [groff, "-man", "-Tutf8", "-ww", str(page)], capture_output=True, text=True, timeout=60, check=True
    )
    assert not done.stderr.strip(), done.stderr
    text = done.stdout.replace("\u2010", "-").replace("\u2212", "-")
    plain = "".join(c for i, c in enumerate(text) if c != "\b" and (i + 1 >= len(text) or text[i + 1] != "\b"))
    for command in _commands():
        assert f"gulagreader {command}" in plain, command
    for heading in ("SYNOPSIS", "QUERY LANGUAGE", "FILES", "ENVIRONMENT", "EXIT STATUS"):
        assert heading in plain, heading
    assert "--basedir" in plain and "XDG_CONFIG_DIRS" in plain


def _bash_complete(line: str) -> list[str]:
    """What bash offers after `line`, with the generated completion loaded."""
    script = (
        f"source {REPO / 'resources' / 'completions' / 'gulagreader.bash'}\n"
        f"COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}\n"
        f"read -ra COMP_WORDS <<< '{line}'\n"
        + ("COMP_WORDS+=('')\n" if line.endswith(" ") else "")
        + "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
        "_shtab_gulagreader\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_bash_completes_every_command_and_the_options_of_one() -> None:
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    assert set(_bash_complete("gulagreader ")) >= set(_commands())
    assert _bash_complete("gulagreader doc") == ["doctor"]
    assert set(_bash_complete("gulagreader search --so")) == {"--source", "--sort"}
    assert set(_bash_complete("gulagreader bookmarks ")) >= {"list", "add", "export", "import"}


def test_zsh_loads_the_completion_function() -> None:
    zsh = shutil.which("zsh")
    if zsh is None:
        pytest.skip("zsh is not installed (Debian: apt-get install zsh)")
    folder = REPO / "resources" / "completions"
    done = subprocess.run(
        [
            zsh,
            "-fc",
            f"fpath=({folder} $fpath); autoload -Uz compinit; compinit -u; autoload -Uz _gulagreader; "
            "whence -w _gulagreader",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "function" in done.stdout, done.stdout + done.stderr


def test_the_generator_refuses_stale_files_with_check() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "generate_cli_docs.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout
