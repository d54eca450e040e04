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

.PHONY: install migrate sample run serve bench bench-writes test lint format migrations-check clean \
	chromium wrk gettext redis messages compilemessages nginx serve-proxy

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

# Readers' view of the sample: debug off, so errors show the site's own pages
# (set DJANGO_DEBUG=1 yourself for Django's debug pages while developing).
run: sample var/secret-key
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(SERVE_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production-like: DEBUG off, gunicorn (newsroom/gunicorn.conf.py), hashed and
# compressed static files served by WhiteNoise, a secret key kept in var/.
# Plain HTTP on this machine, so no TLS redirect and no secure-only cookies.
SERVE_ENV = DJANGO_SECRET_KEY="$$(cat var/secret-key)" DJANGO_SECURE_SSL_REDIRECT=0 \
	DJANGO_SECURE_COOKIES=0 DJANGO_HSTS_SECONDS=0 DJANGO_ALLOWED_HOSTS=$(HOST),localhost

var/secret-key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

serve: sample var/secret-key
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	@echo "Serving with gunicorn on http://$(HOST):$(PORT)/"
	$(SERVE_ENV) GUNICORN_BIND=$(HOST):$(PORT) GUNICORN_ACCESS_LOG=- \
		$(BIN)/gunicorn -c newsroom/gunicorn.conf.py newsroom.wsgi

# nginx in front of gunicorn, as in production (deploy/nginx.conf): a shared
# HTTP cache on PROXY_PORT (8080), gunicorn behind it on PORT. Ctrl-C stops both.
PROXY_PORT ?= 8080
NGINX := $(shell command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
# Started by root, nginx's workers would run as "nobody", who may not read var/
# (owner-only): on this machine they stay the owner.
NGINX_AS_OWNER := $(if $(filter 0,$(shell id -u)),-g "user root;")

serve-proxy: sample var/secret-key nginx
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	mkdir -p var/nginx
	sed -e 's/127.0.0.1:8080/$(HOST):$(PROXY_PORT)/' -e 's/127.0.0.1:8000/$(HOST):$(PORT)/' \
		deploy/nginx.conf > var/nginx/nginx.conf
	@echo "Serving through nginx on http://$(HOST):$(PROXY_PORT)/ (gunicorn on $(PORT))"
	$(SERVE_ENV) ARCHIVE_TRUSTED_PROXIES=1 ARCHIVE_MEDIA_ACCEL_REDIRECT=/protected-media/ \
		DJANGO_ALLOWED_HOSTS=$(HOST),localhost \
		GUNICORN_BIND=$(HOST):$(PORT) $(BIN)/gunicorn -c newsroom/gunicorn.conf.py \
		newsroom.wsgi & gunicorn=$$!; \
		trap 'kill $$gunicorn' EXIT INT TERM; \
		$(NGINX) -p $(CURDIR)/ -c var/nginx/nginx.conf $(NGINX_AS_OWNER)

# The reverse-proxy tests and `make serve-proxy` run Debian's nginx; install it
# when it is missing (the tests skip, saying why, where it cannot be installed).
nginx:
	@test -x $(NGINX) || { \
		echo "Installing Debian's nginx for the reverse-proxy tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx \
		|| echo "nginx could not be installed: the reverse-proxy tests will be skipped"; }

# The web benchmark loads pages with Debian's wrk; not part of `make test`.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		echo "Installing Debian's wrk for the benchmark"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

bench: install wrk nginx
	$(BIN)/python bench/import_bench.py --files 10000
	$(BIN)/python bench/web_bench.py

# Readers' latency while an import and two editors write (bench/writes_bench.py).
bench-writes: install wrk
	$(BIN)/python bench/writes_bench.py

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

# The shared-cache tests use the Redis server of this machine; start it when it
# is installed but not running (the tests that need it skip, saying so, without it).
redis:
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || { \
		if command -v redis-server >/dev/null 2>&1; then \
			echo "Starting Redis on 127.0.0.1:6379 for the shared-cache tests"; \
			redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no; \
		else echo "Redis is not installed: the shared-cache tests will be skipped"; fi; }

# Needs: Chromium (browser tests) and gettext (translations), installed here when
# missing; Redis (shared-cache tests), started here when installed. PostgreSQL
# is used only when DATABASE_URL names it, as .ci/run does.
test: install chromium gettext redis nginx
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
