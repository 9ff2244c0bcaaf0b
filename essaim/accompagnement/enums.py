"""Choices of the follow-up app: one ``Suivi`` serves laureates, DLA referrals and territories."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.commun.statuts import declarer_transitions


class NatureSuivi(models.TextChoices):
    LAUREAT = "laureat", _("Lauréat d'un appel")
    DLA = "dla", _("Orientation DLA")
    TERRITOIRE = "territoire", _("Territoire accompagné")


class StatutSuivi(models.TextChoices):
    EN_COURS = "en_cours", _("En cours")
    SUSPENDU = "suspendu", _("Suspendu")
    CLOS = "clos", _("Clos")


_S = StatutSuivi
declarer_transitions(
    StatutSuivi,
    {
        _S.EN_COURS: {_S.SUSPENDU, _S.CLOS},
        _S.SUSPENDU: {_S.EN_COURS, _S.CLOS},
        _S.CLOS: {_S.EN_COURS},
    },
)


class TypeEvenement(models.TextChoices):
    NOTE = "note", _("Note")
    SEANCE = "seance", _("Séance d'accompagnement")
    EVENEMENT = "evenement", _("Événement")
    DOCUMENT = "document", _("Pièce jointe")
    STATUT = "statut", _("Changement de statut")


class StatutAction(models.TextChoices):
    A_FAIRE = "a_faire", _("À faire")
    EN_COURS = "en_cours", _("En cours")
    FAITE = "faite", _("Faite")
    ABANDONNEE = "abandonnee", _("Abandonnée")


_A = StatutAction
declarer_transitions(
    StatutAction,
    {
        _A.A_FAIRE: {_A.EN_COURS, _A.FAITE, _A.ABANDONNEE},
        _A.EN_COURS: {_A.A_FAIRE, _A.FAITE, _A.ABANDONNEE},
        _A.FAITE: {_A.EN_COURS},
        _A.ABANDONNEE: {_A.A_FAIRE},
    },
)
ACTIONS_TERMINEES = (StatutAction.FAITE, StatutAction.ABANDONNEE)


class Periode(models.IntegerChoices):
    """Months after the start of the agreement at which a laureate declares results."""

    MOIS_6 = 6, _("6 mois")
    MOIS_12 = 12, _("12 mois")
    MOIS_36 = 36, _("36 mois")


class BesoinDLA(models.TextChoices):
    STRATEGIE = "strategie", _("Stratégie et projet")
    MODELE_ECONOMIQUE = "modele_economique", _("Modèle économique")
    EMPLOI_COMPETENCES = "emploi_competences", _("Emploi et compétences")
    GOUVERNANCE = "gouvernance", _("Gouvernance")
    TRANSITION_ECOLOGIQUE = "transition_ecologique", _("Transition écologique")
    COOPERATION = "cooperation", _("Coopération et mutualisation")
    FINANCEMENT = "financement", _("Financement")
    AUTRE = "autre", _("Autre")


class EtapeDLA(models.TextChoices):
    ORIENTEE = "orientee", _("Orientée")
    DIAGNOSTIC = "diagnostic", _("Diagnostic")
    INGENIERIE = "ingenierie", _("Ingénierie")
    SUIVI = "suivi", _("Suivi")
    TERMINEE = "terminee", _("Terminée")


_E = EtapeDLA
declarer_transitions(
    EtapeDLA,
    {
        _E.ORIENTEE: {_E.DIAGNOSTIC, _E.TERMINEE},
        _E.DIAGNOSTIC: {_E.INGENIERIE, _E.TERMINEE},
        _E.INGENIERIE: {_E.SUIVI, _E.TERMINEE},
        _E.SUIVI: {_E.TERMINEE},
        _E.TERMINEE: {_E.SUIVI},
    },
)


class IssueDLA(models.TextChoices):
    ACCOMPAGNEE = "accompagnee", _("Accompagnement réalisé")
    REORIENTEE = "reorientee", _("Réorientée vers un autre dispositif")
    SANS_SUITE = "sans_suite", _("Sans suite")
    ABANDON = "abandon", _("Abandon par la structure")


class StatutPolitiqueESS(models.TextChoices):
    ANCREE = "ancree", _("Politique ESS ancrée et co-construite")
    EMERGENCE = "emergence", _("Politique ESS en émergence")
    A_CONSTRUIRE = "a_construire", _("Politique ESS à construire")


class QualiteReferent(models.TextChoices):
    ELU = "elu", _("Élu·e")
    AGENT = "agent", _("Agent")
