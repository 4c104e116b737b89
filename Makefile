# One entry point for humans and CI. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO   ?= demo
SL     := $(BIN)/supplyline --db $(DEMO)/supplyline.duckdb

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	@mkdir -p $(DEMO)
	@rm -f $(DEMO)/supplyline.duckdb $(DEMO)/supplyline.duckdb.wal
	$(SL) seed
	$(SL) verify
	$(SL) events --type shipment
	@echo
	@echo "The demo log is $(DEMO)/supplyline.duckdb. Try:"
	@echo "  $(BIN)/supplyline --db $(DEMO)/supplyline.duckdb events --type pledge"

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[lint]'
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .hypothesis
