"""Choices of the resource library."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The library moderates its items exactly as the directory moderates its records: same
# statuses, same transition table (essaim.commun.statuts), same per-région mode (a priori /
# a posteriori, annuaire.ReglageRegion). One moderation pattern, not a second one.
from essaim.annuaire.enums import StatutStructure as StatutRessource

__all__ = ["Echelle", "EtatLien", "StatutRessource", "TypeRessource"]


class TypeRessource(models.TextChoices):
    OUTIL = "outil", _("Outil")
    GUIDE = "guide", _("Guide")
    ETUDE = "etude", _("Étude")
    FORMATION = "formation", _("Formation")
    PLATEFORME = "plateforme", _("Plateforme")
    TEXTE_JURIDIQUE = "texte_juridique", _("Texte juridique")
    DISPOSITIF = "dispositif", _("Dispositif de financement ou d'accompagnement")
    PODCAST = "podcast", _("Podcast ou média")
    PROJET_INSPIRANT = "projet_inspirant", _("Projet inspirant")
    KIT = "kit", _("Kit")


class Echelle(models.TextChoices):
    """Scale of the territory a resource concerns."""

    COMMUNE = "commune", _("Commune")
    EPCI = "epci", _("Intercommunalité (EPCI)")
    DEPARTEMENT = "departement", _("Département")
    REGION = "region", _("Région")
    FRANCE = "france", _("France")


class EtatLien(models.TextChoices):
    NON_VERIFIE = "non_verifie", _("Pas encore vérifié")
    VALIDE = "valide", _("Lien valide")
    MORT = "mort", _("Lien mort")
    INJOIGNABLE = "injoignable", _("Vérification impossible (hors ligne)")
