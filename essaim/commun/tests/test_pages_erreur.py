"""Error pages in French, in the site's layout (DEBUG off, as in production)."""

import pytest
from django.test import Client

from essaim.comptes.tests.factories import UtilisateurFactory

pytestmark = pytest.mark.django_db


def _dans_la_mise_en_page(page: str):
    assert '<html lang="fr">' in page
    assert 'class="nav-principale"' in page and 'class="pied"' in page
    assert "/static/css/essaim" in page


def test_page_introuvable(client):
    reponse = client.get("/cette-page-n-existe-pas/")
    assert reponse.status_code == 404
    page = reponse.content.decode()
    _dans_la_mise_en_page(page)
    assert "Page introuvable" in page and "Retour à l'accueil" in page
    assert "Not Found" not in page


def test_acces_refuse_propose_la_connexion_a_l_anonyme(client):
    reponse = client.get("/erreurs-test/403/?onglet=2")
    assert reponse.status_code == 403
    page = reponse.content.decode()
    _dans_la_mise_en_page(page)
    assert "Accès refusé" in page
    assert 'href="/comptes/login/?next=/erreurs-test/403/%3Fonglet%3D2"' in page


def test_acces_refuse_sans_lien_de_connexion_une_fois_connecte(client):
    client.force_login(UtilisateurFactory())
    page = client.get("/erreurs-test/403/").content.decode()
    assert "Votre compte n'a pas le droit" in page and "?next=" not in page


def test_erreur_du_serveur_sans_contexte_de_requete():
    # The request's context processors are not run: the page shows even when they would fail.
    client = Client(raise_request_exception=False)
    reponse = client.get("/erreurs-test/500/")
    assert reponse.status_code == 500
    page = reponse.content.decode()
    _dans_la_mise_en_page(page)
    assert "Erreur du serveur" in page and "Essaim" in page
    assert "Traceback" not in page and "ZeroDivisionError" not in page


@pytest.fixture(autouse=True)
def _urls_d_erreur(settings):
    settings.ROOT_URLCONF = "essaim.commun.tests.urls_erreurs"


def test_erreur_du_serveur_quand_la_base_est_injoignable():
    # The 500 page itself must not need the database (session, user, context processors).
    from django.db import connections

    reelle = connections["default"]
    reglages = dict(reelle.settings_dict)
    if reelle.vendor == "sqlite":
        reglages["NAME"] = "/chemin/absent/essaim.sqlite3"
    else:
        reglages.update(HOST="127.0.0.1", PORT="1")
    injoignable = type(reelle)(reglages, alias="default")
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "une-session"  # the user is then read from the database
    connections._connections.default = injoignable
    try:
        reponse = client.get("/annuaire/")
    finally:
        connections._connections.default = reelle
        injoignable.close()
    assert reponse.status_code == 500
    page = reponse.content.decode()
    _dans_la_mise_en_page(page)
    assert "Erreur du serveur" in page and "OperationalError" not in page


def test_page_introuvable_en_anglais(client):
    page = client.get("/cette-page-n-existe-pas/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in page and "Page not found" in page and "Back to the home page" in page
