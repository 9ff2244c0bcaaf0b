"""Absurd numbers in URLs answer 404, never 500 (issue 13 §2.9).

Walks every URL pattern of the site that takes a number or a year, fills the other parameters
with objects that exist (so the view really runs), and asks it with 0, a huge value and
negative-like values, as an administrator (every permission passes) and anonymously.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from essaim.annuaire.tests.factories import StructureFactory
from essaim.appels.tests.factories import AppelFactory
from essaim.comptes.tests.factories import administrateur
from essaim.conference.tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db

SLUG = "absurde"
ABSURDES = ["0", "99999999999999999999", "9223372036854775808", "-1", "00000"]
NUMERIQUES = {"int", "id", "annee"}
REMPLISSAGE = {"slug": SLUG, "region": "32", "niveau": "region", "code": "32", "nom": "familles"}
PARAMETRE = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<nom>[^>]+)>")


def _motifs(resolver=None, prefixe=""):
    for motif in (resolver or get_resolver()).url_patterns:
        texte = prefixe + str(motif.pattern).lstrip("^").rstrip("$")
        if isinstance(motif, URLResolver):
            yield from _motifs(motif, texte)
        elif isinstance(motif, URLPattern):
            yield texte


def _motifs_numeriques():
    vus = []
    for motif in _motifs():
        if any(m["conv"] in NUMERIQUES for m in PARAMETRE.finditer(motif)) and motif not in vus:
            vus.append(motif)
    return vus


def _urls(motif):
    """One URL per absurd value, put in each numeric parameter in turn (the others stay valid)."""
    numeriques = [m for m in PARAMETRE.finditer(motif) if m["conv"] in NUMERIQUES]
    for cible in numeriques:
        for absurde in ABSURDES:

            def remplacer(m, cible=cible, absurde=absurde):
                if m.start() == cible.start():
                    return absurde
                if m["conv"] in NUMERIQUES:
                    return "2025" if m["conv"] == "annee" else "1"
                return REMPLISSAGE.get(m["nom"], "x")

            yield "/" + PARAMETRE.sub(remplacer, motif)


@pytest.fixture
def objets():
    StructureFactory(slug=SLUG)
    ConferenceFactory(slug=SLUG)
    AppelFactory(slug=SLUG)


def test_the_walk_covers_the_known_numeric_urls():
    motifs = _motifs_numeriques()
    assert "observatoire/liste-entreprises-ess/<str:region>/<annee:annee>/" in motifs
    assert any(m.startswith("api/v1/structures/") for m in motifs)
    assert len(motifs) >= 30


def test_observatory_list_with_year_zero_or_huge_is_a_french_404(client):
    for url in (
        "/observatoire/liste-entreprises-ess/32/0/",
        "/observatoire/liste-entreprises-ess/32/0/csv/",
        "/observatoire/liste-entreprises-ess/32/99999999999999999999/",
        "/observatoire/liste-entreprises-ess/32/2025/?millesime=abc",
        "/observatoire/liste-entreprises-ess/32/2025/?millesime=99999999999999999999",
    ):
        reponse = client.get(url)
        assert reponse.status_code == 404, url
        assert "text/html" in reponse["Content-Type"]


@pytest.mark.parametrize("connecte", [False, True], ids=["anonyme", "administrateur"])
def test_no_numeric_url_answers_a_server_error(objets, connecte):
    client = Client(raise_request_exception=False)
    if connecte:
        client.force_login(administrateur())
    erreurs = []
    essais = 0
    for motif in _motifs_numeriques():
        for url in _urls(motif):
            for methode in (client.get, client.post):
                essais += 1
                reponse = methode(url)
                if reponse.status_code >= 500:
                    erreurs.append(f"{methode.__name__.upper()} {url} → {reponse.status_code}")
    assert essais > 300
    assert erreurs == []
