"""Named computations read from the directory's public index (see commun/indicateurs.py).

``annuaire-fiches-publiees`` is declared here, on the read side, so that it is by construction
the ``count`` of ``GET /api/v1/structures/?region=<code>``."""

from essaim.commun.indicateurs import REGION, calcul


@calcul(
    "annuaire-fiches-publiees",
    libelle="Fiches publiées dans l'annuaire",
    unite="fiches",
    parametres=(REGION,),
    description="Fiches publiées de la région : le même compte que l'API /api/v1/structures/?region=…",
)
def fiches_publiees(*, region, debut=None, fin=None):
    from .lecture import FiltresInvalides, compter, lire_filtres

    try:
        filtres = lire_filtres({"region": [region]})
    except FiltresInvalides:  # a région with no record yet is not in the vocabulary
        return 0
    return compter(filtres)
