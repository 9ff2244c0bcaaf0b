"""Choices of strategic plans (priorities, objectives, indicators, measures, actions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.commun.statuts import declarer_transitions


class NaturePriorite(models.TextChoices):
    PRIORITE = "priorite", _("Priorité")
    CONDITION = "condition", _("Condition transversale")


class TypeObjectif(models.TextChoices):
    QUANTITATIF = "quantitatif", _("Quantitatif")
    QUALITATIF = "qualitatif", _("Qualitatif")


class StatutObjectif(models.TextChoices):
    NON_COMMENCE = "non_commence", _("Non commencé")
    EN_COURS = "en_cours", _("En cours")
    ATTEINT = "atteint", _("Atteint")
    PARTIELLEMENT_ATTEINT = "partiel", _("Partiellement atteint")
    ABANDONNE = "abandonne", _("Abandonné")


_O = StatutObjectif
# An objective can be reopened (a target reached early and lost again, a dropped aim taken up).
declarer_transitions(
    StatutObjectif,
    {
        _O.NON_COMMENCE: {_O.EN_COURS, _O.ABANDONNE},
        _O.EN_COURS: {_O.ATTEINT, _O.PARTIELLEMENT_ATTEINT, _O.ABANDONNE},
        _O.ATTEINT: {_O.EN_COURS},
        _O.PARTIELLEMENT_ATTEINT: {_O.EN_COURS, _O.ATTEINT},
        _O.ABANDONNE: {_O.EN_COURS},
    },
)


class StatutAction(models.TextChoices):
    PREVUE = "prevue", _("Prévue")
    EN_COURS = "en_cours", _("En cours")
    TERMINEE = "terminee", _("Terminée")
    ABANDONNEE = "abandonnee", _("Abandonnée")


_A = StatutAction
declarer_transitions(
    StatutAction,
    {
        _A.PREVUE: {_A.EN_COURS, _A.ABANDONNEE},
        _A.EN_COURS: {_A.TERMINEE, _A.ABANDONNEE},
        _A.TERMINEE: {_A.EN_COURS},
        _A.ABANDONNEE: {_A.EN_COURS},
    },
)


class Sens(models.TextChoices):
    HAUSSE = "hausse", _("À la hausse (plus est mieux)")
    BAISSE = "baisse", _("À la baisse (moins est mieux)")


class Frequence(models.TextChoices):
    ANNUELLE = "annuelle", _("Annuelle")
    SEMESTRIELLE = "semestrielle", _("Semestrielle")
    TRIMESTRIELLE = "trimestrielle", _("Trimestrielle")


class TypeValeur(models.TextChoices):
    """How values are typed and checked: a count is whole and positive, a rate lies in 0–100."""

    NOMBRE = "nombre", _("Nombre entier")
    POURCENTAGE = "pourcentage", _("Pourcentage (0 à 100)")
    MONTANT = "montant", _("Montant en euros")
    DECIMAL = "decimal", _("Nombre décimal")


class Mode(models.TextChoices):
    MANUEL = "manuel", _("Saisi à la main")
    AUTOMATIQUE = "automatique", _("Calculé automatiquement")
