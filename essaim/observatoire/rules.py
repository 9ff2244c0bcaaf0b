"""Permissions of the observatory. Figures are public; importing them is for the CRESS team."""

import rules

from essaim.commun.permissions import TOUTES_LES_REGIONS, est_equipe_cress, regions_d_action
from essaim.territoires.rules import regions_du_territoire

rules.add_perm("observatoire.importer_chiffres", est_equipe_cress)


def territoire_dans_le_perimetre(user, niveau: str, code: str) -> bool:
    """May the user import figures of this territory? Administrators every territory (France
    included); CRESS staff the territories lying wholly in their régions."""
    codes = regions_d_action(user)
    if codes is TOUTES_LES_REGIONS:
        return True
    regions = regions_du_territoire(niveau, code)
    return bool(regions) and regions <= codes
