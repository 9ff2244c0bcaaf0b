from django.db import models
from django.utils.translation import gettext_lazy as _

# One definition of the transitions, shared with the directory (re-exported here).
from essaim.commun.ess import Transition as Transition

# The registration statuses belong to the shared mechanism (re-exported here).
from essaim.commun.inscriptions import StatutInscription as StatutInscription
from essaim.commun.statuts import declarer_transitions


class PrecisionDate(models.TextChoices):
    JOUR = "jour", _("Date précise")
    MOIS = "mois", _("Mois seulement")


class Format(models.TextChoices):
    PRESENTIEL = "presentiel", _("Présentiel")
    VISIO = "visio", _("Visio (en ligne)")


class StatutAtelier(models.TextChoices):
    LABELLISE = "labellise", _("Labellisé")
    ANNULE = "annule", _("Annulé")


# A labelled workshop is cancelled when its label is withdrawn, and labelled again on a new decision.
declarer_transitions(
    StatutAtelier,
    {StatutAtelier.LABELLISE: {StatutAtelier.ANNULE}, StatutAtelier.ANNULE: {StatutAtelier.LABELLISE}},
)


class StatutFiche(models.TextChoices):
    BROUILLON = "brouillon", _("Brouillon")
    DEPOSEE = "deposee", _("Déposée")
    VALIDEE = "validee", _("Validée")


# Filed by the workshop's organisers, validated by CRESS staff (who may validate a draft).
declarer_transitions(
    StatutFiche,
    {
        StatutFiche.BROUILLON: {StatutFiche.DEPOSEE, StatutFiche.VALIDEE},
        StatutFiche.DEPOSEE: {StatutFiche.VALIDEE},
        StatutFiche.VALIDEE: {StatutFiche.VALIDEE},
    },
)


class TypeEvenement(models.TextChoices):
    LANCEMENT = "lancement", _("Événement de lancement")
    CLOTURE = "cloture", _("Événement de clôture")
    WEBINAIRE = "webinaire", _("Webinaire d'information")
    AUTRE = "autre", _("Autre temps fort")


class CritereEcoResponsable(models.TextChoices):
    TRANSPORTS = "transports", _("Lieu accessible en transports en commun ou mobilités douces")
    RESTAURATION = "restauration", _("Restauration locale, de saison, en circuit court")
    VAISSELLE = "vaisselle", _("Vaisselle réutilisable, zéro plastique jetable")
    DECHETS = "dechets", _("Tri et réduction des déchets")
    IMPRESSIONS = "impressions", _("Impressions limitées (supports numériques, papier recyclé)")
    GOODIES = "goodies", _("Pas de goodies ou objets promotionnels jetables")
    ACCESSIBILITE = "accessibilite", _("Lieu accessible aux personnes à mobilité réduite")
    LIEU_ESS = "lieu_ess", _("Lieu ou prestataires issus de l'ESS")
