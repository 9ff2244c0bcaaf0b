"""One history entry per user action.

django-simple-history writes an entry on every save and on every M2M change, each entry
copying all seven tracked M2M relations: editing a record would write eight entries. Inside
``une_seule_entree`` the record is held by ``commun.lots.lot``: intermediate saves are
silent and do not re-sync the main place; the final save writes one entry holding the final
state (fields, M2M, main place), and the map re-indexes the record once."""

from contextlib import contextmanager

from essaim.commun.lots import lot


@contextmanager
def une_seule_entree(structure, auteur=None, raison: str | None = None):
    with lot():
        with lot(structure):
            if structure.pk is None:
                structure.save()
            yield structure
        if auteur is not None and getattr(auteur, "is_authenticated", False):
            structure._history_user = auteur
        if raison:
            structure._change_reason = raison
        structure.save()
