"""The open datasets, as a small registry: each app adds its own with
``enregistrer(JeuDeDonnees(...))`` in its AppConfig.ready().

A dataset declares its fields (``essaim.commun.exports.Champ``, which also give the Table
Schema), a row iterator taking the request's query parameters, its licence and how to
find its last update date. The DCAT-AP catalogue (``/opendata/catalogue.jsonld``, ``.ttl``)
is built from this registry alone: a dataset registered here is harvested, nothing else to do.

Catalogue metadata, all with defaults so that a dataset declared with the first fields only
stays valid:

- ``themes``: codes of the EU "data theme" table (``SOCI``, ``ECON``, ``REGI``, ``GOVE``,
  ``ENVI``, ``EDUC``…), http://publications.europa.eu/resource/authority/data-theme;
- ``frequence``: code of the EU "frequency" table (``ANNUAL``, ``MONTHLY``, ``WEEKLY``,
  ``DAILY``, ``CONT`` for continuously updated, ``IRREG``…);
- ``couverture_temporelle``: ``() -> (début, fin)`` dates (either may be None);
- ``declinaisons``: ``() -> iterable of Declinaison``: the same dataset restricted by query
  parameters (one per région, per région and year, per edition…). Each becomes a dataset of
  its own in the catalogue, whose files are the dataset's files with those parameters: the
  row iterator must honour them;
- ``regions``: ``() -> iterable of région INSEE codes`` covered by the whole dataset (default:
  the whole country).

``mise_a_jour`` must change whenever a row of the files may change: it dates the files
(``Last-Modified``) and enters their ``ETag``; where a deletion does not move it, give
``version`` too (a token that does, such as a row count).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from essaim.commun.exports import Champ

LICENCE_OUVERTE = {
    "nom": "Licence Ouverte / Open Licence 2.0 (Etalab)",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "spdx": "etalab-2.0",
}

# EU authority tables (publications office): the catalogue writes their full URIs.
THEMES = {
    "AGRI": "Agriculture, pêche, sylviculture et alimentation",
    "ECON": "Économie et finances",
    "EDUC": "Éducation, culture et sport",
    "ENER": "Énergie",
    "ENVI": "Environnement",
    "GOVE": "Gouvernement et secteur public",
    "REGI": "Régions et villes",
    "SOCI": "Population et société",
    "TECH": "Science et technologie",
    "TRAN": "Transports",
}
FREQUENCES = {
    "CONT": "mise à jour continue",
    "DAILY": "quotidienne",
    "WEEKLY": "hebdomadaire",
    "MONTHLY": "mensuelle",
    "QUARTERLY": "trimestrielle",
    "ANNUAL": "annuelle",
    "IRREG": "irrégulière",
}


class ParametresInvalides(ValueError):
    """Bad query parameters of a dataset's files: ``erreurs`` maps each parameter to French
    messages (the files answer 400 with them)."""

    def __init__(self, erreurs: dict[str, list[str]]):
        super().__init__(erreurs)
        self.erreurs = erreurs


@dataclass(frozen=True)
class Declinaison:
    """A slice of a dataset: its files are the dataset's files with ``parametres``."""

    cle: str  # stable, URL-safe: "32", "32-2025", "hdf-2024"
    titre: str  # appended to the dataset's title: "Hauts-de-France, 2025"
    parametres: dict[str, str]
    region: str | None = None  # INSEE code of the région covered
    debut: datetime.date | None = None
    fin: datetime.date | None = None
    modifie: object = None  # datetime | date | None (default: the dataset's)


@dataclass
class JeuDeDonnees:
    slug: str
    titre: str
    description: str
    champs: list[Champ]
    lignes: Callable[[object], Iterable[dict]]  # query params -> rows (streamed)
    mise_a_jour: Callable[[], object]  # -> datetime | None
    coordonnees: Callable[[dict], tuple[float, float] | None] | None = None
    formats: tuple[str, ...] = ("csv", "xlsx", "json", "geojson")
    licence: dict = field(default_factory=lambda: dict(LICENCE_OUVERTE))
    producteur: str = "CRESS"
    mots_cles: tuple[str, ...] = ()
    valider: Callable[[object], object] | None = None  # raises ValueError-like with .erreurs
    themes: tuple[str, ...] = ("SOCI", "ECON")
    frequence: str = "IRREG"
    couverture_temporelle: Callable[[], tuple[object, object]] | None = None
    declinaisons: Callable[[], Iterable[Declinaison]] | None = None
    regions: Callable[[], Iterable[str]] | None = None
    version: Callable[[], str] | None = None  # extra ETag token (e.g. a row count: deletions)


_jeux: dict[str, JeuDeDonnees] = {}


def enregistrer(jeu: JeuDeDonnees) -> JeuDeDonnees:
    inconnus = [t for t in jeu.themes if t not in THEMES]
    if inconnus or jeu.frequence not in FREQUENCES:
        raise ValueError(f"Jeu « {jeu.slug} » : thème ou fréquence inconnus ({inconnus or jeu.frequence}).")
    _jeux[jeu.slug] = jeu
    return jeu


def jeux() -> list[JeuDeDonnees]:
    return list(_jeux.values())


def jeu(slug: str) -> JeuDeDonnees | None:
    return _jeux.get(slug)
