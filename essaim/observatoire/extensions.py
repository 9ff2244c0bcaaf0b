"""Extension point of the territory pages: other apps add a section without the observatory
importing them (no cycle). A provider is ``fonction(niveau, code) -> dict | None``; the dict
holds ``gabarit`` (a template included on the page) and whatever that template reads.
Registered in the provider app's ``AppConfig.ready()``; never cached with the figures."""

from collections.abc import Callable

_SECTIONS: list[Callable] = []


def enregistrer_section(fonction: Callable) -> Callable:
    if fonction not in _SECTIONS:
        _SECTIONS.append(fonction)
    return fonction


def sections(niveau: str, code: str) -> list[dict]:
    return [s for s in (fonction(niveau, code) for fonction in _SECTIONS) if s]
