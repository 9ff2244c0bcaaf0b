"""Background link check of the library (``commun.taches``), offline-tolerant.

A dead link is flagged with the date it was first seen dead and stays published (staff
decide); an unreachable one (no network, timeout, 5xx) changes nothing but the detail: a
machine without internet never marks the whole library dead.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from essaim.commun.taches import lancer, tache

from ..enums import EtatLien, StatutRessource
from ..models import Ressource
from ..providers import liens

# A published item's link is checked again after this many days.
JOURS_ENTRE_VERIFICATIONS = 30


def appliquer_resultat(ressource_id: int, resultat: liens.ResultatLien, maintenant=None) -> str:
    """Store a check's result with a narrow UPDATE (no history row, no clash with an edit)."""
    maintenant = maintenant or timezone.now()
    champs = {"lien_detail": resultat.detail[:200]}
    if resultat.etat == EtatLien.MORT:
        deja = Ressource.objects.filter(pk=ressource_id, lien_mort_depuis__isnull=False).exists()
        champs.update(etat_lien=EtatLien.MORT, lien_verifie_le=maintenant)
        if not deja:
            champs["lien_mort_depuis"] = maintenant
    elif resultat.etat == EtatLien.VALIDE:
        champs.update(etat_lien=EtatLien.VALIDE, lien_verifie_le=maintenant, lien_mort_depuis=None)
    else:
        # Unreachable: the last known state (valid or dead, with its date) stays; an item never
        # checked says why it is not.
        Ressource.objects.filter(pk=ressource_id, etat_lien=EtatLien.NON_VERIFIE).update(
            etat_lien=EtatLien.INJOIGNABLE
        )
    Ressource.objects.filter(pk=ressource_id).update(**champs)
    return resultat.etat


@tache
def verifier_liens(travail, ids=None):
    """Check the links of the given items (all items with a URL when ``ids`` is None)."""
    qs = Ressource.objects.exclude(url="").exclude(statut=StatutRessource.ARCHIVEE)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    lignes = list(qs.values_list("pk", "url"))
    bilan = {EtatLien.VALIDE: 0, EtatLien.MORT: 0, EtatLien.INJOIGNABLE: 0}
    for i, (pk, url) in enumerate(lignes, start=1):
        bilan[appliquer_resultat(pk, liens.verifier(url))] += 1
        travail.avancer(i, len(lignes))
    return {"verifies": len(lignes), **{str(k): v for k, v in bilan.items()}}


def a_verifier(maintenant=None):
    """Items whose link was never checked or not for ``JOURS_ENTRE_VERIFICATIONS`` days."""
    limite = (maintenant or timezone.now()) - timedelta(days=JOURS_ENTRE_VERIFICATIONS)
    return Ressource.objects.exclude(url="").exclude(statut=StatutRessource.ARCHIVEE).filter(
        lien_verifie_le__isnull=True
    ) | Ressource.objects.exclude(url="").exclude(statut=StatutRessource.ARCHIVEE).filter(
        lien_verifie_le__lt=limite
    )


def lancer_verification(ids, user=None):
    return lancer(verifier_liens, "Vérification des liens de la bibliothèque", user=user, ids=list(ids))


def verifier_apres_validation(ids):
    """Queue a check once the transaction commits (the worker must see the rows)."""
    ids = list(ids)
    transaction.on_commit(lambda: lancer_verification(ids))
