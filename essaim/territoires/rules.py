"""Scope of territories for CRESS staff (see essaim.commun.permissions).

Anyone may read the COG; what these functions limit is what a région-scoped user may *pick*
when acting (a record's commune, a call's région, a settings row): the user's own régions.
"""

from essaim.commun.permissions import filtrer_par_region, perimetre_de

from .enums import Niveau
from .models import EPCI, Commune, Departement, Region


@perimetre_de("territoires.Region")
def regions_gerables(user, qs=None):
    return filtrer_par_region(Region.objects.all() if qs is None else qs, user, "code")


@perimetre_de("territoires.Departement")
def departements_gerables(user, qs=None):
    return filtrer_par_region(Departement.objects.all() if qs is None else qs, user, "region")


@perimetre_de("territoires.Commune")
def communes_gerables(user, qs=None):
    return filtrer_par_region(Commune.objects.all() if qs is None else qs, user, "region")


@perimetre_de("territoires.EPCI")
def epcis_gerables(user, qs=None):
    return filtrer_par_region(
        EPCI.objects.all() if qs is None else qs, user, "communes__region", distinct=True
    )


def regions_du_territoire(niveau: str, code: str) -> set[str]:
    """The région codes a territory (``region``, ``departement``, ``epci``, ``commune``) lies
    in; empty for France as a whole or an unknown territory."""
    if niveau == Niveau.REGION:
        return {code} if Region.objects.filter(code=code).exists() else set()
    if niveau == Niveau.DEPARTEMENT:
        return set(Departement.objects.filter(code=code).values_list("region_id", flat=True))
    if niveau == Niveau.COMMUNE:
        return set(Commune.objects.filter(code=code).values_list("region_id", flat=True))
    if niveau == Niveau.EPCI:
        return set(Commune.objects.filter(epci_id=code).values_list("region_id", flat=True).distinct())
    return set()
