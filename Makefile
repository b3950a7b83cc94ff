# The two commands a newcomer needs: `make run` and `make test`.
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# Development settings for the local server; production sets these itself.
DEV_ENV := DEBUG=$${DEBUG:-1}

PIP := $(PY) -m pip --disable-pip-version-check
LOCK_VENV := .lock-venv

.PHONY: run test lint format install lock messages translations worker clean scaleout-check \
	bench bench-load bench-data

# Exactly the versions in requirements.lock (what CI tested), then the project itself;
# `pip check` fails when the lock no longer satisfies pyproject.toml (run `make lock`).
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	$(PIP) check
	touch $(STAMP)

install: $(STAMP)

# Resolve pyproject.toml's dependencies (runtime and dev) afresh, in a throwaway venv, to the
# newest versions it allows, and write them to requirements.lock. Then `make install test`.
lock:
	rm -rf $(LOCK_VENV)
	python3 -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[dev]'
	{ echo "# Written by \`make lock\` from pyproject.toml (runtime and dev); do not edit."; \
	  $(LOCK_VENV)/bin/pip freeze --exclude-editable; } > requirements.lock
	rm -rf $(LOCK_VENV)

translations: install
	$(DEV_ENV) $(PY) manage.py compile_translations --verbosity 0

run: translations
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py seed_demo
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: translations
	$(DEV_ENV) $(PY) manage.py db_worker

# Two gunicorn instances on loopback against DATABASE_URL (and REDIS_URL) share a session,
# a report and a login lock-out. Loads the demo data: use a demo database.
scaleout-check: translations
	$(DEV_ENV) $(PY) manage.py scaleout_check

test: translations
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Regenerate the catalogues from the code (needs GNU gettext's xgettext).
messages: install
	DEBUG=1 $(PY) manage.py makemessages --locale nb --locale en --no-obsolete --no-location --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'tests/*'
	msgen --output-file=clinic/locale/en/LC_MESSAGES/django.po clinic/locale/en/LC_MESSAGES/django.po

# Benchmark (README "Benchmark"): PostgreSQL, gunicorn with DEBUG off, synthetic patients.
BENCH_PATIENTS ?= 100000
BENCH_DB := $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/bench)
BENCH_ENV := DATABASE_URL=$(BENCH_DB) DEBUG=0 SECRET_KEY=$${SECRET_KEY:-bench-only-secret-key}

bench-data: translations
	$(BENCH_ENV) $(PY) manage.py migrate --noinput
	$(BENCH_ENV) $(PY) manage.py seed_demo --force
	$(BENCH_ENV) $(PY) manage.py seed_bench --patients $(BENCH_PATIENTS)

bench: bench-data
	$(BENCH_ENV) $(PY) manage.py bench $(BENCH_ARGS)

bench-load: bench-data
	$(BENCH_ENV) $(PY) manage.py bench --load-only $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(LOCK_VENV) staticfiles .pytest_cache
