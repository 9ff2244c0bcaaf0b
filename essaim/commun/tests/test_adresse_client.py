"""One rule for the client's address behind proxies, shared by every rate limit.

By default (no trusted proxy) X-Forwarded-For is ignored: a client that forges a fresh address
on each request is still counted as one client.
"""

import pytest
from django.test import RequestFactory
from rest_framework.throttling import AnonRateThrottle

from essaim.commun.limites import adresse_client


@pytest.mark.parametrize(
    ("mandataires", "transmis", "attendue"),
    [
        (0, "", "10.0.0.9"),
        (0, "198.51.100.7", "10.0.0.9"),
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "203.0.113.66, 198.51.100.7", "198.51.100.7"),
        (2, "203.0.113.66, 198.51.100.7", "203.0.113.66"),
        (3, "198.51.100.7", "198.51.100.7"),
        (1, "", "10.0.0.9"),
    ],
)
def test_adresse_du_client_selon_les_mandataires_de_confiance(settings, mandataires, transmis, attendue):
    settings.PROXIES_DE_CONFIANCE = mandataires
    entetes = {"HTTP_X_FORWARDED_FOR": transmis} if transmis else {}
    requete = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", **entetes)
    assert adresse_client(requete) == attendue


def test_les_reglages_des_limites_lisent_le_meme_nombre_de_mandataires(settings):
    from django.conf import settings as reglages

    assert reglages.REST_FRAMEWORK["NUM_PROXIES"] == reglages.PROXIES_DE_CONFIANCE == 0
    assert reglages.ALLAUTH_TRUSTED_PROXY_COUNT == reglages.PROXIES_DE_CONFIANCE


@pytest.mark.django_db
def test_un_x_forwarded_for_forge_ne_contourne_pas_la_limite_de_l_api(client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    forges = [f"198.51.100.{n}" for n in range(4)]
    statuts = [client.get("/api/v1/structures/", HTTP_X_FORWARDED_FOR=ip).status_code for ip in forges]
    assert statuts == [200, 200, 200, 429]
    refus = client.get("/api/v1/structures/", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert refus.status_code == 429 and int(refus["Retry-After"]) > 0
