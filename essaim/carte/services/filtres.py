"""Filters shared by the map, the list API, facets and the open-data exports.

Query parameters (all optional, repeatable or comma-separated; OR inside a filter, AND
between filters): ``q``, ``theme``, ``transition``, ``famille``, ``agrement``, ``region``,
``departement``, ``epci``, ``commune``. Unknown values are rejected with a French message
naming the parameter and the value (HTTP 400), never silently ignored.
"""

from dataclasses import dataclass, field

from essaim.commun.ess import FamilleESS

from ..recherche.texte import RequeteInvalide, mots_requete
from . import codes as codes_service

DIMENSIONS_MASQUE = ("theme", "transition", "agrement")
DIMENSIONS_COLONNE = {
    "famille": "famille",
    "region": "region",
    "departement": "departement",
    "epci": "epci",
    "commune": "commune",
}
PARAMETRES = ("q", "theme", "transition", "famille", "agrement", "region", "departement", "epci", "commune")
# Dimensions whose single-value filters are pre-aggregated (clusters and facet counts).
DIMENSIONS_AGREGEES = ("famille", "theme", "transition", "agrement", "region", "departement")
VALEURS_MAX = 50


class FiltresInvalides(ValueError):
    def __init__(self, erreurs: dict[str, list[str]]):
        super().__init__("; ".join(f"{k} : {' '.join(v)}" for k, v in erreurs.items()))
        self.erreurs = erreurs


@dataclass
class Filtres:
    q: str = ""
    mots: list[str] = field(default_factory=list)
    valeurs: dict[str, list[str]] = field(default_factory=dict)
    # Per-request memo of the text search (services/texte.py): the count, the page and the
    # facets of one request share the same matches.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def a_valeurs(self) -> bool:
        """Whether any filter other than the text is set."""
        return any(self.valeurs.values())

    @property
    def vide(self) -> bool:
        return not self.mots and not self.a_valeurs

    def cle_agregee(self) -> str | None:
        """The pre-aggregated key answering these filters exactly, or None.

        '' for no filter; 'dimension:code' for exactly one value of one aggregated dimension.
        """
        if self.mots:
            return None
        actifs = [(d, v) for d, v in self.valeurs.items() if v]
        if not actifs:
            return ""
        if len(actifs) == 1 and len(actifs[0][1]) == 1 and actifs[0][0] in DIMENSIONS_AGREGEES:
            return f"{actifs[0][0]}:{actifs[0][1][0]}"
        return None

    def en_parametres(self) -> list[tuple[str, str]]:
        paires = [("q", self.q)] if self.q else []
        for d in PARAMETRES[1:]:
            paires += [(d, v) for v in self.valeurs.get(d, [])]
        return paires

    def sql(self, alias: str = "p") -> tuple[str, list]:
        """A WHERE fragment (always valid, "1=1" when empty) over carte_pointcarte ``alias``."""
        from ..recherche import moteur

        clauses, params = [], []
        for dim, colonne in DIMENSIONS_COLONNE.items():
            vals = self.valeurs.get(dim)
            if vals:
                marques = ", ".join(["%s"] * len(vals))
                if dim == "commune":  # a commune includes its municipal arrondissements
                    clauses.append(
                        f"({alias}.commune IN ({marques}) OR {alias}.commune IN "
                        f"(SELECT code FROM territoires_commune WHERE parent_id IN ({marques})))"
                    )
                    params += vals + vals
                else:
                    clauses.append(f"{alias}.{colonne} IN ({marques})")
                    params += vals
        for dim in DIMENSIONS_MASQUE:
            vals = self.valeurs.get(dim)
            if vals:
                masque = codes_service.masque_exact(dim, vals)
                debordants = codes_service.debordants(dim, vals)
                ou, ou_params = [], []
                if masque:
                    ou.append(f"({alias}.{dim}s_bits & %s) <> 0")
                    ou_params.append(masque)
                if debordants:  # past the 62nd code: the shared bit, then the exact code
                    exact, exact_params = codes_service.sql_portant(dim, debordants, alias)
                    ou.append(f"(({alias}.{dim}s_bits & %s) <> 0 AND {exact})")
                    ou_params += [1 << codes_service.DEBORDEMENT, *exact_params]
                # no bit at all: valid codes nobody carries yet, honestly empty
                clauses.append(f"({' OR '.join(ou)})" if ou else "1 = 0")
                params += ou_params
        if self.mots:
            sous_requete, sous_params = moteur().sql_ids(self.mots)
            clauses.append(f"{alias}.structure_id IN ({sous_requete})")
            params += sous_params
        return (" AND ".join(clauses) or "1 = 1"), params


def valeurs_parametre(donnees, cle: str) -> list[str]:
    """The values of a repeatable, comma-separated parameter, stripped and deduplicated."""
    brutes = donnees.getlist(cle) if hasattr(donnees, "getlist") else donnees.get(cle, [])
    if isinstance(brutes, str):
        brutes = [brutes]
    valeurs = []
    for brut in brutes:
        for v in str(brut).split(","):
            v = v.strip()
            if v and v not in valeurs:
                valeurs.append(v)
    return valeurs


def _connus(dim: str, valeurs: list[str]) -> tuple[list[str], list[str]]:
    """(normalised known values, unknown values) for a dimension."""
    if dim == "famille":
        table = {c.lower(): c for c in FamilleESS.values}
    elif dim in DIMENSIONS_MASQUE:
        table = {c.lower(): c for c in codes_service.codes_valides(dim)}
    else:
        table = None
    if table is not None:
        connus = [table[v.lower()] for v in valeurs if v.lower() in table]
        return connus, [v for v in valeurs if v.lower() not in table]
    return _territoires_connus(dim, valeurs)


def _territoires_connus(dim: str, valeurs: list[str]) -> tuple[list[str], list[str]]:
    from essaim.territoires.models import EPCI, Commune, Departement, Region

    modele = {"region": Region, "departement": Departement, "epci": EPCI, "commune": Commune}[dim]
    normalisees = [v.upper() if dim in ("departement", "commune") else v for v in valeurs]
    existants = set(modele.objects.filter(code__in=normalisees).values_list("code", flat=True))
    return [v for v in normalisees if v in existants], [
        v for v, n in zip(valeurs, normalisees, strict=True) if n not in existants
    ]


def lire_filtres(donnees) -> Filtres:
    """Validate filters from a QueryDict (or a dict of lists); raise FiltresInvalides."""
    erreurs: dict[str, list[str]] = {}
    q = (donnees.get("q") or "").strip() if hasattr(donnees, "get") else ""
    mots = []
    try:
        mots = mots_requete(q)
    except RequeteInvalide as e:
        erreurs["q"] = [str(e)]
    valeurs = {}
    for dim in PARAMETRES[1:]:
        brutes = valeurs_parametre(donnees, dim)
        if not brutes:
            continue
        if len(brutes) > VALEURS_MAX:
            erreurs[dim] = [f"Trop de valeurs ({len(brutes)}, au plus {VALEURS_MAX})."]
            continue
        connus, inconnus = _connus(dim, [b[:60] for b in brutes])
        if inconnus:
            erreurs[dim] = [f"Valeur inconnue : « {v} »." for v in inconnus[:5]]
        valeurs[dim] = connus
    if erreurs:
        raise FiltresInvalides(erreurs)
    return Filtres(q=q, mots=mots, valeurs=valeurs)
