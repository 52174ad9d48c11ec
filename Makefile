# Two commands on a fresh machine with Python 3.11+ and pip:
#   make run    install into .venv and run the bot (the offline demo when no token is configured)
#   make test   install into .venv and run the checks and tests
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: run test
run: $(VENV)/.installed
	@if $(BIN)/python -c 'from bot.config import load_settings; raise SystemExit(not load_settings().telegram.token)'; \
	then $(BIN)/carebot run; \
	else echo "No bot token configured: starting the offline demo instead."; $(BIN)/carebot demo; fi

test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@
