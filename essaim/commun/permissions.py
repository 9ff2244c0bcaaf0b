"""The one place that decides "may this user do this action on this object in this région".

Named predicates (django-rules), combined with ``|`` and ``&``, registered as permissions
by each app's ``rules.py``; views, API, templates (``{% has_perm %}``) and admin all ask
``user.has_perm("app.action", obj)``.

An object takes part in région scoping by exposing ``region_code`` (a région INSEE code,
or None). An object takes part in ownership by exposing ``est_gere_par(user) -> bool``.
"""

import rules

from essaim.comptes.enums import Role


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


@rules.predicate
def est_auteur(user, obj):
    return bool(obj is not None and user.is_authenticated and getattr(obj, "auteur_id", None) == user.pk)


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
