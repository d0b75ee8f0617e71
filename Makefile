# Two commands: `make run` (set up, then the main job) and `make test` (set up, then every check).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench bench-scale campaign clean package package-test cli-docs

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m gulagreader

# Tools run as `python -m` so that only this checkout's interpreter is ever used.
test: $(STAMP)
	$(BIN)/python -m ruff check src tests benchmarks
	$(BIN)/python -m ruff format --check src tests benchmarks
	$(BIN)/python -m mypy
	$(BIN)/lint-imports --no-cache
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/search_bench.py

# The frozen reader: dist/gulagreader/ and dist/gulagreader-VERSION-linux-ARCH.tar.gz (see packaging/).
# PyInstaller (the `packaging` extra) is pinned in requirements.lock.
package: $(STAMP)
	PYTHON=$(BIN)/python packaging/build.sh

# The packaging tests: the wheel in a venv of its own (pip resolves its dependencies, held to
# requirements.lock), the bundle read-only as another user (a few minutes).
package-test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m packaging

# The man page and shell completions in resources/, from the parser (tests check they are current).
cli-docs: $(STAMP)
	$(BIN)/python scripts/generate_cli_docs.py

# The hostile-input and fault campaign (docs/reliability.md): the long fuzzing and kill rounds that
# `make test` leaves out, then the hostile-query timings (about 5 minutes).
campaign: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -s -m campaign
	$(BIN)/python benchmarks/hostile_queries.py

# 10k and 100k generated passages (about 15 min on 2 cores, ~1 GB in benchmarks/out/scale): docs/benchmarks.md.
# 1M: .venv/bin/python benchmarks/scale_bench.py --sizes 1000000 --builds 1 (about an hour). The word list is
# Debian's wamerican (/usr/share/dict/words) when installed.
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/scale_bench.py --sizes 10000,100000

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
