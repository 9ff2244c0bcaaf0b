"""Recorded-response fake of the HTTP transport (tests, offline demos).

with transport_enregistre():            # replays providers/enregistrements/*.json
    rechercher("35600000000048")
"""

import contextlib
import json
from pathlib import Path

from . import ban, recherche_entreprises, transport

DOSSIER = Path(__file__).parent / "enregistrements"


def _charger(nom):
    return json.loads((DOSSIER / nom).read_text(encoding="utf-8"))


class TransportEnregistre:
    """Answers from recorded responses keyed by (service, query); unknown queries get an
    empty real-format answer, as the real services do."""

    def __init__(self):
        self.appels = []
        self.entreprises = _charger("recherche_entreprises.json")
        self.adresses = _charger("ban.json")

    def __call__(self, url, params, timeout=transport.DELAI_SECONDES):
        self.appels.append((url, dict(params)))
        q = str(params.get("q", "")).strip().lower()
        if url == recherche_entreprises.URL:
            for cle, reponse in self.entreprises.items():
                if q and any(alt in q or q in alt for alt in cle.lower().split("|")):
                    return reponse
            return {"results": [], "total_results": 0, "page": 1, "per_page": params.get("per_page", 5)}
        if url == ban.URL:
            for cle, reponse in self.adresses.items():
                if cle.lower() in q:
                    return reponse
            return {"type": "FeatureCollection", "version": "draft", "features": [], "query": q}
        raise transport.Indisponible(f"service inconnu {url}")


@contextlib.contextmanager
def transport_enregistre():
    faux = TransportEnregistre()
    ancien = transport.get_json
    transport.get_json = faux
    try:
        yield faux
    finally:
        transport.get_json = ancien
