"""Extension points of the conference, filled by apps that build on it.

The conference imports none of them (no dependency cycle): an app registers a function in
its ``AppConfig.ready()``; the conference calls what is registered.

- ``ajouter_bloc_rapport(fonction)``: ``fonction(conference) -> dict | None`` adds a block to
  the report page, ``{"titre": str, "texte": str, "lien": str, "libelle_lien": str,
  "elements": [{"libelle": str, "href": str, "detail": str}]}`` (the resource library lists
  the items born from the edition).
"""

from collections.abc import Callable

_blocs_rapport: list[Callable] = []


def ajouter_bloc_rapport(fonction: Callable) -> Callable:
    if fonction not in _blocs_rapport:
        _blocs_rapport.append(fonction)
    return fonction


def blocs_rapport(conference) -> list[dict]:
    return [bloc for bloc in (f(conference) for f in _blocs_rapport) if bloc]
