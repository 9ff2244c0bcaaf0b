"""Normalised form of a resource's URL, the key that deduplicates the library.

Two spellings of one page must give one key: scheme (http/https), ``www.``, letter case of
the host, default port, fragment, trailing slash, tracking parameters and parameter order
do not make a different resource."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from essaim.commun.normalisation import normaliser_nom

_SUIVI = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|xtor)$", re.IGNORECASE)


def normaliser_url(url: str) -> str:
    """``https://www.UDES.fr/mesure/?utm_source=x#haut`` → ``udes.fr/mesure``; "" for no URL."""
    url = (url or "").strip()
    if not url:
        return ""
    if "://" not in url:
        url = "http://" + url
    parties = urlsplit(url)
    hote = (parties.hostname or "").lower().rstrip(".")
    if hote.startswith("www."):
        hote = hote[4:]
    port = parties.port
    if port and port not in (80, 443):
        hote = f"{hote}:{port}"
    chemin = re.sub(r"/{2,}", "/", parties.path or "").rstrip("/")
    brutes = parse_qsl(parties.query, keep_blank_values=True)
    parametres = sorted((k, v) for k, v in brutes if not _SUIVI.match(k))
    requete = f"?{urlencode(parametres)}" if parametres else ""
    return f"{hote}{chemin}{requete}"[:500]


def cle_sans_url(titre: str, editeur: str) -> str:
    """Deduplication key of a resource without URL: folded title and publisher."""
    return f"{normaliser_nom(titre)}|{normaliser_nom(editeur)}"[:400]
