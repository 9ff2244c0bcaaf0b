"""Named computations of this module (see commun/indicateurs.py), for the strategic plans."""

from essaim.commun.indicateurs import PERIODE, REGION, calcul, dans_la_periode


@calcul(
    "accompagnement-epci-politique-ancree",
    libelle="EPCI dont la politique ESS est ancrée et co-construite",
    unite="EPCI",
    parametres=(REGION,),
    description="Territoires accompagnés de la région au statut « ancrée », à la date du calcul.",
)
def epci_politique_ancree(*, region, debut=None, fin=None):
    from .models import TerritoireAccompagne

    return TerritoireAccompagne.objects.filter(region_id=region, statut_politique_ess="ancree").count()


@calcul(
    "accompagnement-part-epci-politique-ess",
    libelle="Part des EPCI ayant une politique ESS (ancrée ou en émergence)",
    unite="%",
    parametres=(REGION,),
    description="Part des EPCI de la région dont la politique ESS est ancrée ou en émergence.",
)
def part_epci_politique_ess(*, region, debut=None, fin=None):
    from .models import TerritoireAccompagne
    from .services.territoires import epcis_de_la_region

    total = epcis_de_la_region(region).count()
    avec = TerritoireAccompagne.objects.filter(
        region_id=region, statut_politique_ess__in=["ancree", "emergence"]
    ).count()
    return round(100 * avec / total, 1) if total else 0


@calcul(
    "accompagnement-orientations-dla",
    libelle="Structures orientées vers le DLA",
    unite="orientations",
    parametres=(REGION, PERIODE),
    description="Orientations DLA de structures de la région datées de la période.",
)
def orientations_dla(*, region, debut, fin):
    from .models import Orientation

    return Orientation.objects.filter(
        region_id=region, **dans_la_periode("date_orientation", debut, fin, horodatage=False)
    ).count()


@calcul(
    "accompagnement-laureats-suivis",
    libelle="Lauréats d'appels suivis",
    unite="lauréats",
    parametres=(REGION,),
    description="Suivis de lauréats des appels de la région, hors suivis clos.",
)
def laureats_suivis(*, region, debut=None, fin=None):
    from .models import Suivi

    return Suivi.objects.filter(region_id=region, nature="laureat").exclude(statut="clos").count()
