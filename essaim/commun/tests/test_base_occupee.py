"""A write that could not get SQLite's lock: a 503 to retry (HTML keeps the typed data, API
answers JSON), never a 500. The real lock is exercised through gunicorn in
``test_ecritures_concurrentes``; here, the answers themselves."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, connection
from django.test import RequestFactory

from essaim.commun.middleware import BaseOccupeeMiddleware

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="verrou d'écriture propre à SQLite"),
]


def _reponse(request, erreur=None):
    request.user = AnonymousUser()
    request.session = {}
    return BaseOccupeeMiddleware(lambda r: None).process_exception(
        request, erreur or OperationalError("database is locked")
    )


def test_l_api_repond_503_en_json_avec_retry_after():
    reponse = _reponse(RequestFactory().post("/api/v1/structures/"))
    assert reponse.status_code == 503 and reponse["Retry-After"] == "5"
    corps = json.loads(reponse.content)
    assert corps["code"] == "base_occupee" and "Réessayez dans quelques secondes" in corps["detail"]


def test_la_page_html_garde_la_saisie_sauf_les_mots_de_passe(caplog):
    requete = RequestFactory().post(
        "/conferences/edition/ateliers/1/inscription/",
        {"prenom": "Dominique", "email": "d@exemple.fr", "password1": "secret", "themes": ["a", "b"]},
    )
    reponse = _reponse(requete)
    page = reponse.content.decode()
    assert reponse.status_code == 503 and reponse["Retry-After"] == "5"
    assert "Service momentanément occupé" in page
    assert 'name="prenom" value="Dominique"' in page and 'name="email" value="d@exemple.fr"' in page
    assert 'name="themes" value="a"' in page and 'name="themes" value="b"' in page
    assert "secret" not in page
    assert "Base verrouillée : POST /conferences/edition/ateliers/1/inscription/" in caplog.text


def test_une_autre_erreur_de_base_n_est_pas_deguisee():
    assert _reponse(RequestFactory().get("/"), OperationalError("no such table: x")) is None
