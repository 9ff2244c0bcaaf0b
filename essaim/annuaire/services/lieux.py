"""Places of a record beyond the main one (edited with the record itself). Owners' changes
apply at once and flag the record for a staff check (places are facts, not claims)."""

from django.db import transaction

from essaim.commun.permissions import peut

from ..models import Lieu, Structure
from . import geocodage


def _apres_changement(structure: Structure, auteur):
    if not peut(auteur, "annuaire.moderer_structure", structure):
        Structure.objects.filter(pk=structure.pk).update(a_controler=True)


@transaction.atomic
def enregistrer_lieu(lieu: Lieu, auteur, adresse_changee: bool = True) -> Lieu:
    if adresse_changee or lieu.latitude is None:
        geocodage.geocoder_lieu(lieu, enregistrer=False)
    lieu.save()
    _apres_changement(lieu.structure, auteur)
    return lieu


@transaction.atomic
def supprimer_lieu(lieu: Lieu, auteur):
    structure = lieu.structure
    if lieu.principal:
        raise ValueError(
            "Le lieu principal ne peut pas être supprimé : désignez d'abord un autre lieu principal."
        )
    lieu.delete()
    _apres_changement(structure, auteur)


@transaction.atomic
def rendre_principal(lieu: Lieu, auteur):
    lieu.principal = True
    lieu.save()  # the signal unsets the previous main place and re-syncs the record
    _apres_changement(lieu.structure, auteur)
