# The README's two commands: `make run` and `make test`. Everything they need
# is set up here, so a fresh clone works with nothing installed by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
SAMPLE := articles/data/sample

# Local runs only: debug on, and a key that is never used in production.
LOCAL_ENV := DJANGO_DEBUG=1

.PHONY: install migrate sample run test lint format migrations-check clean chromium gettext \
	messages compilemessages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,postgres]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(LOCAL_ENV) $(BIN)/python manage.py migrate --noinput

sample: migrate
	@if [ -f articles/management/commands/import_coverage.py ]; then \
		$(LOCAL_ENV) $(BIN)/python manage.py import_coverage --publish $(SAMPLE); \
	fi

run: sample
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(LOCAL_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The browser tests drive Debian's Chromium; install it when it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The translation tests run makemessages, which needs GNU gettext's xgettext.
gettext:
	@command -v xgettext >/dev/null 2>&1 || { \
		echo "Installing Debian's gettext for the translation tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; }

# Translations: `make messages` brings locale/fr/LC_MESSAGES/django.po up to date
# with the code; translate the new entries, then `make compilemessages` and commit both
# the .po and the .mo. File-only locations keep the diffs of the .po small.
I18N_OPTIONS := --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=test-artifacts

messages: install gettext
	$(LOCAL_ENV) $(BIN)/python manage.py makemessages --locale=fr --no-obsolete \
		--add-location=file $(I18N_OPTIONS)

compilemessages: install gettext
	$(LOCAL_ENV) $(BIN)/python manage.py compilemessages --locale=fr $(I18N_OPTIONS)

test: install chromium gettext
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(LOCAL_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
