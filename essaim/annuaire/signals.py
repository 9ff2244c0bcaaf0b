"""Keep a structure's denormalised main place (commune, région, coordinates) in sync.

Saved through ``Structure.save()`` so that ``essaim.carte`` (which listens to ``post_save``
on Structure) re-indexes it. History is skipped: the change is already in Lieu's history.
"""

from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Lieu, Structure

# Structures being saved inside historisation.une_seule_entree: their final save copies the
# main place anyway, so the per-place re-sync (one more save, one more re-index) is skipped.
SYNCHRO_DIFFEREE: ContextVar[frozenset] = ContextVar("synchro_differee", default=frozenset())


def synchroniser_lieu_principal(structure: Structure):
    lieu = structure.lieux.filter(principal=True).first() or structure.lieux.order_by("pk").first()
    valeurs = {
        "commune_id": lieu.commune_id if lieu else None,
        "region_id": lieu.commune.region_id if lieu else None,
        "latitude": lieu.latitude if lieu else None,
        "longitude": lieu.longitude if lieu else None,
    }
    if lieu is None and structure.commune_id is None:
        return
    if all(getattr(structure, cle) == valeur for cle, valeur in valeurs.items()):
        return
    for cle, valeur in valeurs.items():
        setattr(structure, cle, valeur)
    structure.skip_history_when_saving = True
    try:
        structure.save(update_fields=["commune", "region", "latitude", "longitude", "modifie_le"])
    finally:
        del structure.skip_history_when_saving


@receiver(post_save, sender=Lieu)
def lieu_enregistre(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.principal:
        # Only one principal place per structure.
        Lieu.objects.filter(structure_id=instance.structure_id, principal=True).exclude(
            pk=instance.pk
        ).update(principal=False)
    if instance.structure_id not in SYNCHRO_DIFFEREE.get():
        synchroniser_lieu_principal(Structure.objects.get(pk=instance.structure_id))


@receiver(post_delete, sender=Lieu)
def lieu_supprime(sender, instance, **kwargs):
    structure = Structure.objects.filter(pk=instance.structure_id).first()
    if structure is not None:
        synchroniser_lieu_principal(structure)
