# Heron — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
DB ?= heron.duckdb
CHROMIUM ?= /usr/bin/chromium
SHARED ?= ../shared

.PHONY: setup run serve test test-fast lint format bench bench-analytics bench-web browser \
	screenshots accuracy clean

$(UV):
	@echo "uv not found: installing it from PyPI with pip (user install)"
	$(PYTHON) -m pip install --user --quiet uv \
	  || $(PYTHON) -m pip install --user --quiet --break-system-packages uv
	@command -v uv >/dev/null 2>&1 || echo "note: uv is in $(HOME)/.local/bin, not on your PATH: \
	  run 'export PATH=\"\$$HOME/.local/bin:\$$PATH\"' to type 'uv run heron …' (or use .venv/bin/heron)"

# --compile-bytecode: the libraries' .pyc are written once here, so no run compiles them again
# (nor a run where Python may not write them, PYTHONDONTWRITEBYTECODE): `import spacy` takes
# 0.5 s instead of 1.3 s, and a one-sentence `heron code` about 1 s instead of 2
.venv/.synced: uv.lock pyproject.toml Makefile | $(UV)
	$(UV) sync --frozen --compile-bytecode
	$(UV) run --frozen python -m compileall -q src
	@touch $@

setup: .venv/.synced  ## install everything from the committed uv.lock

run: setup  ## code the bundled examples into $(DB) and print a summary
	$(UV) run heron ingest examples/ --db $(DB) --date 2024-03-26
	COLUMNS=$${COLUMNS:-120} $(UV) run heron events --db $(DB) --limit 30
	@echo "Dashboard: run \`uv run heron serve --db $(DB)\` (or \`make serve\`) and open http://127.0.0.1:8000/"

serve: setup  ## the web dashboard and JSON API over $(DB), on http://127.0.0.1:8000/
	$(UV) run heron serve --db $(DB)

test: setup  ## the whole test suite (model and browser tests included)
	@[ -x "$(CHROMIUM)" ] || $(MAKE) --no-print-directory browser || \
	  echo "chromium could not be installed: the browser tests will be skipped"
	HERON_CHROMIUM=$(CHROMIUM) $(UV) run pytest -q

browser:  ## Debian's chromium for the browser tests (Playwright drives it; it downloads no browser)
	@if [ -x "$(CHROMIUM)" ]; then echo "chromium: $$($(CHROMIUM) --version 2>/dev/null)"; \
	elif command -v apt-get >/dev/null; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo -n); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	else echo "no apt-get: install Chromium and set CHROMIUM=/path/to/chromium"; exit 1; fi

test-fast: setup  ## unit tests that do not load the spaCy model
	$(UV) run pytest -q -m "not model"

lint: setup  ## style (ruff), types (mypy) and the house's layering (import-linter)
	$(UV) run ruff check src tests benchmarks tools
	$(UV) run ruff format --check src tests benchmarks tools
	$(UV) run mypy
	$(UV) run lint-imports

format: setup
	$(UV) run ruff format src tests benchmarks tools
	$(UV) run ruff check --fix src tests benchmarks tools

bench: setup  ## throughput and memory on ../shared/corpus, workers and Dask, analytics on 10M events, the dashboard under load → docs/PERFORMANCE.md
	$(UV) run python benchmarks/run.py --shared $(SHARED) --out docs/PERFORMANCE.md
	$(UV) run python benchmarks/run.py --only-scale --shared $(SHARED) --out docs/PERFORMANCE.md
	$(UV) run python benchmarks/analytics.py --out docs/PERFORMANCE.md
	$(UV) run python benchmarks/web_bench.py --out docs/PERFORMANCE.md

bench-analytics: setup  ## only the analytics part: series, top dyads, clustering on 10M events
	$(UV) run python benchmarks/analytics.py --out docs/PERFORMANCE.md

bench-web: setup  ## 200 concurrent requests to `heron serve` on loopback → docs/PERFORMANCE.md
	$(UV) run python benchmarks/web_bench.py --out docs/PERFORMANCE.md

screenshots: setup  ## the dashboard's main pages, from the real app over $(DB) → docs/screenshots
	@[ -x "$(CHROMIUM)" ] || $(MAKE) --no-print-directory browser
	$(UV) run python tools/screenshots.py --db $(DB) --out docs/screenshots

accuracy: setup  ## score against ../shared/eval → docs/ACCURACY.md
	$(UV) run heron eval --shared $(SHARED) --write docs/ACCURACY.md

clean:
	rm -rf .venv .pytest_cache .ruff_cache $(DB)
