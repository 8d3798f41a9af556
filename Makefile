# The README's commands. Everything installs into .venv with uv, from the pins.
export UV_PYTHON_DOWNLOADS := never
# Installed packages are compiled once, at install, so each start-up (every `make run`,
# every test process) does not recompile them when the bytecode cache is off.
export UV_COMPILE_BYTECODE := 1
PYTHON ?= python3
BIN := .venv/bin
MANAGE := $(BIN)/python manage.py

.PHONY: install install-site run test lint format lock bench

$(BIN)/uv:
	$(PYTHON) -m venv .venv
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8

# Stamp files: an install runs again only when its pins change.
.venv/.site-installed: requirements.txt | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.txt
	touch $@

.venv/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.txt -r requirements-dev.txt
	touch $@ .venv/.site-installed

## What the site needs to run, and no test tools
install-site: .venv/.site-installed

## The site plus tests and tools
install: .venv/.dev-installed

## Fresh clone to a running site with the demo library on http://127.0.0.1:8000
run: install-site
	DEBUG=true $(MANAGE) serve_dev_site 127.0.0.1:8000

## Everything CI checks: lint, Django's checks, migrations, the test suite, on every core
## (pytest-xdist; PYTEST_ARGS="" runs it in one process). `--dist load` hands each worker its
## tests in collection order, so pytest-django's order holds on each: tests that flush the
## database (live server) run after those that need the migrations' rows.
PYTEST_ARGS ?= -n auto --dist load
test: install lint
	$(MANAGE) check --fail-level WARNING
	$(BIN)/pytest $(PYTEST_ARGS)

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

## The test suite again on this machine's PostgreSQL 15 (started and set up by .ci/postgres.sh),
## on every core as `make test` runs. Browser tests run once, in `make test`: they drive the
## front end through the same API and views, and here they would add about 12 minutes to CI.
## PG_ARGS="-n auto --dist load" runs them too (the whole suite: about 21 minutes in 2 workers).
.PHONY: test-postgres audit loadtest
PG_ARGS ?= -n auto --dist load -m "not browser"
test-postgres: install
	DATABASE_URL=$$(.ci/postgres.sh) $(BIN)/pytest $(PG_ARGS)

## Known vulnerabilities in every pin, from PyPI's advisory data (needs https://pypi.org)
audit: install
	$(BIN)/python -m tests.ops.pin_audit

## 60 s at 50 connections against gunicorn + production settings + PostgreSQL, on 127.0.0.1
loadtest: install
	$(BIN)/python -m tests.benchmarks.loadtest

## Our API against Wagtail's API v2 under gunicorn: req/s, p50/p99, SQL per request.
## Uses a throwaway SQLite file in bench-results/ (or DATABASE_URL, which it flushes).
bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || echo "wrk not found: using the Python load generator"
	$(BIN)/python -m tests.benchmarks.run

## Every page type and API resource at the demo size and at 5,000 articles: cold and warm
## time, size, queries, with the ratio (tests/benchmarks/scale.py; libraries kept in bench-results/)
.PHONY: bench-scale
bench-scale: install
	$(BIN)/python -m tests.benchmarks.scale $(BENCH_SCALE_ARGS)

## Stop the local PostgreSQL under a running gunicorn and check the site degrades and recovers
.PHONY: outage-drill
outage-drill: install
	$(BIN)/python -m tests.ops.outage_drill

## Lighthouse 13 and axe-core budgets on gunicorn + production settings, on 127.0.0.1 (tests/budgets/README.md)
.PHONY: budgets
budgets: install
	cd tests/budgets && PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m tests.budgets.run $(BUDGETS_ARGS)
