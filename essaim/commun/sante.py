"""Health of this server for load balancers and monitoring (``GET /sante/``).

The server is healthy when it can read its database and its cache: without them it cannot
serve pages, so ``/sante/`` answers 503 and the load balancer takes it out. The task queue is
shared by every server: its lag is reported (and flagged beyond ``ESSAIM_SANTE_RETARD_MAX``)
but never makes one server unhealthy. No secret, host name or error message is given out.
"""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone


def _chrono(fonction):
    debut = time.perf_counter()
    try:
        details = fonction() or {}
    except Exception as erreur:  # any failure is the answer, never a 500
        return {"ok": False, "erreur": type(erreur).__name__}
    return {"ok": True, "ms": round(1000 * (time.perf_counter() - debut), 1), **details}


def _base():
    with connection.cursor() as curseur:
        curseur.execute("SELECT 1")
        curseur.fetchone()


def _cache():
    cle, valeur = "essaim:sante", uuid.uuid4().hex
    cache.set(cle, valeur, 30)
    if cache.get(cle) != valeur:
        raise RuntimeError("lecture du cache différente de l'écriture")


def _taches():
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != "django_tasks_db.backend.DatabaseBackend":
        return {"file": backend.rsplit(".", 1)[-1]}
    from django.db.models import Min
    from django_tasks_db.models import DBTaskResult

    pretes = DBTaskResult.objects.ready()
    resume = pretes.aggregate(plus_ancienne=Min("enqueued_at"))
    retard = 0.0
    if resume["plus_ancienne"] is not None:
        retard = max(0.0, (timezone.now() - resume["plus_ancienne"]).total_seconds())
    return {
        "file": "base de données",
        "en_attente": pretes.count(),
        "en_cours": DBTaskResult.objects.running().count(),
        "retard_s": round(retard, 1),
        "alerte": retard > settings.ESSAIM_SANTE_RETARD_MAX,
    }


def etat() -> tuple[bool, dict]:
    """(healthy?, JSON-ready details)."""
    base = _chrono(_base)
    verifications = {"base": base, "cache": _chrono(_cache)}
    verifications["taches"] = _chrono(_taches) if base["ok"] else {"ok": False, "erreur": "base"}
    sain = verifications["base"]["ok"] and verifications["cache"]["ok"]
    return sain, {"statut": "ok" if sain else "erreur", "verifications": verifications}


class SanteMiddleware:
    """Answer ``/sante/`` before anything else.

    First in MIDDLEWARE, so that a load balancer probing the server by its address, over plain
    HTTP, gets the health and not a 400 (host not in ALLOWED_HOSTS) or a redirect to HTTPS;
    and no session, language or CSRF work is done for a probe sent every few seconds.
    """

    CHEMIN = "/sante/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != self.CHEMIN:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return JsonResponse({"statut": "erreur", "message": "GET uniquement"}, status=405)
        sain, details = etat()
        reponse = JsonResponse(
            details, status=200 if sain else 503, json_dumps_params={"ensure_ascii": False}
        )
        reponse["Cache-Control"] = "no-store"
        return reponse
