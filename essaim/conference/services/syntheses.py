"""Synthesis sheets of workshops: filing by the organisers, validation by CRESS staff.

The status rules (``StatutFiche.transitions``) live here and in the enum, not in views."""

from django.db import transaction
from django.utils import timezone

from essaim.commun.statuts import changer_statut

from ..enums import StatutFiche
from .editions import bornes_edition


def modifiable_par(fiche, user, atelier) -> bool:
    """A validated sheet is frozen for its organisers; CRESS staff may still edit it."""
    return fiche.statut != StatutFiche.VALIDEE or user.has_perm("conference.valider_fiche", atelier)


@transaction.atomic
def enregistrer(atelier, form, projets, ressources, auteur):
    """Save the sheet and its inline lists; the first save files it (draft → filed).

    A sheet filed after the edition's end is accepted but flagged ``en_retard``, shown beside
    its status on the workshop page and filterable in the admin (nothing is lost)."""
    fiche = form.save(commit=False)
    if fiche.statut == StatutFiche.BROUILLON:
        fiche.deposee_le = timezone.now()
        fiche.auteur = auteur
        fiche.en_retard = timezone.localdate() > bornes_edition(atelier.conference)[1]
        if fiche.pk is None:
            fiche.save()
        changer_statut(fiche, StatutFiche.DEPOSEE, par=auteur)
    else:
        fiche.save()
    projets.instance = ressources.instance = fiche
    projets.save()
    ressources.save()
    return fiche


def valider(fiche, par):
    return changer_statut(fiche, StatutFiche.VALIDEE, par=par, validee_par=par, validee_le=timezone.now())
