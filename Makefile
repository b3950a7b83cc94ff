# The two commands a newcomer needs: `make run` and `make test`.
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# Development settings for the local server; production sets these itself.
DEV_ENV := DEBUG=$${DEBUG:-1}

.PHONY: run test lint format install messages translations worker clean bench bench-load bench-data

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

translations: install
	$(DEV_ENV) $(PY) manage.py compile_translations --verbosity 0

run: translations
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py seed_demo
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: translations
	$(DEV_ENV) $(PY) manage.py db_worker

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
	rm -rf $(VENV) staticfiles .pytest_cache
