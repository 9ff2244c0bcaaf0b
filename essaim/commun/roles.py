"""The roles of an account. Defined in commun because the permission predicates
(commun.permissions) read them; ``essaim.comptes.enums`` exposes them to the rest."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VISITEUR = "visiteur", _("Visiteur")
    GESTIONNAIRE = "gestionnaire", _("Gestionnaire de structure")
    PARTENAIRE = "partenaire", _("Partenaire")
    CHARGE_MISSION = "charge_mission", _("Chargé·e de mission CRESS")
    ADMINISTRATEUR = "administrateur", _("Administrateur")


# Roles whose rights are limited to the régions of their scope.
ROLES_REGIONAUX = {Role.PARTENAIRE, Role.CHARGE_MISSION}
