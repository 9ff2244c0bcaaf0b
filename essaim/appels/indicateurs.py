"""The calls' named computations (see commun/indicateurs.py): applications of the région's
calls filed, and retained, within the period."""

from essaim.commun.indicateurs import PERIODE, REGION, calcul, dans_la_periode


def _candidatures(region, debut, fin):
    from .enums import StatutCandidature
    from .models import Candidature

    return (
        Candidature.objects.filter(appel__region_id=region, deposee_le__isnull=False)
        .exclude(statut=StatutCandidature.BROUILLON)
        .filter(**dans_la_periode("deposee_le", debut, fin))
    )


@calcul(
    "appels-candidatures-recues",
    libelle="Candidatures reçues aux appels",
    unite="candidatures",
    parametres=(REGION, PERIODE),
    description="Candidatures déposées (hors brouillons) aux appels de la région pendant la période.",
)
def candidatures_recues(*, region, debut, fin):
    return _candidatures(region, debut, fin).count()


@calcul(
    "appels-candidatures-retenues",
    libelle="Candidatures retenues aux appels",
    unite="candidatures",
    parametres=(REGION, PERIODE),
    description="Candidatures déposées pendant la période et retenues (décision « retenue »).",
)
def candidatures_retenues(*, region, debut, fin):
    from .enums import Decision, StatutCandidature

    return (
        _candidatures(region, debut, fin)
        .filter(statut=StatutCandidature.DECIDEE, decision=Decision.RETENUE)
        .count()
    )
