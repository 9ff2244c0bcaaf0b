"""Gunicorn settings shared by `make serve` and the benchmarks (`-c python:essaim.gunicorn_conf`)."""

import contextlib
import ctypes

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3


def _allocation_rendue():
    # Large temporary arrays (text queries over hundreds of thousands of matches) are
    # mmap-ed and given back when freed, instead of glibc's dynamic threshold keeping them
    # in the heap: the worker's resident memory stays close to what it really holds.
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, 256 * 1024)
        libc.mallopt(M_TRIM_THRESHOLD, 1024 * 1024)


def post_worker_init(worker):
    # Load the map's in-memory filter columns before the first request, not during it
    # (a few seconds at a million structures; see essaim/carte/services/memoire.py).
    from django.db import connection

    from essaim.carte.services import memoire

    _allocation_rendue()
    try:
        memoire.colonnes()
    except Exception:  # an empty or not yet migrated database must not stop the worker
        worker.log.exception("Préchargement des colonnes de la carte impossible")
    finally:
        connection.close()
