"""Keep a structure's denormalised main place (commune, région, coordinates) in sync.

Saved through ``Structure.save()`` so that ``essaim.carte`` (which listens to ``post_save``
on Structure) re-indexes it. History is skipped: the change is already in Lieu's history.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from essaim.commun.lots import est_retenu, lot

from .models import Lieu, Structure


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
    with lot(structure):
        structure.save(update_fields=["commune", "region", "latitude", "longitude", "modifie_le"])


@receiver(post_save, sender=Lieu)
def lieu_enregistre(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.principal:
        # Only one principal place per structure.
        Lieu.objects.filter(structure_id=instance.structure_id, principal=True).exclude(
            pk=instance.pk
        ).update(principal=False)
    # A held structure (``commun.lots.lot(structure)``) is saved again after its block, and
    # that final save copies the main place: no re-sync (one more save, one more re-index).
    if not est_retenu(Structure, instance.structure_id):
        synchroniser_lieu_principal(Structure.objects.get(pk=instance.structure_id))


@receiver(post_delete, sender=Lieu)
def lieu_supprime(sender, instance, **kwargs):
    structure = Structure.objects.filter(pk=instance.structure_id).first()
    if structure is not None:
        synchroniser_lieu_principal(structure)
