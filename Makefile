# The commands of the quick start: `make dataset` and `make test` (the fast tests, under 90 s
# on 2 cores); `make test-all` runs every test at full strength, as CI does.
# Everything runs in .venv, created from constraints.txt so that builds are reproducible.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv dataset test test-all browser r notebook lint release benchmark clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

dataset: venv
	$(BIN)/sino-russian-patrols build
	$(BIN)/sino-russian-patrols validate datapackage.json
	$(BIN)/frictionless validate datapackage.json

# Leaves out the tests marked slow (pyproject.toml) and runs property tests with few examples,
# on two worker processes (pytest-xdist). test-all runs every test in one process.
test: venv
	$(BIN)/python -m pytest -m "not slow" --hypothesis-profile=fast -n 2

test-all: venv
	$(BIN)/python -m pytest --hypothesis-profile=full

# Chromium and ChromeDriver from Debian's packages for the browser tests (tests/test_site.py);
# where apt-get cannot install them, those tests are skipped and say what is missing.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
		echo "browser: $$(chromium --version 2>/dev/null)"; \
	elif command -v apt-get >/dev/null && (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1; then \
		echo "browser: installed $$(chromium --version 2>/dev/null)"; \
	else \
		echo "browser: chromium and chromium-driver could not be installed; the browser tests will be skipped" >&2; \
	fi

# Debian's R with readr and jsonlite, for the test that runs docs/r.md (tests/test_r.py); where
# apt-get cannot install them, that test is skipped and says what is missing.
r:
	@if command -v Rscript >/dev/null && Rscript -e 'library(readr); library(jsonlite)' >/dev/null 2>&1; then \
		echo "r: $$(Rscript --version 2>&1 | head -n 1)"; \
	elif command -v apt-get >/dev/null && (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-base-core r-cran-readr r-cran-jsonlite) >/dev/null 2>&1; then \
		echo "r: installed $$(Rscript --version 2>&1 | head -n 1)"; \
	else \
		echo "r: R with readr could not be installed; the R test will be skipped" >&2; \
	fi

# Re-executes examples/patrols.ipynb in place, with its outputs and figures: after a change to
# the dataset or the notebook (tests/test_notebook.py compares a fresh run with it).
notebook: venv
	$(BIN)/python examples/execute.py

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
