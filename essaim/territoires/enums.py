from django.db import models
from django.utils.translation import gettext_lazy as _


class TypeCommune(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    ARRONDISSEMENT = "arrondissement", _("Arrondissement municipal")


class Niveau(models.TextChoices):
    FRANCE = "france", _("France")
    REGION = "region", _("Région")
    DEPARTEMENT = "departement", _("Département")
    EPCI = "epci", _("EPCI")
    COMMUNE = "commune", _("Commune")
