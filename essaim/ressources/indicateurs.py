"""The library's named computation (see commun/indicateurs.py): items of the région published
within the period (and still published)."""

from essaim.commun.indicateurs import PERIODE, REGION, calcul, dans_la_periode


@calcul(
    "ressources-publiees",
    libelle="Ressources publiées dans la bibliothèque",
    unite="ressources",
    parametres=(REGION, PERIODE),
    description=(
        "Ressources de la région (proposées, issues de la conférence ou de la démonstration) publiées "
        "pendant la période et toujours publiées."
    ),
)
def ressources_publiees(*, region, debut, fin):
    from .models import Ressource

    return (
        Ressource.objects.publiees()
        .filter(region_id=region, publiee_le__isnull=False)
        .filter(**dans_la_periode("publiee_le", debut, fin))
        .count()
    )
