# Two commands matter to a new user: `make demo` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
EVAL ?= ../shared/eval

.PHONY: install demo test test-all lint eval eval-en bench train clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f demo.duckdb
	$(BIN)/annales code examples/ --db demo.duckdb
	$(BIN)/annales events --db demo.duckdb --format table
	$(BIN)/annales stats --db demo.duckdb

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -m "not slow" -q

test-all: lint
	$(BIN)/pytest -q

eval: install
	$(BIN)/python bench/eval_dev.py $(EVAL)

# English: the PLV sentences coded end to end, scored by ../shared/eval/plv.py (accuracy, macro-F1).
eval-en: install
	$(BIN)/python bench/eval_en.py $(EVAL)

# Rebuild the event model shipped in the package from training/fr (fixed seed: same corpus, same
# weights) and its report on the held-back files.
train: install
	$(BIN)/python -m annales.events.model.train training/fr \
		--out src/annales/data/models/events-fr.npz --report training/fr/REPORT.md
	$(BIN)/python -m annales.events.model.train training/en --lang en \
		--out src/annales/data/models/events-en.npz --report training/en/REPORT.md

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build dist *.egg-info demo.duckdb
