"""The open datasets, as a small registry: other apps (the observatory) add theirs with
``enregistrer(JeuDeDonnees(...))`` in their AppConfig.ready().

A dataset declares its fields (``essaim.commun.exports.Champ``, which also give the Table
Schema), a row iterator taking the request's query parameters, its licence and how to
find its last update date.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from essaim.commun.exports import Champ

LICENCE_OUVERTE = {
    "nom": "Licence Ouverte / Open Licence 2.0 (Etalab)",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "spdx": "etalab-2.0",
}


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


_jeux: dict[str, JeuDeDonnees] = {}


def enregistrer(jeu: JeuDeDonnees) -> JeuDeDonnees:
    _jeux[jeu.slug] = jeu
    return jeu


def jeux() -> list[JeuDeDonnees]:
    return list(_jeux.values())


def jeu(slug: str) -> JeuDeDonnees | None:
    return _jeux.get(slug)
