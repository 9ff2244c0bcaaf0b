"""Permissions of the directory (the one mechanism: essaim.commun.permissions)."""

import rules

from essaim.commun.permissions import (
    est_administrateur,
    est_charge_mission,
    est_connecte,
    est_gestionnaire_de,
    peut_gerer_la_region,
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
