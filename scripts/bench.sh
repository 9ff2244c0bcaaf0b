#!/usr/bin/env bash
# `make bench`: every benchmark of the project, each printing a table and writing CSV to var/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/bench
shopt -s nullglob
benches=(essaim/*/bench/bench_*.py)
if [ ${#benches[@]} -eq 0 ]; then
  echo "Aucun benchmark pour l'instant."
  exit 0
fi
for b in "${benches[@]}"; do
  module="${b%.py}"; module="${module//\//.}"
  echo "== $module"
  .venv/bin/python -m "$module" "$@"
done
