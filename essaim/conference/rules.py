"""Permissions of the conference module (see essaim.commun.permissions)."""

import rules

from essaim.commun.permissions import est_gestionnaire_de, peut_gerer_la_region, peut_lire_tableaux_de_bord

# Object: a Conference (or anything with region_code).
rules.add_perm("conference.gerer_conference", peut_gerer_la_region)
rules.add_perm("conference.consolider", peut_gerer_la_region)
rules.add_perm("conference.suivre", peut_lire_tableaux_de_bord)
# Object: an Atelier — its organisers (responsables) or the région's staff.
rules.add_perm("conference.gerer_atelier", peut_gerer_la_region | est_gestionnaire_de)
rules.add_perm("conference.emarger", peut_gerer_la_region | est_gestionnaire_de)
rules.add_perm("conference.deposer_fiche", peut_gerer_la_region | est_gestionnaire_de)
rules.add_perm("conference.valider_fiche", peut_gerer_la_region)
