"""Every source carries a rights statement: what we know of its copyright and why it is included."""

from __future__ import annotations

import json

import pytest

from gulagreader.cli import main
from gulagreader.core.library import Library
from gulagreader.core.store import Store


def test_every_source_has_a_rights_statement(store: Store) -> None:
    for source in Library(store).sources():
        assert source.rights, source.id
        assert "Included for research and education" in source.rights, source.id
        assert "permission not yet sought" in source.rights, source.id


def test_a_printed_copyright_is_quoted_as_printed(store: Store) -> None:
    rights = Library(store).source("lituanus-2005").rights
    assert rights.startswith("Copyright © 2005 LITUANUS Foundation, Inc. (as printed).")


def test_only_the_source_that_prints_a_notice_claims_one(store: Store) -> None:
    for source in Library(store).sources():
        if source.id != "lituanus-2005":
            assert source.rights.startswith("The text carries no copyright notice"), source.id


def test_sources_json_carries_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", "--json"]) == 0
    sources = json.loads(capsys.readouterr().out)
    assert all(s["rights"] for s in sources)
