"""HTTP GET returning JSON, with a timeout. Swappable: tests install a recorded-response fake."""

import json
import logging
import urllib.parse
import urllib.request

logger = logging.getLogger(__name__)
DELAI_SECONDES = 4


class Indisponible(Exception):
    """The service could not be reached or answered garbage: the caller degrades gracefully."""


def get_json(url: str, params: dict, timeout: float = DELAI_SECONDES) -> dict:
    adresse = f"{url}?{urllib.parse.urlencode(params)}"
    requete = urllib.request.Request(
        adresse, headers={"User-Agent": "Essaim (CRESS)", "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(requete, timeout=timeout) as reponse:
            return json.loads(reponse.read().decode("utf-8"))
    except Exception as erreur:  # network down, DNS, timeout, blocked socket, bad JSON
        logger.info("Service indisponible %s : %s", url, erreur)
        raise Indisponible(str(erreur)) from erreur
