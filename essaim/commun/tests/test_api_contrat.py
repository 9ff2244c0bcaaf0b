"""API contract (issue 13 §2.11): timestamps with their offset, documented errors, Retry-After
on every 429, no HTTP Basic authentication."""

import base64
import re

import pytest
from django.test import override_settings
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from rest_framework.throttling import AnonRateThrottle

from essaim.annuaire.tests.factories import StructureFactory
from essaim.appels.tests.factories import AppelFactory
from essaim.carte.tests.factories import structure
from essaim.comptes.tests.factories import MOT_DE_PASSE, UtilisateurFactory
from essaim.conference.tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db

# An ISO 8601 date-time (with a time part); it must end with Z or ±hh:mm.
DATE_HEURE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
DECALAGE = re.compile(r"(Z|[+-]\d{2}:\d{2})$")


@pytest.fixture
def donnees():
    from essaim.annuaire.reference import charger

    charger()
    fiche = structure("Recyclerie horodatée")
    AppelFactory(slug="horodate", webinaire_date=timezone.now())
    ConferenceFactory(slug="horodatee")
    return fiche


def _horodatages(valeur, chemin=""):
    if isinstance(valeur, dict):
        for cle, v in valeur.items():
            yield from _horodatages(v, f"{chemin}.{cle}")
    elif isinstance(valeur, list):
        for i, v in enumerate(valeur):
            yield from _horodatages(v, f"{chemin}[{i}]")
    elif isinstance(valeur, str) and DATE_HEURE.match(valeur):
        yield chemin, valeur


def test_every_api_timestamp_carries_its_offset(client, donnees):
    urls = [
        "/api/v1/structures/",
        f"/api/v1/structures/{donnees.pk}/",
        "/api/v1/appels/",
        "/api/v1/appels/horodate/",
        "/api/v1/conferences/",
        "/api/v1/conferences/horodatee/",
    ]
    vus = {}
    for url in urls:
        reponse = client.get(url)
        assert reponse.status_code == 200, url
        vus.update({f"{url}{chemin}": v for chemin, v in _horodatages(reponse.json())})
    assert any(".modifie_le" in chemin for chemin in vus)
    assert any("webinaire.date" in chemin for chemin in vus)
    assert {chemin: v for chemin, v in vus.items() if not DECALAGE.search(v)} == {}


def _schema(client):
    return client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def test_the_schema_documents_400_403_404_and_429_with_retry_after_on_every_operation(client):
    schema = _schema(client)
    validate_schema(schema)  # still a valid OpenAPI 3 document
    operations = [
        (f"{methode.upper()} {chemin}", operation)
        for chemin, methodes in schema["paths"].items()
        for methode, operation in methodes.items()
    ]
    assert len(operations) >= 10
    for nom, operation in operations:
        assert {"200", "400", "403", "404", "429"} <= set(operation["responses"]), nom
        trop = operation["responses"]["429"]
        assert trop["headers"]["Retry-After"]["schema"]["type"] == "integer", nom
        assert "application/json" in operation["responses"]["404"]["content"], nom
    erreur = schema["components"]["schemas"]["Erreur"]
    assert erreur["required"] == ["detail"]


def test_the_schema_offers_no_basic_authentication(client):
    schemes = _schema(client)["components"].get("securitySchemes", {})
    assert "basicAuth" not in schemes
    assert all(s.get("scheme") != "basic" for s in schemes.values())


def test_basic_credentials_are_not_an_authentication_method(client, donnees):
    utilisateur = UtilisateurFactory()
    for mot_de_passe in (MOT_DE_PASSE, "mauvais"):
        jeton = base64.b64encode(f"{utilisateur.email}:{mot_de_passe}".encode()).decode()
        reponse = client.get("/api/v1/structures/", HTTP_AUTHORIZATION=f"Basic {jeton}")
        # Ignored: no 401 challenge for a wrong password, no login for a right one.
        assert reponse.status_code == 200 and "WWW-Authenticate" not in reponse
        assert reponse.json()["count"] == 1


def test_the_api_throttle_answers_429_with_retry_after(client, donnees, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/min"})
    client.get("/api/v1/appels/")
    reponse = client.get("/api/v1/appels/")
    assert reponse.status_code == 429 and 0 < int(reponse["Retry-After"]) <= 60
    assert "detail" in reponse.json()


def test_the_report_form_limit_answers_429_with_retry_after(client):
    fiche = StructureFactory()
    url = f"/annuaire/{fiche.slug}/signaler/"
    for _ in range(5):
        client.post(url, {"motif": "autre"})
    reponse = client.post(url, {"motif": "autre"})
    assert reponse.status_code == 429
    assert "Merci de réessayer dans une heure" in reponse.content.decode()
    assert reponse["Retry-After"] == "3600"


def test_the_magic_link_request_limit_answers_429_with_retry_after(client):
    fiche = StructureFactory()
    for _ in range(5):
        client.post(f"/annuaire/{fiche.slug}/lien-de-modification/", {"email": "x@exemple.fr"})
    reponse = client.post(f"/annuaire/{fiche.slug}/lien-de-modification/", {"email": "x@exemple.fr"})
    assert reponse.status_code == 429 and reponse["Retry-After"] == "3600"


@override_settings(ACCOUNT_RATE_LIMITS={"login": "2/m/ip"})
def test_the_login_limit_answers_429_with_retry_after(client):
    for _ in range(4):
        reponse = client.post("/comptes/login/", {"login": "x@exemple.fr", "password": "mauvais"})
    assert reponse.status_code == 429
    assert int(reponse["Retry-After"]) > 0
