"""One history entry per user action.

django-simple-history writes an entry on every save and on every M2M change, each entry
copying all seven tracked M2M relations: editing a record would write eight entries. Inside
``une_seule_entree`` the intermediate saves are silent; the final save writes one entry
holding the final state (fields, M2M, main place)."""

from contextlib import contextmanager


@contextmanager
def une_seule_entree(structure, auteur=None, raison: str | None = None):
    from ..signals import SYNCHRO_DIFFEREE

    structure.skip_history_when_saving = True
    jeton = None
    try:
        if structure.pk is None:
            structure.save()
        jeton = SYNCHRO_DIFFEREE.set(SYNCHRO_DIFFEREE.get() | {structure.pk})
        yield structure
    finally:
        if jeton is not None:
            SYNCHRO_DIFFEREE.reset(jeton)
        del structure.skip_history_when_saving
    if auteur is not None and getattr(auteur, "is_authenticated", False):
        structure._history_user = auteur
    if raison:
        structure._change_reason = raison
    structure.save()
