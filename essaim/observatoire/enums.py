"""Vocabularies of the observatory: import perimeters, vintage states, INSEE size ranges, NAF sections."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.commun.statuts import declarer_transitions


class Perimetre(models.TextChoices):
    FLAG = "flag", _("Unités légales marquées ESS dans SIRENE (economieSocialeSolidaireUniteLegale = O)")
    JURIDIQUE = "juridique", _("Catégories juridiques des familles de l'ESS")


class StatutMillesime(models.TextChoices):
    EN_COURS = "en_cours", _("Import en cours")
    PUBLIE = "publie", _("Publié")
    ARCHIVE = "archive", _("Archivé (consultable, non publié)")
    ECHEC = "echec", _("En échec")


# An import ends published, or kept unpublished (older than the published one); staff then move
# the publication from one finished vintage to another; a failed import may be resumed.
declarer_transitions(
    StatutMillesime,
    {
        StatutMillesime.EN_COURS: {StatutMillesime.PUBLIE, StatutMillesime.ARCHIVE, StatutMillesime.ECHEC},
        StatutMillesime.PUBLIE: {StatutMillesime.ARCHIVE},
        StatutMillesime.ARCHIVE: {StatutMillesime.PUBLIE},
        StatutMillesime.ECHEC: {StatutMillesime.EN_COURS},
    },
)


# INSEE "tranche d'effectif salarié" codes → (label, low bound, high bound). The high bound of
# the last range is open: the estimate uses the low bound there.
TRANCHES = {
    "NN": (_("Non employeur ou effectif inconnu"), 0, 0),
    "00": (_("0 salarié"), 0, 0),
    "01": (_("1 ou 2 salariés"), 1, 2),
    "02": (_("3 à 5 salariés"), 3, 5),
    "03": (_("6 à 9 salariés"), 6, 9),
    "11": (_("10 à 19 salariés"), 10, 19),
    "12": (_("20 à 49 salariés"), 20, 49),
    "21": (_("50 à 99 salariés"), 50, 99),
    "22": (_("100 à 199 salariés"), 100, 199),
    "31": (_("200 à 249 salariés"), 200, 249),
    "32": (_("250 à 499 salariés"), 250, 499),
    "41": (_("500 à 999 salariés"), 500, 999),
    "42": (_("1 000 à 1 999 salariés"), 1000, 1999),
    "51": (_("2 000 à 4 999 salariés"), 2000, 4999),
    "52": (_("5 000 à 9 999 salariés"), 5000, 9999),
    "53": (_("10 000 salariés et plus"), 10000, 10000),
}

# Coarser groups for charts: INSEE codes → displayed size class.
GROUPES_TRANCHES = [
    ("sans", _("Sans salarié ou inconnu"), {"NN", "00", ""}),
    ("1-9", _("1 à 9 salariés"), {"01", "02", "03"}),
    ("10-49", _("10 à 49 salariés"), {"11", "12"}),
    ("50-249", _("50 à 249 salariés"), {"21", "22", "31"}),
    ("250+", _("250 salariés et plus"), {"32", "41", "42", "51", "52", "53"}),
]


def groupe_tranche(code: str) -> str:
    for cle, _libelle, codes in GROUPES_TRANCHES:
        if code in codes:
            return cle
    return "sans"


def emplois_tranche(code: str) -> tuple[int, int, float]:
    """(low, high, central estimate) of salaried jobs for one establishment in this range."""
    _libelle, bas, haut = TRANCHES.get(code, ("", 0, 0))
    return bas, haut, (bas + haut) / 2


# NAF rév. 2 sections: first two digits of the code (division) → section letter.
SECTIONS_NAF = {
    "A": (_("Agriculture, sylviculture et pêche"), range(1, 4)),
    "B": (_("Industries extractives"), range(5, 10)),
    "C": (_("Industrie manufacturière"), range(10, 34)),
    "D": (_("Électricité, gaz, vapeur et air conditionné"), range(35, 36)),
    "E": (_("Eau, assainissement, déchets et dépollution"), range(36, 40)),
    "F": (_("Construction"), range(41, 44)),
    "G": (_("Commerce ; réparation d'automobiles et de motocycles"), range(45, 48)),
    "H": (_("Transports et entreposage"), range(49, 54)),
    "I": (_("Hébergement et restauration"), range(55, 57)),
    "J": (_("Information et communication"), range(58, 64)),
    "K": (_("Activités financières et d'assurance"), range(64, 67)),
    "L": (_("Activités immobilières"), range(68, 69)),
    "M": (_("Activités spécialisées, scientifiques et techniques"), range(69, 76)),
    "N": (_("Activités de services administratifs et de soutien"), range(77, 83)),
    "O": (_("Administration publique"), range(84, 85)),
    "P": (_("Enseignement"), range(85, 86)),
    "Q": (_("Santé humaine et action sociale"), range(86, 89)),
    "R": (_("Arts, spectacles et activités récréatives"), range(90, 94)),
    "S": (_("Autres activités de services"), range(94, 97)),
    "T": (_("Activités des ménages en tant qu'employeurs"), range(97, 99)),
    "U": (_("Activités extra-territoriales"), range(99, 100)),
}
SECTION_PAR_DIVISION = {f"{d:02d}": lettre for lettre, (_l, divs) in SECTIONS_NAF.items() for d in divs}


def section_naf(code: str | None) -> str:
    """Section letter of a NAF code ("88.99B" → "Q"); "" when unknown."""
    return SECTION_PAR_DIVISION.get((code or "")[:2], "")


# Legal categories most frequent in the ESS (INSEE nomenclature, niveau III) for the décret list.
CATEGORIES_JURIDIQUES = {
    "9210": "Association non déclarée",
    "9220": "Association déclarée",
    "9221": "Association déclarée d'insertion par l'économique",
    "9222": "Association intermédiaire",
    "9223": "Groupement d'employeurs",
    "9224": "Association d'avocats à responsabilité professionnelle individuelle",
    "9230": "Association déclarée, reconnue d'utilité publique",
    "9240": "Congrégation",
    "9260": "Association de droit local (Bas-Rhin, Haut-Rhin et Moselle)",
    "9300": "Fondation",
    "8210": "Mutuelle",
    "8250": "Assurance mutuelle agricole",
    "8290": "Autre organisme mutualiste",
    "6411": "Société d'assurance à forme mutuelle",
    "6316": "Coopérative d'utilisation de matériel agricole en commun (CUMA)",
    "6317": "Société coopérative agricole",
    "6318": "Union de sociétés coopératives agricoles",
    "5191": "Société de caution mutuelle",
    "5192": "Société coopérative de banque populaire",
    "5193": "Caisse de crédit maritime mutuel",
    "5194": "Caisse (fédérale) de crédit mutuel",
    "5195": "Association coopérative inscrite (droit local Alsace Moselle)",
    "5196": "Caisse d'épargne et de prévoyance à forme coopérative",
    "5458": "SARL coopérative ouvrière de production (SCOP)",
    "5459": "SARL union de sociétés coopératives",
    "5460": "Autre SARL coopérative",
    "5558": "SA coopérative ouvrière de production (SCOP) à conseil d'administration",
    "5560": "Autre SA coopérative à conseil d'administration",
    "5658": "SA coopérative ouvrière de production (SCOP) à directoire",
    "5660": "Autre SA coopérative à directoire",
    "5499": "Société à responsabilité limitée (sans autre indication)",
    "5599": "SA à conseil d'administration (s.a.i.)",
    "5710": "SAS, société par actions simplifiée",
    "5720": "Société par actions simplifiée à associé unique",
}
