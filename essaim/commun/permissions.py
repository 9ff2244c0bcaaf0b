"""The one place that decides "may this user do this action on this object in this région".

Named predicates (django-rules), combined with ``|`` and ``&``, registered as permissions
by each app's ``rules.py``; views, API, templates (``{% has_perm %}``) and admin all ask
``user.has_perm("app.action", obj)``.

An object takes part in région scoping by exposing ``region_code`` (a région INSEE code,
or None). An object takes part in ownership by exposing ``est_gere_par(user) -> bool``.
"""

import rules

from .roles import Role


def region_de(obj) -> str | None:
    """The région code an object belongs to (None when it has none)."""
    if obj is None:
        return None
    if isinstance(obj, str):
        return obj
    return getattr(obj, "region_code", None)


@rules.predicate
def est_connecte(user):
    return bool(user and user.is_authenticated)


@rules.predicate
def est_administrateur(user):
    return bool(user and user.is_authenticated and user.est_administrateur)


@rules.predicate
def est_charge_mission(user):
    return bool(user and user.is_authenticated and user.role == Role.CHARGE_MISSION)


@rules.predicate
def est_partenaire(user):
    return bool(user and user.is_authenticated and user.role == Role.PARTENAIRE)


@rules.predicate
def dans_ses_regions(user, obj):
    """The object's région is one of the user's régions."""
    code = region_de(obj)
    return bool(code and user.is_authenticated and code in user.region_codes)


@rules.predicate
def est_gestionnaire_de(user, obj):
    """The user manages the object (a structure, a workshop they organise...)."""
    if obj is None or not user.is_authenticated:
        return False
    methode = getattr(obj, "est_gere_par", None)
    return bool(methode and methode(user))


est_staff_de_la_region = est_charge_mission & dans_ses_regions
est_partenaire_de_la_region = est_partenaire & dans_ses_regions
est_equipe_cress = est_charge_mission | est_administrateur
# Reading partner dashboards and exports of a territory.
peut_lire_tableaux_de_bord = est_administrateur | est_staff_de_la_region | est_partenaire_de_la_region
# Acting on the région's data: moderate, import, publish.
peut_gerer_la_region = est_administrateur | est_staff_de_la_region


def peut(user, action: str, obj=None) -> bool:
    """Shorthand used by services: ``peut(user, "annuaire.moderer_structure", structure)``."""
    return user.has_perm(action, obj)


# --- What may this user see and list: querysets beside the rules ----------------------------
#
# The predicates above answer for one object; lists, admin querysets, foreign-key choices,
# import row checks and background-task results need the same answer for many objects at
# once. Each app's ``rules.py`` exposes queryset functions (``structures_gerables(user)``,
# ``ateliers_gerables(user)``…) built on ``filtrer_par_region`` below, and registers them with
# ``@perimetre_de("app.Modele")`` so that generic code (the admin's foreign-key choices) finds
# the scope of any région-scoped model.

TOUTES_LES_REGIONS = None


def regions_d_action(user) -> frozenset[str] | None:
    """Région codes the user may act on (moderate, import, manage): ``None`` for every région
    (administrators), an empty set for users who act on none (visitors, partners, managers)."""
    if est_administrateur(user):
        return TOUTES_LES_REGIONS
    if est_charge_mission(user):
        return user.region_codes
    return frozenset()


def regions_de_lecture(user) -> frozenset[str] | None:
    """Région codes whose dashboards the user may read (staff and partners)."""
    if est_administrateur(user):
        return TOUTES_LES_REGIONS
    if est_charge_mission(user) or est_partenaire(user):
        return user.region_codes
    return frozenset()


def filtrer_par_region(qs, user, champ_region: str = "region", *, lecture: bool = False, distinct=False):
    """Restrict ``qs`` to the rows whose ``champ_region`` (an ORM path to a région code, e.g.
    ``"region"``, ``"commune__region"``, ``"atelier__conference__region"``) is in the user's
    régions. Administrators get ``qs`` unchanged; users without régions get nothing.
    ``distinct`` for paths through a to-many relation."""
    codes = regions_de_lecture(user) if lecture else regions_d_action(user)
    if codes is TOUTES_LES_REGIONS:
        return qs
    if not codes:
        return qs.none()
    qs = qs.filter(**{f"{champ_region}__in": codes})
    return qs.distinct() if distinct else qs


def dans_le_perimetre(user, region_code: str | None) -> bool:
    """Row by row form of ``filtrer_par_region`` (imports): may the user act on this région?"""
    codes = regions_d_action(user)
    return codes is TOUTES_LES_REGIONS or bool(region_code and region_code in codes)


_PERIMETRES: dict[str, object] = {}


def perimetre_de(modele: str):
    """Register ``fonction(user, qs=None) -> QuerySet`` as the scope of ``"app.Modele"``."""

    def enregistrer(fonction):
        _PERIMETRES[modele.lower()] = fonction
        return fonction

    return enregistrer


def objets_gerables(user, modele, qs=None):
    """The rows of ``modele`` (class or ``"app.Modele"``) the user may act on, through the
    function its app registered; ``None`` when the model is not région-scoped."""
    label = modele if isinstance(modele, str) else modele._meta.label
    fonction = _PERIMETRES.get(label.lower())
    return None if fonction is None else fonction(user, qs)
