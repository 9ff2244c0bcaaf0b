"""The base layout: accessible landmarks, French by default, English available, strict CSP."""

import re

import pytest
from django.urls import reverse

from essaim.comptes.tests.factories import UtilisateurFactory, charge_de_mission

pytestmark = pytest.mark.django_db


def test_accueil_en_francais_avec_lien_d_evitement_et_reperes(client):
    page = client.get("/").content.decode()
    assert '<html lang="fr">' in page
    assert '<a class="lien-evitement" href="#contenu">Aller au contenu</a>' in page
    for repere in (
        'role="banner"',
        '<main id="contenu"',
        'role="contentinfo"',
        'aria-label="Navigation principale"',
    ):
        assert repere in page
    assert "L'économie sociale et solidaire en transition" in page


def test_accueil_lie_chaque_module_declare(client):
    from django.utils.html import escape

    from essaim.commun.modules import modules_publics

    page = client.get("/").content.decode()
    modules = modules_publics()
    assert [m["app"] for m in modules] == [
        "annuaire",
        "carte",
        "observatoire",
        "ressources",
        "appels",
        "opendata",
        "conference",
        "accompagnement",
        "pilotage",
        "clubs",
    ]
    for module in modules:
        assert f'<a href="{module["href"]}">{escape(module["titre"])}</a>' in page


def test_choix_de_langue_bascule_en_anglais(client):
    reponse = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    page = reponse.content.decode()
    assert '<html lang="en">' in page
    assert "Skip to content" in page
    assert "Français" in page


def test_en_tetes_de_securite(client):
    reponse = client.get("/")
    csp = reponse["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'self'" in csp
    assert reponse["X-Frame-Options"] == "DENY"
    assert reponse["X-Content-Type-Options"] == "nosniff"


def test_aucune_ressource_externe_ni_script_en_ligne(client):
    page = client.get("/comptes/login/").content.decode()
    assert not re.search(r'(src|href)="https?://', page)
    assert "<script>" not in page and 'style="' not in page
    assert "/static/vendor/htmx/htmx.min.js" in page


def test_formulaire_de_connexion_etiquete_et_protege_csrf(client):
    page = client.get("/comptes/login/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    assert re.search(r'<label for="id_login">', page)
    assert re.search(r'<label for="id_password">', page)


def test_csrf_est_exige(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    reponse = strict.post("/comptes/login/", {"login": "x@y.fr", "password": "z"})
    assert reponse.status_code == 403
    assert "CSRF" in reponse.content.decode()


def test_administration_ouverte_au_staff_mais_pas_aux_partenaires(client):
    client.force_login(charge_de_mission("32"))
    assert "Essaim — administration" in client.get("/admin/").content.decode()
    client.force_login(UtilisateurFactory(role="partenaire"))
    reponse = client.get(reverse("admin:index"))
    assert reponse.status_code == 302
    assert reponse["Location"] == f"{reverse('admin:login')}?next={reverse('admin:index')}"


def test_admin_limite_le_staff_a_ses_regions(client):
    client.force_login(charge_de_mission("32"))
    page = client.get("/admin/territoires/departement/").content.decode()
    assert "Nord" in page and "Calvados" not in page
    reponse = client.get(reverse("admin:territoires_departement_change", args=["14"]))
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("admin:index")
    assert client.get("/admin/comptes/utilisateur/").status_code == 403


def test_admin_complet_pour_l_administrateur(client):
    client.force_login(UtilisateurFactory(role="administrateur", is_superuser=True))
    page = client.get("/admin/territoires/departement/?q=calvados").content.decode()
    assert "Calvados" in page
    assert "Utilisateurs" in client.get("/admin/").content.decode()


def test_documentation_de_l_api_servie_sans_cdn(client):
    page = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert not re.search(r'(src|href)="https?://', page)
    script = client.get("/api/v1/docs/?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()
