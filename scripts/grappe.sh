#!/usr/bin/env bash
# Several stateless app servers sharing one PostgreSQL and one Redis, with task workers:
# the layout of a deployment where one machine is not enough, on one machine's loopback.
#
#   DATABASE_URL=postgres://essaim@127.0.0.1/essaim REDIS_URL=redis://127.0.0.1:6379/0 \
#   SECRET_KEY=… scripts/grappe.sh
#
# Starts SERVEURS gunicorn servers (default 2) on PORT, PORT+1… (default 8001; or the ports
# listed in PORTS="8001 8002"), each with WEB_CONCURRENCY workers (default 2), and WORKERS
# task workers (default 2), all with the production settings. A load balancer (nginx
# upstream, HAProxy) spreads requests over the ports; any server may serve any request:
# the rate-limit counters live in Redis (CACHE_KEY_PREFIX separates instances
# sharing a Redis), records and sessions in PostgreSQL, the map's in-memory columns follow the index
# journal, and the task queue is a PostgreSQL table that workers read with SKIP LOCKED
# (each job runs once, whichever worker takes it). Ctrl+C or TERM stops everything.
# Set SANS_PREPARATION=1 to skip migrate / createcachetable / collectstatic (done elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

: "${DATABASE_URL:?DATABASE_URL (PostgreSQL) est obligatoire : une seule base pour tous les serveurs}"
: "${REDIS_URL:?REDIS_URL est obligatoire : limites de débit partagées entre serveurs}"
case "$DATABASE_URL" in postgres*) ;; *) echo "grappe.sh : DATABASE_URL doit être PostgreSQL" >&2; exit 1 ;; esac
export DJANGO_SETTINGS_MODULE=essaim.settings.production
: "${SECRET_KEY:?SECRET_KEY est obligatoire (la même pour tous les serveurs)}"

SERVEURS="${SERVEURS:-2}"
PORT="${PORT:-8001}"
if [ -z "${PORTS:-}" ]; then
  PORTS=$(seq "$PORT" $((PORT + SERVEURS - 1)) | tr '\n' ' ')
fi

if [ -z "${SANS_PREPARATION:-}" ]; then
  "$PY" manage.py migrate --noinput -v0
  "$PY" manage.py createcachetable
  "$PY" manage.py collectstatic --noinput -v0
fi

PIDS=()
arreter() { kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap arreter EXIT INT TERM

for i in $(seq 1 "${WORKERS:-2}"); do
  "$PY" manage.py db_worker --interval 0.2 &
  PIDS+=($!)
done
for p in $PORTS; do
  .venv/bin/gunicorn essaim.wsgi -c python:essaim.gunicorn_conf --bind "127.0.0.1:$p" \
    --workers "${WEB_CONCURRENCY:-2}" --no-control-socket --access-logfile - &
  PIDS+=($!)
done
echo "grappe : serveurs sur ${PORTS}; ${WORKERS:-2} workers de tâches"
wait
