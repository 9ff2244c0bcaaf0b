"""Permissions of the directory (the one mechanism: essaim.commun.permissions)."""

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

from .enums import StatutStructure
from .models import (
    Gestion,
    ImportStructures,
    Lieu,
    ModificationEnAttente,
    ReglageRegion,
    Revendication,
    Signalement,
    Structure,
)


@rules.predicate
def est_publiee(user, structure):
    return bool(structure is not None and structure.est_publiee)


# Seeing a record: everyone once published; before that, its managers and its région's staff.
rules.add_perm("annuaire.voir_structure", est_publiee | est_gestionnaire_de | peut_gerer_la_region)
rules.add_perm("annuaire.modifier_structure", est_gestionnaire_de | peut_gerer_la_region)
rules.add_perm("annuaire.voir_historique", est_gestionnaire_de | peut_gerer_la_region)
rules.add_perm("annuaire.moderer_structure", peut_gerer_la_region)
rules.add_perm("annuaire.restaurer_version", peut_gerer_la_region)
rules.add_perm("annuaire.fusionner_structures", peut_gerer_la_region)
rules.add_perm("annuaire.revendiquer_structure", est_connecte & est_publiee & ~est_gestionnaire_de)
rules.add_perm("annuaire.inscrire_structure", est_connecte)
# Pages listing the work of several régions (the queue filters by the user's régions).
rules.add_perm("annuaire.acceder_moderation", est_administrateur | est_charge_mission)
rules.add_perm("annuaire.importer_structures", est_administrateur | est_charge_mission)


# --- What the user may see and list (querysets beside the rules above) ---------------------


@perimetre_de("annuaire.Structure")
def structures_gerables(user, qs=None):
    """Records the user may moderate, import over, merge: those of their régions."""
    return filtrer_par_region(Structure.objects.all() if qs is None else qs, user, "region")


def structures_visibles(user, qs=None):
    """Records the user may see (``annuaire.voir_structure``): published ones, the ones they
    manage, and every record of the régions they act on."""
    qs = Structure.objects.all() if qs is None else qs
    filtre = Q(statut=StatutStructure.PUBLIEE) | Q(pk__in=structures_gerables(user).values("pk"))
    if user.is_authenticated:
        filtre |= Q(gestions__utilisateur=user)
    return qs.filter(filtre).distinct()


def _par_structure(modele):
    def gerables(user, qs=None):
        return filtrer_par_region(modele.objects.all() if qs is None else qs, user, "structure__region")

    gerables.__name__ = f"{modele.__name__.lower()}s_gerables"
    return perimetre_de(modele._meta.label)(gerables)


lieux_gerables = _par_structure(Lieu)
gestions_gerables = _par_structure(Gestion)
revendications_gerables = _par_structure(Revendication)
signalements_gerables = _par_structure(Signalement)
modifications_gerables = _par_structure(ModificationEnAttente)


@perimetre_de("annuaire.ReglageRegion")
def reglages_gerables(user, qs=None):
    return filtrer_par_region(ReglageRegion.objects.all() if qs is None else qs, user, "region")


@perimetre_de("annuaire.ImportStructures")
def imports_gerables(user, qs=None):
    return filtrer_par_region(ImportStructures.objects.all() if qs is None else qs, user, "region")
