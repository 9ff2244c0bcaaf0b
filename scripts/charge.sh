#!/usr/bin/env bash
# `make charge`: the production stack (gunicorn + task worker, production settings) on a free
# loopback port, with the demo data in a var dir of its own (var/charge, or ESSAIM_VAR_DIR),
# then scripts/charge.py against it. CLIENTS, DUREE, SCENARIO, WEB_CONCURRENCY and
# DATABASE_URL (default: SQLite in that var dir) can be set in the environment.
# SCENARIO=ecritures (NOMBRE structures generated meanwhile) runs scripts/charge_ecritures.py.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

# SCENARIO=ecritures: writes during a bulk job on SQLite (issue 20), on a database of its own.
if [ "${SCENARIO:-}" = "ecritures" ]; then
  exec "$PY" scripts/charge_ecritures.py --visiteurs "${CLIENTS:-12}" --nombre "${NOMBRE:-150000}"
fi

export DJANGO_SETTINGS_MODULE=essaim.settings.production
export ESSAIM_VAR_DIR="${ESSAIM_VAR_DIR:-$PWD/var/charge}"
export SECRET_KEY="${SECRET_KEY:-charge-$(head -c 24 /dev/urandom | base64)}"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false
export API_ANON_RATE="${API_ANON_RATE:-1000000/min}"  # the load comes from one address
mkdir -p "$ESSAIM_VAR_DIR"

"$PY" manage.py migrate --noinput -v0
"$PY" manage.py createcachetable
"$PY" manage.py preparer >/dev/null
"$PY" manage.py collectstatic --noinput -v0
PORT=$("$PY" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")

"$PY" manage.py db_worker >"$ESSAIM_VAR_DIR/worker.log" 2>&1 & WORKER=$!
.venv/bin/gunicorn essaim.wsgi -c python:essaim.gunicorn_conf --bind "127.0.0.1:$PORT" \
  --workers "${WEB_CONCURRENCY:-3}" --no-control-socket >"$ESSAIM_VAR_DIR/gunicorn.log" 2>&1 & SERVEUR=$!
trap 'kill $SERVEUR $WORKER 2>/dev/null; wait 2>/dev/null' EXIT INT TERM
for _ in $(seq 1 100); do
  "$PY" -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null && break
  sleep 0.3
done
echo "gunicorn (${WEB_CONCURRENCY:-3} workers, réglages de production) sur http://127.0.0.1:$PORT"
"$PY" scripts/charge.py --url "http://127.0.0.1:$PORT" --clients "${CLIENTS:-50}" \
  --duree "${DUREE:-60}" --scenario "${SCENARIO:-lectures}"
