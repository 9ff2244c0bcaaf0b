"""The observatory's named computations (see commun/indicateurs.py)."""

from essaim.commun.indicateurs import REGION, calcul


@calcul(
    "observatoire-couverture-annuaire",
    libelle="Couverture du périmètre ESS SIRENE par l'annuaire",
    unite="%",
    parametres=(REGION,),
    description=(
        "Part des établissements actifs de l'ESS (SIRENE, dernier millésime) de la région qui ont "
        "une fiche publiée dans l'annuaire (même SIRET), en pourcentage."
    ),
)
def couverture_annuaire(*, region, debut=None, fin=None):
    from essaim.territoires.enums import Niveau

    from .services.annuaire import couverture
    from .services.chiffres import millesime_publie

    resultat = couverture(Niveau.REGION, region, millesime_publie())
    if not resultat or resultat["taux"] is None:
        return None
    return round(resultat["taux"] * 100, 1)
