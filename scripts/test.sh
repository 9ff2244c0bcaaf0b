#!/usr/bin/env bash
# What `make test` and CI run: ruff, migrations check, deploy check, pytest on SQLite then PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

etape() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# pytest exits 5 when it collected no test: for this suite that means broken discovery,
# so it is an error, reported as such rather than as a generic failure.
lancer_pytest() {
  local code=0
  "$@" || code=$?
  if [ "$code" -eq 5 ]; then
    echo "ERREUR : pytest n'a collecté aucun test (code 5)." >&2
    return 1
  fi
  return "$code"
}

etape "ruff (lint et format)"
"$PY" -m ruff check .
"$PY" -m ruff format --check .

etape "migrations à jour"
"$PY" manage.py makemigrations --check --dry-run

etape "check --deploy (réglages de production)"
DJANGO_SETTINGS_MODULE=essaim.settings.production SECRET_KEY="$(head -c 48 /dev/urandom | base64)" \
  ALLOWED_HOSTS=essaim.example.org "$PY" manage.py check --deploy --fail-level WARNING

etape "pytest sur SQLite"
# shellcheck disable=SC2086
lancer_pytest env -u DATABASE_URL "$PY" -m pytest --cov --cov-report=term:skip-covered ${PYTEST_ARGS:-}

PG_URL="${DATABASE_URL:-}"
if [ -z "$PG_URL" ] && "$PY" -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; then
  PG_URL="postgres://postgres@127.0.0.1:5432/essaim"
fi
if [ -n "$PG_URL" ]; then
  etape "pytest sur PostgreSQL ($PG_URL)"
  # shellcheck disable=SC2086
  # Tests marked une_fois do not depend on the database engine: the SQLite pass ran them.
  lancer_pytest env DATABASE_URL="$PG_URL" "$PY" -m pytest -m "not une_fois" ${PYTEST_ARGS:-}
elif [ "${CI:-}" = "true" ]; then
  echo "ERREUR : PostgreSQL est obligatoire en CI et ne répond pas sur 127.0.0.1:5432." >&2
  exit 1
else
  etape "PostgreSQL absent : tests PostgreSQL sautés (définir DATABASE_URL pour les lancer)"
fi
