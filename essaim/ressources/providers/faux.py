"""Recorded-response fake of the link checker (tests, offline demos).

with liens_enregistres() as faux:      # replays providers/enregistrements/liens.json
    verifier("https://www.udes.fr/mesure-de-limpact-environnemental")

A URL absent from the recordings is "injoignable", as on a machine without network.
"""

import contextlib
import json
from pathlib import Path

from . import liens

DOSSIER = Path(__file__).parent / "enregistrements"


class TransportEnregistre:
    def __init__(self):
        self.appels = []
        self.reponses = json.loads((DOSSIER / "liens.json").read_text(encoding="utf-8"))

    def __call__(self, url, timeout=liens.DELAI_SECONDES):
        self.appels.append(url)
        enregistree = self.reponses.get(url)
        if enregistree is None:
            raise liens.Injoignable("<urlopen error [Errno -3] Temporary failure in name resolution>")
        return liens.ReponseHTTP(enregistree["status"], enregistree.get("url", url))


@contextlib.contextmanager
def liens_enregistres():
    faux = TransportEnregistre()
    ancien = liens.transport
    liens.transport = faux
    try:
        yield faux
    finally:
        liens.transport = ancien
