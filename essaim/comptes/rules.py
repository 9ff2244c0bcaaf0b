"""Permissions of the accounts module (see essaim.commun.permissions)."""

import rules

from essaim.commun.permissions import (
    est_administrateur,
    est_connecte,
    peut_gerer_la_region,
    peut_lire_tableaux_de_bord,
)

rules.add_perm("comptes.consulter_tableau_de_bord", peut_lire_tableaux_de_bord)
rules.add_perm("comptes.gerer_region", peut_gerer_la_region)
rules.add_perm("comptes.gerer_utilisateurs", est_administrateur)
rules.add_perm("comptes.gerer_ses_donnees", est_connecte)
