"""The public interface of the read side: search, filters, facets, lists, index state.

Pages (the directory's list, the map), the API and the open-data exports call this module
only; ``carte.services`` and ``carte.recherche`` are private to the app. ``rechercher``
reads a query string the same way for every page (filters, commune typed by name, page
number within ``PAGE_MAX``) and reports bad values in French, by parameter.
"""

from dataclasses import dataclass, field

from django.db import connection

from .services import codes
from .services.filtres import PARAMETRES, Filtres, FiltresInvalides, lire_filtres, valeurs_parametre
from .services.liste import CHAMPS_COMPLETS, CHAMPS_LISTE, compter, facettes, ids_page, iterer, lignes

__all__ = [
    "CHAMPS_COMPLETS",
    "CHAMPS_LISTE",
    "PAGE_MAX",
    "Filtres",
    "FiltresInvalides",
    "Recherche",
    "compter",
    "etat_index",
    "facettes",
    "ids_page",
    "iterer",
    "libelles",
    "lignes",
    "lire_filtres",
    "precharger",
    "rechercher",
]

# Deepest page any list serves (pages, API): beyond, use filters or the open-data export.
PAGE_MAX = 2000

LIBELLES_PARAMETRES = {
    "q": "Recherche",
    "theme": "Thème",
    "transition": "Transition",
    "famille": "Famille de l'ESS",
    "agrement": "Statut ou agrément",
    "region": "Région",
    "departement": "Département",
    "epci": "Intercommunalité (EPCI)",
    "commune": "Commune",
    "page": "Page",
}


def libelles(dimension: str) -> dict[str, str]:
    """Code → label of a vocabulary dimension (theme, transition, agrement)."""
    return codes.libelles(dimension)


def avec_commune_resolue(get):
    """A copy of the query string where a commune typed by name ("Lille") is replaced by the
    INSEE code of its best match (59350); codes (including Corsica's 2A/2B) pass unchanged."""
    donnees = get.copy()
    saisie = (donnees.get("commune") or "").strip()
    if saisie and not saisie.upper().replace("A", "").replace("B", "").isdigit():
        from essaim.territoires.services import rechercher_communes

        trouvee = rechercher_communes(saisie, 1).first()
        if trouvee is not None:
            donnees.setlist("commune", [trouvee.code])
    return donnees


@dataclass
class Recherche:
    """A query string read once: filters (empty when invalid), the values the person chose
    (kept even when invalid, so the form can be corrected), errors, page and counts."""

    filtres: Filtres
    choisis: dict[str, list[str]]
    taille: int
    erreurs: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    total: int = 0
    comptes: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.taille))

    @property
    def debut(self) -> int:
        return (self.page - 1) * self.taille

    @property
    def erreurs_libellees(self) -> list[tuple[str, str]]:
        return [
            (LIBELLES_PARAMETRES.get(cle, cle), message)
            for cle, messages in self.erreurs.items()
            for message in messages
        ]

    def ids(self) -> list[int]:
        return ids_page(self.filtres, self.debut, self.taille)


def _lire_page(brut: str | None, total: int, taille: int) -> tuple[int, list[str]]:
    if brut in (None, ""):
        return 1, []
    try:
        numero = int(brut)
    except ValueError:
        return 1, [f"Nombre entier attendu, reçu « {brut[:40]} »."]
    pages = max(1, -(-total // taille))
    if not 1 <= numero <= min(pages, PAGE_MAX):
        return 1, [f"La page « {brut[:40]} » n'existe pas : il y a {pages} page(s)."]
    return numero, []


def rechercher(parametres, taille: int) -> Recherche:
    donnees = avec_commune_resolue(parametres)
    try:
        filtres = lire_filtres(donnees)
        recherche = Recherche(filtres, filtres.valeurs, taille)
    except FiltresInvalides as e:
        choisis = {d: valeurs_parametre(donnees, d) for d in PARAMETRES[1:]}
        recherche = Recherche(Filtres(), choisis, taille, erreurs=dict(e.erreurs))
    recherche.total = compter(recherche.filtres)
    if not recherche.erreurs:
        recherche.page, erreurs_page = _lire_page(parametres.get("page"), recherche.total, taille)
        if erreurs_page:
            recherche.erreurs["page"] = erreurs_page
    recherche.comptes = {
        dim: {f["valeur"]: f["count"] for f in valeurs}
        for dim, valeurs in facettes(recherche.filtres)["facettes"].items()
    }
    return recherche


def etat_index() -> tuple[str, object]:
    """(version token, last modification) of the index: changes with any indexed edit."""
    with connection.cursor() as c:
        c.execute(
            "SELECT (SELECT MAX(modifie_le) FROM carte_pointcarte), "
            "(SELECT nombre FROM carte_comptefacette WHERE cle_filtre = '' AND cle_facette = '')"
        )
        derniere, nombre = c.fetchone()
    if isinstance(derniere, str):
        from .services.indexation import _aware

        derniere = _aware(derniere)
    return f"{derniere.isoformat() if derniere else '-'}:{nombre or 0}", derniere


def precharger() -> None:
    """Load this process's in-memory filter and position columns now (gunicorn calls it as a
    worker starts, so that the first request does not pay for it)."""
    from .services import memoire

    memoire.regler_allocateur()
    memoire.colonnes()
