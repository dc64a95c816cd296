# TradeBridge: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Reinstall only when the project definition changes.
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run serve test install install-test debian-run debian-test lint check-migrations messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP) $@

install: $(STAMP)

install-test: $(TEST_STAMP)

# Debian packages (fonts for PDFs; Chromium and gettext for the tests): installed when missing
# and we may (root or sudo -n), otherwise stop here with the command to run.
debian-run:
	@sh scripts/debian-packages.sh run

debian-test:
	@sh scripts/debian-packages.sh test

# The task worker (background tasks and the daily jobs) runs beside the web server and stops with it.
run: debian-run $(STAMP)
	$(BIN)/tradebridge setup
	$(BIN)/tradebridge worker & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
	$(BIN)/tradebridge runserver $(HOST):$(PORT)

test: debian-test $(TEST_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench

check-migrations: $(STAMP)
	TRADEBRIDGE_DATA_DIR="$$(mktemp -d)" $(BIN)/tradebridge makemigrations --check --dry-run

# Extract new strings into the four catalogues (needs GNU gettext), then translate them.
messages: debian-test $(TEST_STAMP)
	cd src/tradebridge && ../../$(BIN)/tradebridge makemessages --no-obsolete --no-location -l vi -l lo -l zh_Hans -l en
	cd src/tradebridge && ../../$(BIN)/tradebridge compilemessages

clean:
	rm -rf $(VENV) var

# Production serving: gunicorn + task worker + scheduled jobs, no demo data (README: Production).
serve: debian-run $(STAMP)
	$(BIN)/tradebridge setup --no-demo
	$(BIN)/tradebridge serve --bind $(HOST):$(PORT)
