# TradeBridge: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Reinstall only when the project definition changes.
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test install install-test lint messages check-messages clean

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

# The task worker runs beside the web server and stops with it.
run: $(STAMP)
	$(BIN)/tradebridge setup
	$(BIN)/tradebridge db_worker & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
	$(BIN)/tradebridge runserver $(HOST):$(PORT)

test: $(TEST_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench

# Extract new strings into the four catalogues (needs GNU gettext), then translate them.
messages: $(TEST_STAMP)
	cd src/tradebridge && ../../$(BIN)/tradebridge makemessages --no-obsolete --no-location -l vi -l lo -l zh_Hans -l en
	cd src/tradebridge && ../../$(BIN)/tradebridge compilemessages

clean:
	rm -rf $(VENV) var
