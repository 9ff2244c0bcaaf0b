"""Permissions of background work (autodiscovered by django-rules).

A ``Travail`` carries the région of the object it works on (``region_code``): its result (an
import report, a generated file) is readable by whoever launched it and by whoever may act
on that région — never by staff of another région.
"""

import rules
from django.db.models import Q

from .models import Travail
from .permissions import est_gestionnaire_de, filtrer_par_region, perimetre_de, peut_gerer_la_region

rules.add_perm("commun.voir_travail", est_gestionnaire_de | peut_gerer_la_region)


@perimetre_de("commun.Travail")
def travaux_visibles(user, qs=None):
    """The background work whose progress and result the user may read."""
    qs = Travail.objects.all() if qs is None else qs
    if not user.is_authenticated:
        return qs.none()
    de_la_region = filtrer_par_region(qs, user, "region_code")
    return qs.filter(Q(cree_par=user) | Q(pk__in=de_la_region.values("pk")))
