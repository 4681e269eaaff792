# Heron — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
DB ?= heron.duckdb
SHARED ?= ../shared

.PHONY: setup run test test-fast lint format bench bench-analytics accuracy clean

$(UV):
	@echo "uv not found: installing it from PyPI with pip (user install)"
	$(PYTHON) -m pip install --user --quiet uv \
	  || $(PYTHON) -m pip install --user --quiet --break-system-packages uv
	@command -v uv >/dev/null 2>&1 || echo "note: uv is in $(HOME)/.local/bin, not on your PATH: \
	  run 'export PATH=\"\$$HOME/.local/bin:\$$PATH\"' to type 'uv run heron …' (or use .venv/bin/heron)"

.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen
	@touch $@

setup: .venv/.synced  ## install everything from the committed uv.lock

run: setup  ## code the bundled examples into $(DB) and print a summary
	$(UV) run heron ingest examples/ --db $(DB) --date 2024-03-26
	COLUMNS=$${COLUMNS:-120} $(UV) run heron events --db $(DB) --limit 30

test: setup  ## the whole test suite (model tests included)
	$(UV) run pytest -q

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

bench: setup  ## throughput and memory on ../shared/corpus, analytics on 10M events → docs/PERFORMANCE.md
	$(UV) run python benchmarks/run.py --shared $(SHARED) --out docs/PERFORMANCE.md
	$(UV) run python benchmarks/analytics.py --out docs/PERFORMANCE.md

bench-analytics: setup  ## only the analytics part: series, top dyads, clustering on 10M events
	$(UV) run python benchmarks/analytics.py --out docs/PERFORMANCE.md

accuracy: setup  ## score against ../shared/eval → docs/ACCURACY.md
	$(UV) run heron eval --shared $(SHARED) --write docs/ACCURACY.md

clean:
	rm -rf .venv .pytest_cache .ruff_cache $(DB)
