"""Keep the map/search index in step with the directory (see annuaire.models' contract).

Inside ``essaim.commun.lots.lot()`` (imports, demo data) each structure is re-indexed once,
when the batch ends, instead of after every save and many-to-many change."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from essaim.annuaire.models import Structure
from essaim.commun.lots import differer

from .services.indexation import desindexer, indexer


@receiver(post_save, sender=Structure, dispatch_uid="carte_structure_enregistree")
def structure_enregistree(sender, instance, raw=False, **kwargs):
    if not raw:
        differer(indexer, instance.pk)


@receiver(post_delete, sender=Structure, dispatch_uid="carte_structure_supprimee")
def structure_supprimee(sender, instance, **kwargs):
    desindexer(instance.pk)


def _m2m(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # e.g. theme.structures.add(...): re-index every structure touched
        for pk in pk_set or []:
            differer(indexer, pk)
    elif isinstance(instance, Structure):
        differer(indexer, instance.pk)


for _champ in ("themes", "transitions", "agrements"):
    m2m_changed.connect(_m2m, sender=getattr(Structure, _champ).through, dispatch_uid=f"carte_m2m_{_champ}")
