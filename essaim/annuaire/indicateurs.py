"""The directory's named computations (see commun/indicateurs.py). Published records of a
région are counted on the read side: ``carte/indicateurs.py`` (``annuaire-fiches-publiees``)."""

import datetime

from django.utils import timezone

from essaim.commun.indicateurs import REGION, calcul


@calcul(
    "annuaire-fiches-a-jour",
    libelle="Fiches publiées mises à jour depuis 12 mois",
    unite="fiches",
    parametres=(REGION,),
    description="Fiches publiées de la région modifiées dans les 365 jours précédant le calcul.",
)
def fiches_a_jour(*, region, debut=None, fin=None):
    from .models import Structure

    depuis = timezone.now() - datetime.timedelta(days=365)
    return Structure.objects.publiees().filter(region_id=region, modifie_le__gte=depuis).count()
