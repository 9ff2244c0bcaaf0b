"""Checking that a resource's URL still answers, behind a swappable transport.

``verifier(url)`` returns a ``ResultatLien``: ``valide`` (2xx/3xx after redirects), ``mort``
(the server answered that the page is gone: 404, 410, or the host name does not exist on a
machine that resolves names), or ``injoignable`` (no network, timeout, refused, 5xx, a 401/403
that blocks robots: we cannot tell, nothing is flagged). Offline, every check is
``injoignable``: the library degrades to "not checked", never to "dead".

Tests install the recorded-response fake (``providers.faux.liens_enregistres``); the network
is blocked there anyway (pytest-socket).
"""

import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from ..enums import EtatLien

logger = logging.getLogger(__name__)
DELAI_SECONDES = 6
USER_AGENT = "Essaim (CRESS) - verification des liens de la bibliotheque de ressources"
CODES_MORTS = {404, 410}


@dataclass(frozen=True)
class ReponseHTTP:
    statut: int
    url_finale: str = ""


class Injoignable(Exception):
    """No answer from the server (network down, DNS, timeout, TLS, blocked socket)."""


@dataclass(frozen=True)
class ResultatLien:
    etat: str
    code: int | None = None
    detail: str = ""


def _requete(url: str, methode: str, timeout: float) -> ReponseHTTP:
    requete = urllib.request.Request(url, method=methode, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(requete, timeout=timeout) as reponse:
            return ReponseHTTP(reponse.status, reponse.geturl())
    except urllib.error.HTTPError as erreur:
        return ReponseHTTP(erreur.code, url)
    except Exception as erreur:  # URLError, timeout, TLS, socket blocked in tests
        logger.info("Lien injoignable %s : %s", url, erreur)
        raise Injoignable(str(erreur)) from erreur


def transport_http(url: str, timeout: float = DELAI_SECONDES) -> ReponseHTTP:
    """HEAD first (cheap); servers that refuse HEAD get a GET."""
    reponse = _requete(url, "HEAD", timeout)
    if reponse.statut in (403, 405, 501):
        reponse = _requete(url, "GET", timeout)
    return reponse


# Swapped by tests and offline demos (see providers/faux.py).
transport = transport_http


def verifier(url: str) -> ResultatLien:
    try:
        reponse = transport(url)
    except Injoignable as erreur:
        return ResultatLien(EtatLien.INJOIGNABLE, None, f"Pas de réponse : {str(erreur)[:150]}")
    if reponse.statut in CODES_MORTS:
        return ResultatLien(EtatLien.MORT, reponse.statut, f"Page introuvable (erreur {reponse.statut})")
    if reponse.statut < 400:
        return ResultatLien(EtatLien.VALIDE, reponse.statut, f"Réponse {reponse.statut}")
    return ResultatLien(
        EtatLien.INJOIGNABLE, reponse.statut, f"Réponse {reponse.statut} : le site n'a pas pu être vérifié"
    )
