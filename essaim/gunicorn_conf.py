"""Gunicorn settings shared by `make serve` and the benchmarks (`-c python:essaim.gunicorn_conf`)."""


def post_worker_init(worker):
    # Load the map's in-memory filter columns before the first request, not during it
    # (a few seconds at a million structures; see essaim/carte/services/memoire.py).
    from django.db import connection

    from essaim.carte import lecture

    try:
        lecture.precharger()
    except Exception:  # an empty or not yet migrated database must not stop the worker
        worker.log.exception("Préchargement des colonnes de la carte impossible")
    finally:
        connection.close()
