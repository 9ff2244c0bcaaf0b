"""Permissions of strategic plans (see essaim.commun.permissions).

- the région's staff (and administrators) create and edit plans, objectives, indicators;
- an objective's owner (``responsable``) enters the measures and notes of that objective;
- partners read the private plans shared with them (``Plan.partage_avec``);
- everyone reads public plans.
"""

import rules
from django.db.models import Q

from essaim.commun.permissions import (
    est_administrateur,
    est_charge_mission,
    est_gestionnaire_de,
    filtrer_par_region,
    perimetre_de,
    peut_gerer_la_region,
    regions_d_action,
)

from .models import Action, Indicateur, Mesure, NoteAvancement, Objectif, Plan, Priorite


def _plan(obj):
    if obj is None:
        return None
    if isinstance(obj, Plan):
        return obj
    if isinstance(obj, Objectif):
        return obj.priorite.plan
    return getattr(obj, "plan", None)


@rules.predicate
def plan_public(user, obj):
    plan = _plan(obj)
    return bool(plan and plan.public)


@rules.predicate
def plan_partage_avec(user, obj):
    plan = _plan(obj)
    return bool(plan and user.is_authenticated and plan.partage_avec.filter(pk=user.pk).exists())


@rules.predicate
def responsable_dans_le_plan(user, obj):
    plan = _plan(obj)
    return bool(
        plan
        and user.is_authenticated
        and Objectif.objects.filter(priorite__plan=plan, responsable=user).exists()
    )


# Object: a Plan (or any object of a plan).
rules.add_perm(
    "pilotage.voir_plan", plan_public | peut_gerer_la_region | plan_partage_avec | responsable_dans_le_plan
)
rules.add_perm("pilotage.gerer_plan", peut_gerer_la_region)
# No object: may the user create a plan at all (in one of their régions)?
rules.add_perm("pilotage.creer_plan", est_administrateur | est_charge_mission)
# Object: an Indicateur (measures) or an Objectif (notes): the région's staff or the owner.
rules.add_perm("pilotage.saisir_mesure", peut_gerer_la_region | est_gestionnaire_de)


# --- What the user may see and list ----------------------------------------------------------


def plans_visibles(user, qs=None):
    """Plans the user may read: public ones, their régions' ones (staff), those shared with
    them, those where they own an objective."""
    qs = Plan.objects.all() if qs is None else qs
    if est_administrateur(user):
        return qs
    condition = Q(public=True)
    if user.is_authenticated:
        condition |= Q(partage_avec=user) | Q(priorites__objectifs__responsable=user)
        codes = regions_d_action(user)
        if codes:
            condition |= Q(region__in=codes)
    return qs.filter(pk__in=Plan.objects.filter(condition).values("pk"))


@perimetre_de("pilotage.Plan")
def plans_gerables(user, qs=None):
    return filtrer_par_region(Plan.objects.all() if qs is None else qs, user, "region")


@perimetre_de("pilotage.Priorite")
def priorites_gerables(user, qs=None):
    return filtrer_par_region(Priorite.objects.all() if qs is None else qs, user, "plan__region")


@perimetre_de("pilotage.Objectif")
def objectifs_gerables(user, qs=None):
    return filtrer_par_region(Objectif.objects.all() if qs is None else qs, user, "priorite__plan__region")


@perimetre_de("pilotage.Indicateur")
def indicateurs_gerables(user, qs=None):
    return filtrer_par_region(Indicateur.objects.all() if qs is None else qs, user, "plan__region")


@perimetre_de("pilotage.Mesure")
def mesures_gerables(user, qs=None):
    return filtrer_par_region(Mesure.objects.all() if qs is None else qs, user, "indicateur__plan__region")


@perimetre_de("pilotage.NoteAvancement")
def notes_gerables(user, qs=None):
    return filtrer_par_region(
        NoteAvancement.objects.all() if qs is None else qs, user, "objectif__priorite__plan__region"
    )


@perimetre_de("pilotage.Action")
def actions_gerables(user, qs=None):
    return filtrer_par_region(Action.objects.all() if qs is None else qs, user, "plan__region")


def indicateurs_a_saisir(user, qs=None):
    """Indicators whose measures the user may enter (``pilotage.saisir_mesure``)."""
    qs = Indicateur.objects.all() if qs is None else qs
    if not user.is_authenticated:
        return qs.none()
    de_la_region = filtrer_par_region(qs, user, "plan__region")
    return qs.filter(Q(pk__in=de_la_region.values("pk")) | Q(objectif__responsable=user))
