"""A database write that could not get SQLite's lock is a 503 to retry, never a 500.

Bulk jobs keep their write transactions short (``commun/flux.py``), so a visitor's write
waits at most a second or so; if it still times out (``busy_timeout``), the visitor gets a
French page that keeps what they typed and resends it in one click (HTML), or a JSON 503
(API), both with ``Retry-After``. The event is logged with the bulk jobs running then.
"""

import sys
import time

from django.core.signals import got_request_exception
from django.db import OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .flux import base_embarquee, journal, travaux_en_cours

RETRY_AFTER = 5  # seconds
_MARQUE = "_essaim_base_verrouillee"
# Never sent back into the page: the token is renewed, secrets are typed again.
_CHAMPS_NON_RENVOYES = ("csrfmiddlewaretoken",)


def base_verrouillee(erreur: BaseException | None) -> bool:
    return isinstance(erreur, OperationalError) and "locked" in str(erreur) and base_embarquee()


def _champs_a_renvoyer(request) -> list[tuple[str, str]]:
    if request.method != "POST":
        return []
    return [
        (nom, valeur)
        for nom, valeurs in request.POST.lists()
        if nom not in _CHAMPS_NON_RENVOYES and "password" not in nom and "mot_de_passe" not in nom
        for valeur in valeurs
    ]


def reponse_base_occupee(request):
    if request.path.startswith("/api/"):
        reponse = JsonResponse(
            {
                "detail": _(
                    "La base de données est momentanément occupée par un traitement de masse ; "
                    "rien n'a été enregistré. Réessayez dans quelques secondes."
                ),
                "code": "base_occupee",
            },
            status=503,
        )
    else:
        reponse = render(
            request,
            "commun/base_occupee.html",
            {
                "champs": _champs_a_renvoyer(request),
                "fichiers": bool(request.method == "POST" and request.FILES),
                "action": request.get_full_path(),
                "methode_post": request.method == "POST",
            },
            status=503,
        )
    reponse["Retry-After"] = str(RETRY_AFTER)
    reponse["Cache-Control"] = "no-store"
    return reponse


def _noter(sender, request=None, **kwargs):
    """Remember on the request that the uncaught exception was a locked database (raised by
    another middleware, e.g. a session save, where ``process_exception`` does not see it)."""
    if request is not None and base_verrouillee(sys.exc_info()[1]):
        setattr(request, _MARQUE, True)


got_request_exception.connect(_noter, dispatch_uid="essaim-base-verrouillee")


class BaseOccupeeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._essaim_debut = time.monotonic()
        reponse = self.get_response(request)
        if reponse.status_code == 500 and getattr(request, _MARQUE, False):
            self._journaliser(request)
            return reponse_base_occupee(request)
        return reponse

    def process_exception(self, request, exception):
        if not base_verrouillee(exception):
            return None
        self._journaliser(request)
        return reponse_base_occupee(request)

    @staticmethod
    def _journaliser(request):
        debut = getattr(request, "_essaim_debut", None)
        attente = 0.0 if debut is None else time.monotonic() - debut
        travaux = travaux_en_cours()
        journal.warning(
            "Base verrouillée : %s %s refusée (503) après %.1f s ; travaux de masse en cours : %s",
            request.method,
            request.path,
            attente,
            ", ".join(f"{t['nom']} (pid {t['pid']})" for t in travaux) or "aucun déclaré",
        )
