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


@rules.predicate
def peut_publier_millesime(user, millesime) -> bool:
    """Choosing the published vintage changes the figures of every région it covers, and those
    of the vintage it replaces: administrators always; CRESS staff when both vintages are
    limited to régions they act on (a national vintage is the administrators' choice)."""
    codes = regions_d_action(user)
    if codes is TOUTES_LES_REGIONS:
        return True
    if not codes or millesime is None:
        return False
    from .services.millesimes import millesime_publie

    concernes = [millesime, millesime_publie()]
    regions = set()
    for m in filter(None, concernes):
        if not m.regions:
            return False
        regions |= set(m.regions.split(","))
    return regions <= codes


rules.add_perm("observatoire.publier_millesime", peut_publier_millesime)
