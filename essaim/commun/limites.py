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


def empreinte_ip(request) -> str:
    return empreinte(request.META.get("REMOTE_ADDR", ""))


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
