"""GET /sante/: health of the server for load balancers."""

from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_serveur_sain(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    reponse = client.get("/sante/")
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "application/json" and reponse["Cache-Control"] == "no-store"
    corps = reponse.json()
    assert corps["statut"] == "ok"
    assert corps["verifications"]["base"]["ok"] is True
    assert corps["verifications"]["cache"]["ok"] is True
    assert corps["verifications"]["taches"] == {
        "ok": True,
        "ms": corps["verifications"]["taches"]["ms"],
        "file": "base de données",
        "en_attente": 0,
        "en_cours": 0,
        "retard_s": 0.0,
        "alerte": False,
    }


def test_retard_de_la_file_des_taches(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    settings.ESSAIM_SANTE_RETARD_MAX = 60
    for minutes in (2, 0):
        tache = DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="essaim.conference.taches.generer_rapport",
            backend_name="default",
            run_after=timezone.now(),
        )
        DBTaskResult.objects.filter(pk=tache.pk).update(
            enqueued_at=timezone.now() - timedelta(minutes=minutes)
        )
    reponse = client.get("/sante/")
    taches = reponse.json()["verifications"]["taches"]
    assert taches["en_attente"] == 2
    assert 119 <= taches["retard_s"] < 150 and taches["alerte"] is True
    # A late queue is shared by every server: it is reported, it does not take this one out.
    assert reponse.status_code == 200


def test_rien_de_secret_et_sans_controle_d_hote(client, settings):
    settings.ALLOWED_HOSTS = ["essaim.exemple.fr"]
    settings.SECURE_SSL_REDIRECT = True
    # A load balancer probes the server by its address, over plain HTTP.
    reponse = client.get("/sante/", HTTP_HOST="10.0.0.12:8000")
    assert reponse.status_code == 200
    texte = reponse.content.decode()
    for secret in (
        settings.SECRET_KEY,
        str(settings.DATABASES["default"]["NAME"]),
        "postgres://",
        "redis://",
    ):
        assert secret not in texte
    assert client.post("/sante/").status_code == 405
    # Every other page still checks the host.
    assert client.get("/", HTTP_HOST="10.0.0.12:8000").status_code == 400


def test_base_injoignable_503(client):
    # A real database wrapper pointed at a database that cannot be reached.
    reelle = connections["default"]
    reglages = dict(reelle.settings_dict)
    if reelle.vendor == "sqlite":
        reglages["NAME"] = "/chemin/absent/essaim.sqlite3"
    else:
        reglages.update(HOST="127.0.0.1", PORT="1")
    injoignable = type(reelle)(reglages, alias="default")
    connections._connections.default = injoignable
    try:
        reponse = client.get("/sante/")
    finally:
        connections._connections.default = reelle
        injoignable.close()
    assert connections["default"] is reelle
    assert reponse.status_code == 503
    corps = reponse.json()
    assert corps["statut"] == "erreur"
    assert corps["verifications"]["base"] == {"ok": False, "erreur": "OperationalError"}
    assert corps["verifications"]["cache"]["ok"] is True
    assert "/chemin/absent" not in reponse.content.decode()
