# zhkb — two commands on a fresh machine: `make serve` and `make test`.
# Everything installs into .venv (Python) and node_modules (zhlint, Lighthouse, axe-core) from pinned versions.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup serve build ingest test lint bench bench-search bench-preview screenshots audit clean

setup: $(STAMP) node_modules/.installed

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

ingest: $(STAMP)
	$(BIN)/zhkb ingest

build: $(STAMP)
	$(BIN)/zhkb build

serve: $(STAMP)
	$(BIN)/zhkb serve

lint: setup
	$(BIN)/ruff check .
	node scripts/zhlint.mjs docs

test: setup lint
	$(BIN)/python -m pytest
	$(BIN)/zhkb build
	$(BIN)/zhkb check

# The bundled corpus and $(LARGE) generated questions side by side: build time and memory, site size,
# phone search (ready, first query's bytes, p50/p95) under Lighthouse's mobile conditions. About 20 min.
# BEFORE=<checkout> also times the build of an older checkout on the same corpora.
LARGE ?= 10000
bench: setup
	$(BIN)/python scripts/bench.py --large $(LARGE) $(if $(BEFORE),--before $(BEFORE))

# Relevance (public set) and latency of the search box on the bundled corpus, both variants, in Chromium.
bench-search: setup
	$(BIN)/python scripts/bench_search.py

# Edit-to-reload time of the live preview (`make serve`).
bench-preview: setup
	$(BIN)/python scripts/bench_preview.py

screenshots: setup
	$(BIN)/python scripts/screenshots.py

# Lighthouse, axe-core and page weight on a phone, served by nginx (slow; not part of `make test`).
audit: setup
	$(BIN)/python scripts/audit_mobile.py

clean:
	rm -rf site .pytest_cache .ruff_cache
