"""Freshness: records not confirmed for a while trigger a reminder to their managers."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from essaim.commun.courriels import envoyer as envoyer_courriel

from .. import courriels
from ..enums import StatutStructure
from ..models import ReglageRegion, Structure

DELAI_DEFAUT_JOURS = 365
INTERVALLE_RAPPELS_JOURS = 30


def structures_a_rappeler(jours: int | None = None, maintenant=None):
    """Published records with managers, unconfirmed for ``jours`` days (or the région's own
    delay when None), not reminded in the last 30 days."""
    maintenant = maintenant or timezone.now()
    delais = dict(ReglageRegion.objects.values_list("region_id", "delai_fraicheur_jours"))
    base = Structure.objects.filter(statut=StatutStructure.PUBLIEE, gestionnaires__isnull=False).filter(
        Q(rappel_envoye_le__isnull=True)
        | Q(rappel_envoye_le__lt=maintenant - timedelta(INTERVALLE_RAPPELS_JOURS))
    )
    resultats = []
    for structure in base.distinct().select_related("region"):
        delai = jours if jours is not None else delais.get(structure.region_id, DELAI_DEFAUT_JOURS)
        reference = structure.confirme_le or structure.cree_le
        if reference < maintenant - timedelta(days=delai):
            resultats.append(structure)
    return resultats


def envoyer_rappels(jours: int | None = None, dry_run: bool = False, base_url: str = "") -> list[Structure]:
    structures = structures_a_rappeler(jours)
    if dry_run:
        return structures
    for structure in structures:
        lien = base_url.rstrip("/") + reverse("annuaire:modifier", args=[structure.slug])
        envoyer_courriel(
            "annuaire/courriels/rappel_fraicheur",
            courriels.emails_gestionnaires(structure),
            {"structure": structure, "lien": lien},
        )
        Structure.objects.filter(pk=structure.pk).update(rappel_envoye_le=timezone.now())
    return structures
