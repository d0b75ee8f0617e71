# Two commands: `make run` (set up, then the main job) and `make test` (set up, then every check).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench bench-scale clean

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
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/search_bench.py

# The frozen reader: dist/gulagreader/ and dist/gulagreader-VERSION-linux-ARCH.tar.gz (see packaging/).
# PyInstaller (the `packaging` extra) is pinned in requirements.lock.
package: $(STAMP)
	PYTHON=$(BIN)/python packaging/build.sh

# The packaging tests: the wheel in a fresh venv, the bundle read-only as another user (about a minute).
package-test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m packaging

# 10k, 100k and 1M synthetic passages (about 30 min, 6 GB in benchmarks/out/scale; docs/benchmarks.md#scale).
# The word list comes from Debian's wamerican (/usr/share/dict/words) when it is installed.
BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): $(STAMP) benchmarks/requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r benchmarks/requirements.lock
	touch $(BENCH_STAMP)

bench-scale: $(BENCH_STAMP)
	$(BIN)/python benchmarks/scale_bench.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
