"""Batching of derived work (index updates, caches) triggered by signals.

Signal receivers call ``differer(fonction, cle)`` instead of ``fonction(cle)``. Outside a
batch it runs at once; inside ``with lot():`` each distinct (fonction, cle) runs once, when
the outermost batch ends. Bulk writers (imports, demo data, merges) open a batch without
knowing who listens: an import of 1,000 records then re-indexes each record once instead
of after every save and every many-to-many change.
"""

import threading
from collections.abc import Callable
from contextlib import contextmanager

_etat = threading.local()


def _en_attente() -> dict | None:
    return getattr(_etat, "attente", None)


@contextmanager
def lot():
    exterieur = _en_attente() is None
    if exterieur:
        _etat.attente = {}
    try:
        yield
    except BaseException:
        if exterieur:
            _etat.attente = None
        raise
    if exterieur:
        try:
            # Work queued while flushing (a receiver saving another object) runs too.
            while _etat.attente:
                attente, _etat.attente = _etat.attente, {}
                for fonction, cle in attente:
                    fonction(cle)
        finally:
            _etat.attente = None


def differer(fonction: Callable, cle) -> None:
    attente = _en_attente()
    if attente is None:
        fonction(cle)
    else:
        attente[(fonction, cle)] = None
