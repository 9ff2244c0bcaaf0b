"""ESS families (loi 2014-856, art. 1) and their derivation from the INSEE legal category.

Shared by the directory (a record's family, overridable by staff) and the observatory
(SIRENE legal units). Codes checked against INSEE's "catégories juridiques" nomenclature
(niveau III, 4 digits).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FamilleESS(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    COOPERATIVE = "cooperative", _("Coopérative")
    MUTUELLE = "mutuelle", _("Mutuelle")
    FONDATION = "fondation", _("Fondation")
    SOCIETE_COMMERCIALE = "societe_commerciale", _("Société commerciale de l'ESS")


class Transition(models.TextChoices):
    """The four transitions of the CRESS's framework: the directory's vocabulary (loaded by
    ``annuaire.reference``), the map's filter and the conference's workshops."""

    ECOLOGIQUE = "ecologique", _("Transition écologique")
    SOCIALE = "sociale", _("Transition sociale")
    ECONOMIQUE = "economique", _("Transition économique")
    ORGANISATIONNELLE = "organisationnelle", _("Transition organisationnelle")


# 5xxx companies whose form is cooperative by law (SCOP, SCIC, coopératives d'HLM, ...).
_COOPERATIVES_5 = {
    "5191",
    "5192",
    "5193",
    "5194",
    "5195",
    "5196",  # banques coopératives, crédit mutuel
    "5443",
    "5451",
    "5453",
    "5454",
    "5455",
    "5458",
    "5459",
    "5460",  # SARL coopératives (5458 SCOP)
    "5543",
    "5547",
    "5551",
    "5552",
    "5553",
    "5554",
    "5555",
    "5558",
    "5559",
    "5560",  # SA à CA
    "5643",
    "5647",
    "5651",
    "5652",
    "5653",
    "5654",
    "5655",
    "5658",
    "5659",
    "5660",  # SA à directoire
}
_MUTUELLES = {"8210", "8250", "8290", "6411"}
_FONDATIONS = {"9300"}


def famille_depuis_categorie(categorie_juridique: str | None, est_ess: bool = True) -> str | None:
    """ESS family of a legal unit from its 4-digit INSEE legal category.

    ``est_ess`` is SIRENE's ESS flag: a commercial company belongs to the ESS only when
    flagged (agrément / statuts), so it maps to ``societe_commerciale`` only then.
    """
    code = (categorie_juridique or "").strip()
    if len(code) != 4 or not code.isdigit():
        return None
    if code.startswith("92"):
        return FamilleESS.ASSOCIATION
    if code in _FONDATIONS:
        return FamilleESS.FONDATION
    if code in _MUTUELLES:
        return FamilleESS.MUTUELLE
    # 63xx: sociétés coopératives agricoles (6316 CUMA, 6317 coopérative, 6318 union)
    if code in _COOPERATIVES_5 or code.startswith("63"):
        return FamilleESS.COOPERATIVE
    if code.startswith(("5", "6")) and est_ess:
        return FamilleESS.SOCIETE_COMMERCIALE
    return None


def categorie_est_ess(categorie_juridique: str | None) -> bool:
    """Whether a legal category is an ESS family by its form alone (the 'juridique' perimeter)."""
    return famille_depuis_categorie(categorie_juridique, est_ess=False) is not None
