# One entry point for humans and CI. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO   ?= demo
SL     := $(BIN)/supplyline --db $(DEMO)/supplyline.duckdb
GOLDEN_STAMP := 2025-01-01T00:00:00Z

.PHONY: demo test lint golden screenshot bench clean browser
BENCH_ARGS ?=

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Debian's Chromium for the browser tests (the tests drive it with Playwright).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Never deletes anything: seeding appends only what the demo log lacks (a user's own events
# stay), and a report written again at a later log position becomes a new revision.
demo: $(VENV)/.installed
	@mkdir -p $(DEMO)
	$(SL) seed
	$(SL) verify
	$(SL) timeline --supplier KP --recipient RU --item shell_152mm
	@report=$$($(SL) report --week latest | grep 'report.html$$') && \
	  echo && echo "Weekly report (open it in a browser): $$(realpath $$report)"
	@echo "The demo log is $(DEMO)/supplyline.duckdb, e.g.:"
	@echo "  $(SL) pledges --as-of 2024-03-31"

test: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[lint]'
	$(BIN)/ruff check .
	$(BIN)/mypy -p supplyline

# Regenerate the golden reports compared by tests/test_report.py (never done by tests).
golden: $(VENV)/.installed
	$(BIN)/python tools/golden.py

# The README's screenshots of the report and of the pages (review, a flow's actions),
# from a real run.
screenshot: $(VENV)/.installed-test browser demo
	@html=$$($(SL) report --week 2024-W25 | grep 'report.html$$') && \
	  $(BIN)/python tools/screenshot.py $$html docs/report.png 1000 1500 && \
	  $(BIN)/python tools/screenshot.py $$html docs/report-full.png 1000
	$(BIN)/python tools/screenshot_pages.py docs

# Benchmarks against their floors and the peer library (1M tier; BENCH_ARGS=--ten-million adds 10M).
bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Leaves the demo log and reports alone: they may hold a user's own work.
clean:
	rm -rf $(VENV) .pytest_cache .hypothesis test-artifacts
