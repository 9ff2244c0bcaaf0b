"""The conference's named computations (see commun/indicateurs.py): figures of the région's
editions whose year falls in the period, from the same key figures as the report."""

from essaim.commun.indicateurs import PERIODE, REGION, calcul


def _chiffres(region, debut, fin) -> list[dict]:
    from .models import Conference
    from .services.chiffres import chiffres_cles

    editions = Conference.objects.filter(region_id=region, annee__gte=debut.year, annee__lte=fin.year)
    return [chiffres_cles(c) for c in editions]


@calcul(
    "conference-ateliers",
    libelle="Ateliers de la conférence régionale",
    unite="ateliers",
    parametres=(REGION, PERIODE),
    description="Ateliers (hors annulés) des éditions de la région dont l'année est dans la période.",
)
def ateliers(*, region, debut, fin):
    return sum(c["ateliers"] for c in _chiffres(region, debut, fin))


@calcul(
    "conference-participants",
    libelle="Participants aux ateliers de la conférence",
    unite="participants",
    parametres=(REGION, PERIODE),
    description="Participants comptés aux ateliers des éditions de la région dans la période.",
)
def participants(*, region, debut, fin):
    return sum(c["participants"] for c in _chiffres(region, debut, fin))


@calcul(
    "conference-structures-organisatrices",
    libelle="Structures organisatrices distinctes de la conférence",
    unite="structures",
    parametres=(REGION, PERIODE),
    description="Structures organisatrices distinctes des ateliers, par édition de la région, additionnées.",
)
def structures_organisatrices(*, region, debut, fin):
    return sum(c["organisateurs"] for c in _chiffres(region, debut, fin))
