"""Permissions of the CRESS membership (see essaim.commun.permissions)."""

import rules

from essaim.commun.permissions import (
    est_gestionnaire_de,
    filtrer_par_region,
    perimetre_de,
    peut_gerer_la_region,
    peut_lire_tableaux_de_bord,
)

from .models import Adhesion, Reseau

# Object: a Region code, an Adhesion or a Reseau.
rules.add_perm("adherents.gerer", peut_gerer_la_region)
rules.add_perm("adherents.consulter", peut_lire_tableaux_de_bord)
rules.add_perm("adherents.exporter", peut_gerer_la_region)
# Object: an Adhesion — the structure's managers decide whether the badge is public.
rules.add_perm("adherents.choisir_badge", peut_gerer_la_region | est_gestionnaire_de)


@perimetre_de("adherents.Adhesion")
def adhesions_gerables(user, qs=None):
    return filtrer_par_region(Adhesion.objects.all() if qs is None else qs, user, "region")


def adhesions_consultables(user, qs=None):
    """Staff and partners read the memberships of their régions (counts, lists)."""
    return filtrer_par_region(Adhesion.objects.all() if qs is None else qs, user, "region", lecture=True)


@perimetre_de("adherents.Reseau")
def reseaux_gerables(user, qs=None):
    return filtrer_par_region(Reseau.objects.all() if qs is None else qs, user, "region")


def adhesions_de_mes_structures(user, qs=None):
    """The memberships of the structures the user manages (badge choice in "Mon espace")."""
    qs = Adhesion.objects.all() if qs is None else qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(structure__gestions__utilisateur=user)
