"""Personal data registry: every app registers what it holds about a person.

``exporter(user)`` gathers a JSON-serialisable dict for the "mes données" page and export;
deletion relies on the foreign keys' ``on_delete`` (CASCADE or SET_NULL), declared per model.
"""

from collections.abc import Callable

_SECTIONS: dict[str, Callable] = {}


def enregistrer(section: str):
    """Decorator: ``@enregistrer("structures")`` on ``def f(user) -> list | dict``."""

    def decorateur(fonction):
        _SECTIONS[section] = fonction
        return fonction

    return decorateur


def exporter(user) -> dict:
    return {section: fonction(user) for section, fonction in sorted(_SECTIONS.items())}


@enregistrer("compte")
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
