"""Personal data registry: every app registers what it holds about a person.

``exporter(user)`` gathers a JSON-serialisable dict for the "mes données" page and export;
deletion relies on the foreign keys' ``on_delete`` (CASCADE or SET_NULL), declared per model.
"""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from essaim.commun.roles import Role

_SECTIONS: dict[str, Callable] = {}
# For the readable page: each section's title and, per key, the labels of its coded values.
TITRES: dict[str, str] = {}
CHOIX: dict[str, dict[str, dict]] = {}
# Declared retention period of a section, in words ("3 ans après la clôture du suivi").
CONSERVATION: dict[str, str] = {}


def enregistrer(section: str, titre=None, choix: dict | None = None, conservation=None):
    """Decorator: ``@enregistrer("structures")`` on ``def f(user) -> list | dict``.
    ``titre`` names the section on the "mes données" page; ``choix`` maps a key to the
    ``TextChoices`` whose labels replace its codes there (``{"statut": StatutDemande}``);
    ``conservation`` declares how long that data is kept."""

    def decorateur(fonction):
        _SECTIONS[section] = fonction
        if conservation:
            CONSERVATION[section] = conservation
        if titre:
            TITRES[section] = titre
        CHOIX[section] = {cle: dict(enum.choices) for cle, enum in (choix or {}).items()}
        return fonction

    return decorateur


def exporter(user) -> dict:
    return {section: fonction(user) for section, fonction in sorted(_SECTIONS.items())}


@enregistrer("compte", titre=_("Compte"), choix={"role": Role})
def _compte(user):
    from allauth.account.models import EmailAddress

    return {
        "email": user.email,
        "prenom": user.first_name,
        "nom": user.last_name,
        "organisation": user.organisation,
        "role": user.role,
        "regions": sorted(user.region_codes),
        "inscrit_le": user.date_joined.isoformat(),
        "derniere_connexion": user.last_login.isoformat() if user.last_login else None,
        "adresses_email": [
            {"email": a.email, "verifiee": a.verified, "principale": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
    }
