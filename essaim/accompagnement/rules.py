"""Permissions of the follow-up files (autodiscovered by django-rules).

Staff of the région manage everything; the accompanying person of a file reads and writes it
(internal notes included); the followed structure (the laureate's applicant, a manager of the
directory record) reads its own file without the internal notes and declares its results.
Objects are a ``Suivi`` (``region_code``, ``est_gere_par``) or a ``TerritoireAccompagne``.
"""

import rules
from django.db.models import Q

from essaim.commun.permissions import (
    est_gestionnaire_de,
    filtrer_par_region,
    perimetre_de,
    peut_gerer_la_region,
    regions_d_action,
)

from .models import Evenement, Orientation, Suivi, TerritoireAccompagne


def suivi_de(obj):
    if obj is None:
        return None
    return obj if isinstance(obj, Suivi) else getattr(obj, "suivi", None)


@rules.predicate
def est_accompagnateur(user, obj):
    suivi = suivi_de(obj)
    return bool(suivi is not None and user.is_authenticated and suivi.accompagnateur_id == user.pk)


@rules.predicate
def est_personnel(user):
    """CRESS staff of at least one région, or an administrator."""
    codes = regions_d_action(user)
    return codes is None or bool(codes)


peut_gerer = peut_gerer_la_region
peut_suivre = peut_gerer | est_accompagnateur

rules.add_perm("accompagnement.gerer_suivi", peut_gerer)
rules.add_perm("accompagnement.voir_suivi", peut_suivre | est_gestionnaire_de)
rules.add_perm("accompagnement.voir_notes_internes", peut_suivre)
rules.add_perm("accompagnement.ecrire_suivi", peut_suivre)
rules.add_perm("accompagnement.declarer_resultats", peut_suivre | est_gestionnaire_de)
rules.add_perm("accompagnement.lister_suivis", est_personnel)
rules.add_perm("accompagnement.gerer_territoire", peut_gerer)


# --- What the user may see and list --------------------------------------------------------


@perimetre_de("accompagnement.Suivi")
def suivis_gerables(user, qs=None):
    return filtrer_par_region(Suivi.objects.all() if qs is None else qs, user, "region")


def suivis_visibles(user, qs=None):
    """The région's files for staff, the assigned ones for an accompanying person, the
    structure's own (as applicant or manager of its record)."""
    qs = Suivi.objects.all() if qs is None else qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(
        Q(pk__in=suivis_gerables(user).values("pk"))
        | Q(accompagnateur=user)
        | Q(candidature__candidat=user)
        | Q(structure__gestionnaires=user)
    ).distinct()


def evenements_visibles(user, suivi):
    """The timeline of a file the user may see: internal notes only for those who follow it."""
    qs = suivi.evenements.select_related("auteur", "accompagnateur")
    if user.has_perm("accompagnement.voir_notes_internes", suivi):
        return qs
    return qs.filter(interne=False)


@perimetre_de("accompagnement.Evenement")
def evenements_gerables(user, qs=None):
    return filtrer_par_region(Evenement.objects.all() if qs is None else qs, user, "suivi__region")


@perimetre_de("accompagnement.Orientation")
def orientations_gerables(user, qs=None):
    return filtrer_par_region(Orientation.objects.all() if qs is None else qs, user, "region")


@perimetre_de("accompagnement.TerritoireAccompagne")
def territoires_gerables(user, qs=None):
    return filtrer_par_region(TerritoireAccompagne.objects.all() if qs is None else qs, user, "region")
