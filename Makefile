# Two commands for a fresh machine:  make run   (set up, ingest seeds/, open the dashboard)
#                                    make test  (set up, run the test suite)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= impact.db
INBOX ?= inbox

.PHONY: setup run test lint evaluate bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

setup: $(VENV)/.installed

run: setup
	mkdir -p $(INBOX)
	$(BIN)/impact extract seeds/*.txt

test: setup
	@$(BIN)/python -m pytest -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

lint: setup
	$(BIN)/ruff check impact dashboard tests bench
	$(BIN)/mypy

evaluate: setup
	$(BIN)/impact evaluate --gold ../shared/corpus/gold.jsonl ../shared/corpus/texts

bench: setup
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
