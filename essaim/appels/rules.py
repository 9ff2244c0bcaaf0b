"""Permissions of calls for applications (autodiscovered by django-rules).

Objects are an ``Appel`` or a ``Candidature``: both expose ``region_code``; a
``Candidature`` exposes ``est_gere_par(user)`` (its applicant).
"""

import rules
from django.db.models import Q

from essaim.commun.permissions import (
    est_administrateur,
    est_charge_mission,
    est_connecte,
    est_gestionnaire_de,
    est_staff_de_la_region,
    filtrer_par_region,
    perimetre_de,
)

from .enums import Decision, StatutCandidature
from .models import Appel, Candidature, Evaluation, ModeleEmail


def appel_de(obj):
    if obj is None:
        return None
    return getattr(obj, "appel", None) or (obj if hasattr(obj, "formulaire") else None)


@rules.predicate
def est_membre_du_comite(user, obj):
    appel = appel_de(obj)
    if appel is None or not user.is_authenticated:
        return False
    cache = getattr(appel, "_comite_ids", None)
    if cache is None:
        cache = appel._comite_ids = set(appel.comite.values_list("pk", flat=True))
    return user.pk in cache


@rules.predicate
def appel_ouvert(user, obj):
    appel = appel_de(obj)
    return bool(appel is not None and appel.publie and appel.est_ouvert)


@rules.predicate
def candidature_deposee(user, obj):
    # Drafts stay private to their applicant; asked about a whole call (no status), it holds.
    if obj is None:
        return False
    return getattr(obj, "statut", None) != StatutCandidature.BROUILLON


@rules.predicate
def candidature_modifiable(user, obj):
    if obj is None:
        return False
    if obj.statut in (StatutCandidature.BROUILLON, StatutCandidature.DEPOSEE):
        return True
    return obj.statut == StatutCandidature.DECIDEE and obj.decision == Decision.A_REVOIR


peut_gerer_appel = est_administrateur | est_staff_de_la_region
peut_evaluer = est_administrateur | est_staff_de_la_region | est_membre_du_comite

rules.add_perm("appels.gerer_appel", peut_gerer_appel)
rules.add_perm("appels.voir_comite", peut_evaluer)
rules.add_perm("appels.evaluer_candidature", peut_evaluer & candidature_deposee)
rules.add_perm("appels.decider", peut_gerer_appel & candidature_deposee)
rules.add_perm("appels.voir_candidature", est_gestionnaire_de | (peut_evaluer & candidature_deposee))
rules.add_perm("appels.modifier_candidature", est_gestionnaire_de & appel_ouvert & candidature_modifiable)
rules.add_perm("appels.candidater", est_connecte & appel_ouvert)

# Creating a call: CRESS staff (in one of their régions, enforced by the form) and administrators.
rules.add_perm("appels.creer_appel", est_administrateur | est_charge_mission)


# --- What the user may see and list (querysets beside the rules above) ---------------------


@perimetre_de("appels.Appel")
def appels_gerables(user, qs=None):
    return filtrer_par_region(Appel.objects.all() if qs is None else qs, user, "region")


def appels_visibles(user, qs=None):
    """Calls the user may see: published ones, and those of the régions they act on or read
    (staff and partners prepare a call before it opens)."""
    qs = Appel.objects.all() if qs is None else qs
    de_la_region = filtrer_par_region(qs, user, "region", lecture=True)
    return qs.filter(Q(publie=True) | Q(pk__in=de_la_region.values("pk")))


def appels_evalues(user, qs=None):
    """Calls whose applications the user reviews: as a committee member or as staff."""
    qs = Appel.objects.all() if qs is None else qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(Q(comite=user) | Q(pk__in=appels_gerables(user).values("pk"))).distinct()


@perimetre_de("appels.Candidature")
def candidatures_gerables(user, qs=None):
    return filtrer_par_region(Candidature.objects.all() if qs is None else qs, user, "appel__region")


@perimetre_de("appels.Evaluation")
def evaluations_gerables(user, qs=None):
    qs = Evaluation.objects.all() if qs is None else qs
    return filtrer_par_region(qs, user, "candidature__appel__region")


@perimetre_de("appels.ModeleEmail")
def modeles_email_gerables(user, qs=None):
    """A call's e-mail templates; the platform defaults (no call) are the administrators'."""
    return filtrer_par_region(ModeleEmail.objects.all() if qs is None else qs, user, "appel__region")
