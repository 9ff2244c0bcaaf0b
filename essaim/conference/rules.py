"""Permissions of the conference module (see essaim.commun.permissions)."""

import rules
from django.db.models import Q

from essaim.commun.permissions import (
    est_gestionnaire_de,
    filtrer_par_region,
    perimetre_de,
    peut_gerer_la_region,
    peut_lire_tableaux_de_bord,
)

from .models import Atelier, Conference, Evenement, FicheSynthese, Inscription

# Object: a Conference (or anything with region_code).
rules.add_perm("conference.gerer_conference", peut_gerer_la_region)
rules.add_perm("conference.consolider", peut_gerer_la_region)
rules.add_perm("conference.suivre", peut_lire_tableaux_de_bord)
# Object: an Atelier — its organisers (responsables) or the région's staff.
rules.add_perm("conference.gerer_atelier", peut_gerer_la_region | est_gestionnaire_de)
rules.add_perm("conference.emarger", peut_gerer_la_region | est_gestionnaire_de)
rules.add_perm("conference.deposer_fiche", peut_gerer_la_region | est_gestionnaire_de)
rules.add_perm("conference.valider_fiche", peut_gerer_la_region)


# --- What the user may see and list (querysets beside the rules above) ---------------------


@perimetre_de("conference.Conference")
def conferences_gerables(user, qs=None):
    return filtrer_par_region(Conference.objects.all() if qs is None else qs, user, "region")


@perimetre_de("conference.Evenement")
def evenements_gerables(user, qs=None):
    return filtrer_par_region(Evenement.objects.all() if qs is None else qs, user, "conference__region")


@perimetre_de("conference.Atelier")
def ateliers_gerables(user, qs=None):
    """Workshops the user may manage (``conference.gerer_atelier``): those of the conferences
    of their régions, and those they are a responsable of."""
    qs = Atelier.objects.all() if qs is None else qs
    if not user.is_authenticated:
        return qs.none()
    de_la_region = filtrer_par_region(qs, user, "conference__region")
    return qs.filter(Q(pk__in=de_la_region.values("pk")) | Q(responsables=user)).distinct()


@perimetre_de("conference.Inscription")
def inscriptions_gerables(user, qs=None):
    qs = Inscription.objects.all() if qs is None else qs
    return qs.filter(atelier__in=ateliers_gerables(user).values("pk"))


@perimetre_de("conference.FicheSynthese")
def fiches_gerables(user, qs=None):
    qs = FicheSynthese.objects.all() if qs is None else qs
    return qs.filter(atelier__in=ateliers_gerables(user).values("pk"))
