# Two commands for a fresh machine:  make run   (set up, ingest seeds/, open the dashboard)
#                                    make test  (set up, run the test suite)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= impact.db
INBOX ?= inbox
PORT ?= 8050

.PHONY: setup run test lint evaluate bench fuzz clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q -e ".[dev,postgres]"
	touch $@

setup: $(VENV)/.installed

# Ingest the seed articles (and anything dropped into inbox/), then serve the dashboard on
# http://127.0.0.1:8050 (Ctrl-C stops it). Ingesting again changes nothing already stored.
run: setup
	mkdir -p $(INBOX)
	$(BIN)/impact ingest seeds $(INBOX) --db $(DB) || true
	$(BIN)/impact dashboard --db $(DB) --host 127.0.0.1 --port $(PORT)

# PostgreSQL's server programs (for the store's tests against a real server) are not on PATH
# by default on Debian; browser tests need /usr/bin/chromium. Tests skip cleanly without them.
test: setup
	@PATH="$$PATH:$$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tr '\n' ':')" $(BIN)/python -m pytest -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

lint: setup
	$(BIN)/ruff check impact dashboard tests bench
	$(BIN)/mypy

evaluate: setup
	@if [ -d ../shared/corpus ]; then $(BIN)/impact evaluate --quiet --gold ../shared/corpus/gold.jsonl ../shared/corpus/texts; \
	else echo "../shared/corpus is absent: the development corpus is skipped"; fi
	$(BIN)/impact evaluate --quiet --gold tests/fixtures/heldout/gold.jsonl tests/fixtures/heldout/texts
	$(BIN)/impact evaluate --quiet --gold tests/fixtures/tuning/gold.jsonl tests/fixtures/tuning/texts
	$(BIN)/impact evaluate --quiet --gold tests/fixtures/tuning2/gold.jsonl tests/fixtures/tuning2/texts
	$(BIN)/impact evaluate --quiet --gold tests/fixtures/tuning3/gold.jsonl tests/fixtures/tuning3/texts
	$(BIN)/impact evaluate --quiet --gold tests/fixtures/blind/gold.jsonl tests/fixtures/blind/texts

bench: setup
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_first_extract.py
	$(BIN)/python bench/bench_stream.py
	$(BIN)/python bench/bench_dask.py
	$(BIN)/python bench/bench_dashboard.py
	$(BIN)/python bench/bench_one_line.py

fuzz: setup
	$(BIN)/python tools/fuzz_extract.py --examples 100000

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
