#!/usr/bin/env bash
# What `make test` and CI run: ruff, migrations check, deploy check, then pytest on SQLite and
# on PostgreSQL at the same time (pytest-xdist in each), each line prefixed by its database.
#
#   PYTEST_ARGS="-x --lf" make test     extra pytest arguments for both passes
#   TEST_TRAVAILLEURS=2 make test       xdist workers per pass (default: half the cores, at least 1)
#   DATABASE_URL=postgres://…/essaim_moi make test   the PostgreSQL database (default: essaim on :5432)
#   COUVERTURE=1 make test             with the coverage report (SQLite pass)
#
# Both passes overlap because on a 2-core machine one pass leaves a core idle while its
# PostgreSQL server or browser waits; running them side by side with one worker each keeps both
# cores busy without paying the database setup (migrations, 35,000 communes) in extra workers.
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

PG_URL="${DATABASE_URL:-}"
if [ -z "$PG_URL" ] && "$PY" -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; then
  PG_URL="postgres://postgres@127.0.0.1:5432/essaim"
fi
if [ -z "$PG_URL" ] && [ "${CI:-}" = "true" ]; then
  echo "ERREUR : PostgreSQL est obligatoire en CI et ne répond pas sur 127.0.0.1:5432." >&2
  exit 1
fi

COEURS="$(nproc 2>/dev/null || echo 2)"
PASSES=1
[ -n "$PG_URL" ] && PASSES=2
TRAVAILLEURS="${TEST_TRAVAILLEURS:-$((COEURS / PASSES > 0 ? COEURS / PASSES : 1))}"
CODES="$(mktemp -d)"
trap 'rm -rf "$CODES"' EXIT

# One pass: its exit code goes to $CODES/<name>, its output is prefixed with [<name>].
passe() {
  local nom=$1 debut=$SECONDS
  shift
  {
    if lancer_pytest "$@" 2>&1; then echo 0 >"$CODES/$nom"; else echo $? >"$CODES/$nom"; fi
    echo "durée : $((SECONDS - debut)) s"
  } | sed -u "s/^/[$nom] /"
}

XDIST=(-n "$TRAVAILLEURS" --dist loadfile)
if [ -n "$PG_URL" ]; then
  etape "pytest sur SQLite et sur PostgreSQL ($PG_URL) en même temps, $TRAVAILLEURS travailleur(s) chacun"
else
  etape "pytest sur SQLite, $TRAVAILLEURS travailleur(s) (PostgreSQL absent : définir DATABASE_URL pour ses tests)"
fi
# Tests marked une_fois do not depend on the database engine: the SQLite pass runs them, except
# those marked passe_postgresql, which balance the PostgreSQL pass. Browser tests check what
# people see and do in a page (engine-specific rules are covered by the HTTP tests of both
# passes): they run once, in the SQLite pass. Measured on 2026-12-02, quiet 2-core machine,
# 1,580 tests: SQLite 535 s and PostgreSQL 545 s with browser tests in both passes.
# Coverage is opt-in (COUVERTURE=1 make test): it slows the in-process tests by about a third.
SELECTION_SQLITE=()
[ -n "$PG_URL" ] && SELECTION_SQLITE=(-m "not passe_postgresql")
COUVERTURE_ARGS=()
[ -n "${COUVERTURE:-}" ] && COUVERTURE_ARGS=(--cov --cov-report=term:skip-covered)
DUREES=(--durations=15 --durations-min=5)
passe sqlite env -u DATABASE_URL "$PY" -m pytest "${XDIST[@]}" -o cache_dir=.pytest_cache/sqlite \
  "${COUVERTURE_ARGS[@]}" "${DUREES[@]}" "${SELECTION_SQLITE[@]}" ${PYTEST_ARGS:-} &
if [ -n "$PG_URL" ]; then
  # shellcheck disable=SC2086
  passe postgresql env DATABASE_URL="$PG_URL" "$PY" -m pytest "${XDIST[@]}" -o cache_dir=.pytest_cache/postgresql \
    "${DUREES[@]}" -m "(not une_fois and not navigateur) or passe_postgresql" ${PYTEST_ARGS:-} &
fi
wait

echec=0
for fichier in "$CODES"/*; do
  code="$(cat "$fichier")"
  if [ "$code" -ne 0 ]; then
    echo "ÉCHEC : pytest sur $(basename "$fichier") (code $code)" >&2
    echec=1
  fi
done
[ "$(find "$CODES" -type f | wc -l)" -eq "$PASSES" ] || { echo "ERREUR : une passe pytest n'a pas rendu de code." >&2; exit 1; }
exit "$echec"
