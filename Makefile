# Two commands for a newcomer: `make run` (demo) and `make test` (everything CI checks).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test setup lint check pytest chromium messages clean

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

run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo ""
	@echo "Platform:        http://127.0.0.1:8000/      (English: http://127.0.0.1:8000/en/)"
	@echo "Administration:  http://127.0.0.1:8000/admin/"
	@echo "Health:          http://127.0.0.1:8000/healthz"
	@echo "Stop with Ctrl-C (web server and job worker together)."
	$(VENV)/bin/honcho start -f Procfile

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

pytest: setup chromium
	$(VENV)/bin/pytest

test: lint check pytest

messages: setup
	$(MANAGE) makemessages -l de -l en --ignore '.venv/*' --ignore 'node_modules/*' \
		--ignore 'staticfiles/*' --no-obsolete
	$(MANAGE) compilemessages --ignore '.venv/*' --ignore 'node_modules/*'

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 db.sqlite3-* test-db.sqlite3*
