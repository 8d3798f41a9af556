# The README's commands. Everything installs into .venv with uv, from the pins.
export UV_PYTHON_DOWNLOADS := never
PYTHON ?= python3
BIN := .venv/bin
MANAGE := $(BIN)/python manage.py

.PHONY: install run test lint format lock

$(BIN)/uv:
	$(PYTHON) -m venv .venv
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8

install: $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.txt -r requirements-dev.txt

## Fresh clone to a running site with the demo library on http://127.0.0.1:8000
run: install
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_demo_content
	$(MANAGE) create_dev_users
	DEBUG=true $(MANAGE) runserver 127.0.0.1:8000

## Everything CI checks: lint, Django's checks, migrations, the test suite
test: install lint
	$(MANAGE) check --fail-level WARNING
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Re-pin requirements*.txt from requirements*.in
lock: $(BIN)/uv
	$(BIN)/uv pip compile --quiet requirements.in -o requirements.txt --python-version 3.11
	$(BIN)/uv pip compile --quiet requirements-dev.in -o requirements-dev.txt --python-version 3.11
