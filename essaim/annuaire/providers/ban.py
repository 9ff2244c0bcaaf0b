"""Base Adresse Nationale geocoder (https://api-adresse.data.gouv.fr/search/)."""

from dataclasses import dataclass

from . import transport
from .transport import Indisponible

URL = "https://api-adresse.data.gouv.fr/search/"
SCORE_MINIMAL = 0.5
__all__ = ["URL", "Geocodage", "Indisponible", "geocoder"]


@dataclass
class Geocodage:
    latitude: float
    longitude: float
    score: float
    libelle: str
    code_commune: str
    code_postal: str


def geocoder(adresse: str, code_postal: str = "", code_commune: str = "") -> Geocodage | None:
    """The best match above SCORE_MINIMAL, None when nothing matches well enough.
    Raises Indisponible when the service is unreachable."""
    requete = " ".join(p for p in (adresse, code_postal) if p).strip()
    if len(requete) < 3:
        return None
    params = {"q": requete, "limit": 1}
    if code_commune:
        params["citycode"] = code_commune
    donnees = transport.get_json(URL, params)
    if not isinstance(donnees, dict) or "features" not in donnees:
        raise Indisponible("réponse inattendue")
    for feature in donnees["features"]:
        proprietes = feature.get("properties") or {}
        score = float(proprietes.get("score") or 0)
        if score < SCORE_MINIMAL:
            return None
        longitude, latitude = feature["geometry"]["coordinates"][:2]
        return Geocodage(
            latitude=float(latitude),
            longitude=float(longitude),
            score=score,
            libelle=proprietes.get("label", ""),
            code_commune=proprietes.get("citycode", ""),
            code_postal=proprietes.get("postcode", ""),
        )
    return None
