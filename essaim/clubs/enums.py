from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.commun.statuts import declarer_transitions


class StatutClub(models.TextChoices):
    ACTIF = "actif", _("Actif")
    EN_SOMMEIL = "en_sommeil", _("En sommeil")
    ARCHIVE = "archive", _("Archivé")


class StatutMembre(models.TextChoices):
    DEMANDEE = "demandee", _("Demande en attente")
    ACCEPTEE = "acceptee", _("Membre")
    REFUSEE = "refusee", _("Demande refusée")
    RETIREE = "retiree", _("A quitté le club")


# Requested by a structure's manager, decided by the animateur (or the région's staff).
declarer_transitions(
    StatutMembre,
    {
        StatutMembre.DEMANDEE: {StatutMembre.ACCEPTEE, StatutMembre.REFUSEE, StatutMembre.RETIREE},
        StatutMembre.ACCEPTEE: {StatutMembre.RETIREE},
        StatutMembre.REFUSEE: {StatutMembre.DEMANDEE},
        StatutMembre.RETIREE: {StatutMembre.DEMANDEE},
    },
)


class TypeRencontre(models.TextChoices):
    MISE_EN_RESEAU = "reseau", _("Mise en réseau")
    INSPIRATION = "inspiration", _("Inspiration")
    OUTILLAGE = "outillage", _("Outillage")


class StatutRencontre(models.TextChoices):
    PREVUE = "prevue", _("Prévue")
    ANNULEE = "annulee", _("Annulée")


class SensAnnonce(models.TextChoices):
    BESOIN = "besoin", _("Besoin")
    OFFRE = "offre", _("Offre")


class CategorieAnnonce(models.TextChoices):
    LOCAUX = "locaux", _("Locaux partagés")
    MATERIEL = "materiel", _("Matériel")
    COMPETENCES = "competences", _("Compétences")
    ACHATS = "achats", _("Achats groupés")
    MARCHES = "marches", _("Ouvertures de marchés")
    AUTRE = "autre", _("Autre")


class StatutAnnonce(models.TextChoices):
    OUVERTE = "ouverte", _("Ouverte")
    POURVUE = "pourvue", _("Pourvue")
    CLOSE = "close", _("Close")


declarer_transitions(
    StatutAnnonce,
    {
        StatutAnnonce.OUVERTE: {StatutAnnonce.POURVUE, StatutAnnonce.CLOSE},
        StatutAnnonce.POURVUE: {StatutAnnonce.OUVERTE, StatutAnnonce.CLOSE},
        StatutAnnonce.CLOSE: {StatutAnnonce.OUVERTE},
    },
)
