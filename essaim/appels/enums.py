"""Choices of the calls-for-applications app (generic: workshops, projects, awards...)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.commun.statuts import declarer_transitions


class TypeCandidat(models.TextChoices):
    ENTREPRISE_ESS = "entreprise_ess", _("Entreprise de l'ESS")
    RESEAU = "reseau", _("Réseau, fédération, tête de réseau")
    STRUCTURE_ACCOMPAGNEMENT_FINANCEMENT = (
        "structure_accompagnement_financement",
        _("Structure d'accompagnement ou de financement"),
    )
    EPCI_COMMUNE = "epci_commune", _("EPCI ou commune")
    DEPARTEMENT = "departement", _("Département")
    REGION = "region", _("Région")
    SERVICES_ETAT = "services_etat", _("Services de l'État")


class StatutCandidature(models.TextChoices):
    BROUILLON = "brouillon", _("Brouillon")
    DEPOSEE = "deposee", _("Déposée")
    EN_EVALUATION = "en_evaluation", _("En évaluation")
    DECIDEE = "decidee", _("Décidée")


# Filed (again after a decision, to reapply), reviewed, decided (again, to change a decision).
_C = StatutCandidature
declarer_transitions(
    StatutCandidature,
    {
        _C.BROUILLON: {_C.DEPOSEE},
        _C.DEPOSEE: {_C.EN_EVALUATION, _C.DECIDEE},
        _C.EN_EVALUATION: {_C.DECIDEE},
        _C.DECIDEE: {_C.DEPOSEE, _C.DECIDEE},
    },
)


class Decision(models.TextChoices):
    RETENUE = "retenue", _("Retenue")
    A_REVOIR = "a_revoir", _("À revoir")
    REFUSEE = "refusee", _("Refusée")


class Avis(models.TextChoices):
    FAVORABLE = "favorable", _("Favorable")
    RESERVE = "reserve", _("Réservé")
    DEFAVORABLE = "defavorable", _("Défavorable")


class TypeQuestion(models.TextChoices):
    TEXTE = "texte", _("Texte court")
    TEXTE_LONG = "texte_long", _("Texte long")
    CHOIX = "choix", _("Choix unique")
    CHOIX_MULTIPLE = "choix_multiple", _("Choix multiple")
    DATE = "date", _("Date")
    MOIS_OU_DATE = "mois_ou_date", _("Mois ou date")
    NOMBRE = "nombre", _("Nombre")
    COMMUNE = "commune", _("Commune")
    URL = "url", _("Adresse web")
    EMAIL = "email", _("Adresse e-mail")
    FICHIER = "fichier", _("Fichier")
    STRUCTURES = "structures", _("Structures (annuaire)")


class NaturePiece(models.TextChoices):
    TEXTE_APPEL = "texte_appel", _("Texte de l'appel")
    FICHE_CANDIDATURE = "fiche_candidature", _("Fiche de candidature")
    MODELE_SYNTHESE = "modele_synthese", _("Modèle de fiche de synthèse")
    FEUILLE_EMARGEMENT = "feuille_emargement", _("Feuille d'émargement")
    FICHE_METHODO = "fiche_methodo", _("Fiche méthodologique")
    AUTRE = "autre", _("Autre document")


class NatureEmail(models.TextChoices):
    """What an e-mail template is for: the acknowledgement, or one decision."""

    ACCUSE_RECEPTION = "accuse_reception", _("Accusé de réception")
    RETENUE = Decision.RETENUE.value, _("Décision : retenue")
    A_REVOIR = Decision.A_REVOIR.value, _("Décision : à revoir")
    REFUSEE = Decision.REFUSEE.value, _("Décision : refusée")
