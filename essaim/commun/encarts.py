"""Extension points in another app's templates, without importing that app.

An app that knows nothing of the directory's record page can still add a badge to it: the
page declares a slot (``{% encarts "annuaire.fiche.badges" structure as badges %}``) and any
app registers, in its ``AppConfig.ready()``, a function that returns what to show there::

    encarts.enregistrer("annuaire.fiche.badges", badges_adherent)

Each function receives the object and the user, and returns a list of ``Encart`` (a label,
an optional title and link, a CSS modifier). The directory never imports the apps that
fill its slots, so no dependency cycle appears.
"""

from collections.abc import Callable
from dataclasses import dataclass

_EMPLACEMENTS: dict[str, list[Callable]] = {}


@dataclass(frozen=True)
class Encart:
    libelle: str
    titre: str = ""
    href: str = ""
    classe: str = ""


def enregistrer(emplacement: str, fonction: Callable) -> Callable:
    fonctions = _EMPLACEMENTS.setdefault(emplacement, [])
    if fonction not in fonctions:
        fonctions.append(fonction)
    return fonction


def encarts(emplacement: str, objet, user=None) -> list[Encart]:
    resultat = []
    for fonction in _EMPLACEMENTS.get(emplacement, []):
        resultat.extend(fonction(objet, user) or [])
    return resultat
