# Two commands for a newcomer: `make run` (demo) and `make test` (everything CI checks);
# `make dev` for people changing the code (autoreloading development server).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
CHROMIUM ?= /usr/bin/chromium
# The web server's port and gunicorn's worker processes (`make run PORT=8001`).
PORT ?= 8000
WEB_CONCURRENCY ?= 2
export WEB_CONCURRENCY

.PHONY: run dev demo-data test setup lint check pytest chromium messages clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $@

# h5p-standalone's preinstall script needs yarn; its files are usable without it.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.installed

demo-data: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo

# The demo as production runs it: gunicorn ($(WEB_CONCURRENCY) workers), static files
# from whitenoise, and the django-q2 cluster.
run: demo-data
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo ""
	@echo "Platform:        http://127.0.0.1:$(PORT)/      (English: http://127.0.0.1:$(PORT)/en/)"
	@echo "Administration:  http://127.0.0.1:$(PORT)/admin/"
	@echo "Health:          http://127.0.0.1:$(PORT)/healthz"
	@echo "Stop with Ctrl-C (web server and job worker together)."
	$(VENV)/bin/honcho start -f Procfile -p $(PORT)

# For changing the code: Django's development server reloads on every change.
dev: demo-data
	@echo ""
	@echo "Development server: http://127.0.0.1:$(PORT)/ (reloads when code changes)"
	$(VENV)/bin/honcho start -f Procfile.dev -p $(PORT)

# Debian packages the tests need: Chromium (browser tests), GNU gettext (catalogue checks).
chromium:
	@(test -x $(CHROMIUM) && command -v msgfmt >/dev/null) || \
		(echo "Installing Chromium and gettext for the tests..." && \
		apt-get update -qq && apt-get install -y -qq chromium gettext)

lint: setup
	$(VENV)/bin/ruff check .

check: setup
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

# Two passes, each on PYTEST_WORKERS processes with a database each (pytest-xdist): the
# tests inside rolled-back transactions, then those that commit (browser tests, races).
# The first pass creates the databases afresh and keeps them, the second reuses them
# (migrating one takes about a minute) and drops them at its end.
# SERIAL_MARKS picks the tests of the second pass (.ci/run leaves the browser tests out of
# its PostgreSQL run: "serial and not e2e").
PYTEST_WORKERS ?= 2
PYTEST_ARGS := -n $(PYTEST_WORKERS) --dist loadfile
SERIAL_MARKS ?= serial

pytest: setup chromium
	$(VENV)/bin/pytest $(PYTEST_ARGS) --create-db --reuse-db -m "not serial"
	$(VENV)/bin/pytest $(PYTEST_ARGS) --reuse-db --drop-db -m "$(SERIAL_MARKS)"

test: lint check pytest

messages: setup
	$(MANAGE) makemessages -l de -l en --ignore '.venv/*' --ignore 'node_modules/*' \
		--ignore 'staticfiles/*' --no-obsolete
	$(MANAGE) compilemessages --ignore '.venv/*' --ignore 'node_modules/*'

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 db.sqlite3-* test-db.sqlite3*
