"""Extension point of an application's page: other apps add links (the laureate's follow-up)
without this app importing them (no cycle). A provider is ``fonction(user, candidature) ->
list of {"libelle": str, "href": str}``, registered in the provider's ``AppConfig.ready()``."""

from collections.abc import Callable

_LIENS: list[Callable] = []


def enregistrer_liens(fonction: Callable) -> Callable:
    if fonction not in _LIENS:
        _LIENS.append(fonction)
    return fonction


def liens(user, candidature) -> list[dict]:
    return [lien for fonction in _LIENS for lien in fonction(user, candidature) or []]
