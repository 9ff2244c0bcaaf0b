"""The admin's login is locked like the site's login; its path is a setting."""

import importlib

import pytest
from django.urls import clear_url_caches

import essaim.urls
from essaim.comptes.tests.factories import MOT_DE_PASSE, UtilisateurFactory, charge_de_mission

pytestmark = pytest.mark.django_db

BLOQUE = "Trop de tentatives de connexion échouées"


def _admin(client, email, mot_de_passe, chemin="/admin/login/"):
    return client.post(f"{chemin}?next=/admin/", {"username": email, "password": mot_de_passe})


def test_bon_mot_de_passe_ouvre_l_administration(client):
    charge = charge_de_mission("32")
    reponse = _admin(client, charge.email, MOT_DE_PASSE)
    assert reponse.status_code == 302 and reponse["Location"] == "/admin/"
    assert "Site d’administration" in client.get("/admin/").content.decode()


def test_compte_sans_role_du_personnel_refuse(client):
    visiteur = UtilisateurFactory()
    page = _admin(client, visiteur.email, MOT_DE_PASSE).content.decode()
    assert "Veuillez compléter correctement les champs" in page
    assert client.get("/admin/").status_code == 302


def test_mauvais_mots_de_passe_puis_verrou_meme_avec_le_bon(client):
    charge = charge_de_mission("32")
    for _ in range(5):
        page = _admin(client, charge.email, "pas-le-bon").content.decode()
        assert BLOQUE not in page
    reponse = _admin(client, charge.email, MOT_DE_PASSE)
    assert reponse.status_code == 200
    assert BLOQUE in reponse.content.decode()
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_verrou_commun_au_site_et_a_l_administration(client):
    charge = charge_de_mission("32")
    for _ in range(5):
        client.post("/comptes/login/", {"login": charge.email, "password": "pas-le-bon"})
    assert BLOQUE in _admin(client, charge.email, MOT_DE_PASSE).content.decode()


def test_trop_de_connexions_depuis_une_adresse_429_en_francais(client):
    reponses = [_admin(client, f"inconnu{i}@exemple.fr", "x") for i in range(31)]
    assert {r.status_code for r in reponses[:30]} == {200}
    assert reponses[30].status_code == 429
    page = reponses[30].content.decode()
    assert "Trop de tentatives" in page and 'class="nav-principale"' in page


@pytest.fixture
def chemin_admin(settings):
    """Set ESSAIM_ADMIN_URL, then load the URL conf again (it reads the setting at import)."""
    initial = settings.ESSAIM_ADMIN_URL

    def regler(valeur):
        settings.ESSAIM_ADMIN_URL = valeur
        importlib.reload(essaim.urls)
        clear_url_caches()

    yield regler
    regler(initial)


def test_administration_deplacee(client, chemin_admin):
    chemin_admin("gestion-cress/")
    charge = charge_de_mission("32")
    assert client.get("/admin/login/").status_code == 404
    assert "Essaim — administration" in client.get("/gestion-cress/login/").content.decode()
    reponse = _admin(client, charge.email, MOT_DE_PASSE, chemin="/gestion-cress/login/")
    assert reponse.status_code == 302
    assert 'href="/gestion-cress/"' in client.get("/").content.decode()


def test_administration_desactivee(client, chemin_admin):
    chemin_admin("")
    client.force_login(charge_de_mission("32"))
    assert client.get("/admin/").status_code == 404
    page = client.get("/").content.decode()
    assert "Se déconnecter" in page and ">Administration<" not in page
