# The two commands of the quick start: `make dataset` and `make test`.
# Everything runs in .venv, created from constraints.txt so that builds are reproducible.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv dataset test lint release benchmark clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

dataset: venv
	$(BIN)/sino-russian-patrols build
	$(BIN)/sino-russian-patrols validate datapackage.json
	$(BIN)/frictionless validate datapackage.json

test: venv
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

release: venv
	$(BIN)/sino-russian-patrols release

# Prints figures, never fails on timing: load ratio, then validation at 10k, 100k and 1M
# statements against frictionless (several minutes; writes benchmarks/results.md).
benchmark: venv
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_validate.py

clean:
	rm -rf $(VENV) dist .pytest_cache .ruff_cache
