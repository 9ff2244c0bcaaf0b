"""Account rules: demo accounts, personal data deletion."""

import secrets

from allauth.account.models import EmailAddress
from django.db import transaction

from essaim.territoires.models import Region

from .enums import Role
from .models import Utilisateur

# One demo account per role of the brief; staff and partner scoped to Hauts-de-France.
COMPTES_DEMO = [
    ("admin@essaim.local", "Ada", "Admin", Role.ADMINISTRATEUR, []),
    ("charge.hdf@essaim.local", "Camille", "Chargée HDF", Role.CHARGE_MISSION, ["32"]),
    ("charge.normandie@essaim.local", "Noé", "Chargé Normandie", Role.CHARGE_MISSION, ["28"]),
    ("partenaire.hdf@essaim.local", "Paul", "Partenaire", Role.PARTENAIRE, ["32"]),
    ("gestionnaire@essaim.local", "Gaëlle", "Gestionnaire", Role.GESTIONNAIRE, []),
    ("visiteur@essaim.local", "Victor", "Visiteur", Role.VISITEUR, []),
]


@transaction.atomic
def creer_comptes_demo(reinitialiser: bool = False) -> list[tuple[str, str, str]]:
    """Create the demo accounts that do not exist yet; return (email, role, password) of those created."""
    crees = []
    for email, prenom, nom, role, regions in COMPTES_DEMO:
        user = Utilisateur.objects.filter(email=email).first()
        if user and not reinitialiser:
            continue
        mot_de_passe = secrets.token_urlsafe(9)
        if user is None:
            user = Utilisateur(email=email)
        user.first_name, user.last_name, user.role = prenom, nom, role
        user.is_superuser = role == Role.ADMINISTRATEUR
        user.set_password(mot_de_passe)
        user.save()
        user.regions.set(Region.objects.filter(code__in=regions))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        crees.append((email, role.label, mot_de_passe))
    return crees


def supprimer_compte(user: Utilisateur) -> None:
    """Delete a person's account and what hangs off it (RGPD right to erasure)."""
    user.delete()
