"""Named computations of the CRESS membership (see commun/indicateurs.py), for the pilotage
indicators (priority 1 of document 004: federate the networks)."""

from essaim.commun.indicateurs import PERIODE, REGION, calcul


def _adhesions(region, debut, fin):
    from .enums import StatutAdhesion
    from .models import Adhesion

    return Adhesion.objects.filter(
        region_id=region, statut=StatutAdhesion.A_JOUR, annee__gte=debut.year, annee__lte=fin.year
    )


@calcul(
    "adherents-structures",
    libelle="Structures adhérentes de la CRESS",
    unite="structures",
    parametres=(REGION, PERIODE),
    description="Structures distinctes à jour de leur adhésion (directe ou via un réseau) dans la période.",
)
def adherents(*, region, debut, fin):
    return _adhesions(region, debut, fin).values("structure").distinct().count()


@calcul(
    "adherents-reseaux-federes",
    libelle="Réseaux fédérés par la CRESS",
    unite="réseaux",
    parametres=(REGION, PERIODE),
    description="Réseaux adhérents (têtes de réseau) à jour de leur adhésion une année de la période.",
)
def reseaux_federes(*, region, debut, fin):
    from .models import Reseau

    tetes = _adhesions(region, debut, fin).values("structure")
    return Reseau.objects.filter(region_id=region, structure__in=tetes).count()
