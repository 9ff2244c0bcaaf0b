"""Permissions of the resource library (the one mechanism: essaim.commun.permissions)."""

import rules
from django.db.models import Q

from essaim.commun.permissions import (
    est_administrateur,
    est_charge_mission,
    est_connecte,
    est_gestionnaire_de,
    filtrer_par_region,
    perimetre_de,
    peut_gerer_la_region,
)

from .enums import StatutRessource
from .models import Ressource


@rules.predicate
def est_publiee(user, ressource):
    return bool(ressource is not None and ressource.est_publiee)


@rules.predicate
def n_est_pas_publiee(user, ressource):
    return bool(ressource is not None and not ressource.est_publiee)


# Seeing an item: everyone once published; before that, who proposed it and its région's staff.
rules.add_perm("ressources.voir_ressource", est_publiee | est_gestionnaire_de | peut_gerer_la_region)
# Any logged-in person proposes; who proposed may correct until publication; staff curates.
rules.add_perm("ressources.proposer_ressource", est_connecte)
rules.add_perm(
    "ressources.modifier_ressource", (est_gestionnaire_de & n_est_pas_publiee) | peut_gerer_la_region
)
rules.add_perm("ressources.moderer_ressource", peut_gerer_la_region)
rules.add_perm("ressources.voir_historique", peut_gerer_la_region)
# The moderation page lists the work of the user's régions.
rules.add_perm("ressources.acceder_moderation", est_administrateur | est_charge_mission)


@perimetre_de("ressources.Ressource")
def ressources_gerables(user, qs=None):
    """Items the user may moderate and curate: those of their régions."""
    return filtrer_par_region(Ressource.objects.all() if qs is None else qs, user, "region")


def ressources_visibles(user, qs=None):
    """Items the user may see (``ressources.voir_ressource``): published ones, the ones they
    proposed, and every item of the régions they act on."""
    qs = Ressource.objects.all() if qs is None else qs
    filtre = Q(statut=StatutRessource.PUBLIEE) | Q(pk__in=ressources_gerables(user).values("pk"))
    if user.is_authenticated:
        filtre |= Q(propose_par=user)
    return qs.filter(filtre)
