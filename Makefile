# Koers. `make run` sets everything up and serves the demo; `make test` sets up and runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test setup setup-test setup-bench messages db demo lint browser bench load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files: reinstall only when the dependency files change.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e ".[bench]"
	touch $@

setup: $(VENV)/.installed messages
setup-test: $(VENV)/.installed-test messages
setup-bench: $(VENV)/.installed-bench messages

# The Dutch catalogue is compiled with Babel (pure Python), so no gettext package is needed.
messages: $(VENV)/.installed
	$(BIN)/pybabel compile --domain django --directory src/koers/locale --statistics 2>&1 | tail -n 1

db: setup
	$(BIN)/koers migrate --noinput
	$(BIN)/koers createcachetable
	$(BIN)/koers load_catalog

demo: db
	$(BIN)/koers load_demo

run: demo
	@echo "Koers runs on http://$(HOST)/ (stop with Ctrl-C)"
	$(BIN)/koers runserver $(HOST)

browser:
	@scripts/ensure-chromium

lint: setup-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test: setup-test browser lint
	$(BIN)/koers makemigrations --check --dry-run > /dev/null
	$(BIN)/pytest

bench: db
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/surveys.py
	$(BIN)/python bench/staff.py
	$(BIN)/python bench/networks.py

# Koers under load behind gunicorn (bench/load.py); not part of `make bench`, it takes minutes.
load: setup-bench
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) var .pytest_cache
