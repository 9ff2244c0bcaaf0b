"""Rate limits shared by every form open to anonymous visitors, counted in the Django cache.

Fixed windows: the counter's key carries the window number, so every process sharing the cache
(Redis or the database cache in production) counts together, and the wait until the next window
gives ``Retry-After`` exactly. Client addresses and e-mails are hashed (with the secret key)
before they reach the cache.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def empreinte(valeur: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{valeur}".encode()).hexdigest()[:32]


def adresse_client(request) -> str:
    """The client's address: REMOTE_ADDR, or, behind ``PROXIES_DE_CONFIANCE`` proxies, the
    address the outermost trusted proxy saw (the same rule as DRF's ``NUM_PROXIES``)."""
    mandataires = settings.PROXIES_DE_CONFIANCE
    transmis = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if mandataires and transmis:
        adresses = [a.strip() for a in transmis.split(",")]
        return adresses[-min(mandataires, len(adresses))]
    return request.META.get("REMOTE_ADDR", "")


def empreinte_ip(request) -> str:
    return empreinte(adresse_client(request))


def compter(action: str, cle: str, maximum: int, fenetre_s: int) -> int:
    """Count one attempt of ``action`` for ``cle``; 0 while allowed, else the seconds to wait."""
    maintenant = time.time()
    fenetre = int(maintenant // fenetre_s)
    nom = f"limite:{action}:{cle}:{fenetre}"
    cache.add(nom, 0, fenetre_s + 1)
    try:
        compte = cache.incr(nom)
    except ValueError:  # expired between add and incr
        cache.set(nom, 1, fenetre_s + 1)
        compte = 1
    if compte <= maximum:
        return 0
    return max(1, int((fenetre + 1) * fenetre_s - maintenant) + 1)


def limite_atteinte(request, action: str, maximum: int, fenetre_s: int) -> bool:
    """Count one attempt of ``action`` by this client address; True once over ``maximum``."""
    return bool(compter(action, empreinte_ip(request), maximum, fenetre_s))
