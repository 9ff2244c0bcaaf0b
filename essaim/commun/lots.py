"""The one mechanism that defers work triggered by saves during bulk operations.

``with lot():`` opens a batch. Signal receivers call ``differer(fonction, cle)`` instead of
``fonction(cle)``: outside a batch it runs at once; inside, each distinct (fonction, cle)
runs once, when the outermost batch ends. Bulk writers (imports, demo data, merges) open a
batch without knowing who listens: an import of 1,000 records then re-indexes each record
once instead of after every save and every many-to-many change.

``with lot(objet, ...):`` also *holds* those objects for the block: their saves write no
history entry (django-simple-history's ``skip_history_when_saving``) and receivers that
keep a copy in step skip them (``est_retenu``), because the caller saves each held object
once more after the block, with its final state and one history entry.

State lives in ``ContextVar``s, so threads and asynchronous tasks each see their own batch.
A block that raises drops its pending work: the enclosing transaction rolls back the
writes that would have triggered it.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

_attente: ContextVar[dict | None] = ContextVar("essaim_lot_attente", default=None)
_retenus: ContextVar[tuple] = ContextVar("essaim_lot_retenus", default=())


@contextmanager
def lot(*retenus):
    jeton_attente = _attente.set({}) if _attente.get() is None else None
    jeton_retenus = _retenus.set(_retenus.get() + retenus) if retenus else None
    # An object already held by an enclosing block stays silent until that block ends.
    a_relacher = [o for o in retenus if not getattr(o, "skip_history_when_saving", False)]
    for objet in a_relacher:
        objet.skip_history_when_saving = True
    try:
        yield
    except BaseException:
        if jeton_attente is not None:
            _attente.reset(jeton_attente)
            jeton_attente = None
        raise
    finally:
        for objet in a_relacher:
            del objet.skip_history_when_saving
        if jeton_retenus is not None:
            _retenus.reset(jeton_retenus)
    if jeton_attente is not None:
        attente = _attente.get()
        try:
            # Work queued while flushing (a receiver saving another object) runs too.
            while attente:
                courante = list(attente)
                attente.clear()
                for fonction, cle in courante:
                    fonction(cle)
        finally:
            _attente.reset(jeton_attente)


def differer(fonction: Callable, cle) -> None:
    attente = _attente.get()
    if attente is None:
        fonction(cle)
    else:
        attente[(fonction, cle)] = None


def est_retenu(modele: type, pk) -> bool:
    """Whether an instance of ``modele`` with this primary key is held by an enclosing
    ``lot(...)`` (held objects may get their primary key inside the block)."""
    return pk is not None and any(isinstance(o, modele) and o.pk == pk for o in _retenus.get())
