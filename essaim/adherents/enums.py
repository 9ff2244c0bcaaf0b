from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.commun.statuts import declarer_transitions


class ModeAdhesion(models.TextChoices):
    DIRECTE = "directe", _("Adhésion directe")
    RESEAU = "reseau", _("Via un réseau adhérent")


class StatutAdhesion(models.TextChoices):
    EN_ATTENTE = "en_attente", _("Cotisation en attente")
    A_JOUR = "a_jour", _("À jour")
    RESILIEE = "resiliee", _("Résiliée")


declarer_transitions(
    StatutAdhesion,
    {
        StatutAdhesion.EN_ATTENTE: {StatutAdhesion.A_JOUR, StatutAdhesion.RESILIEE},
        StatutAdhesion.A_JOUR: {StatutAdhesion.RESILIEE},
        StatutAdhesion.RESILIEE: {StatutAdhesion.A_JOUR},
    },
)
