"""Headless browser scenario: propose a resource → moderate it → find it by search (axe-core
on the library's pages)."""

import pytest
from playwright.sync_api import expect

from essaim.comptes.enums import Role
from essaim.comptes.tests.factories import UtilisateurFactory, charge_de_mission
from essaim.espace.tests.test_accessibilite import AXE, _violations

from ..providers.faux import liens_enregistres

pytestmark = [pytest.mark.navigateur, pytest.mark.django_db(transaction=True)]

TITRE = "Guide de la mutualisation entre associations"


def _connecter(page, live_server, compte):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    page.context.clear_cookies()
    session = SessionStore()
    session[SESSION_KEY] = str(compte.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = compte.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def test_proposer_moderer_puis_trouver_par_la_recherche(page, territoires, live_server):
    from essaim.annuaire.reference import charger

    charger()
    proposant = UtilisateurFactory(email="gaelle@recyclerie-lille.fr", role=Role.GESTIONNAIRE)
    staff = charge_de_mission("32", email="camille@cress-hdf.fr")
    page.context.add_init_script(path=str(AXE))

    with liens_enregistres():
        _connecter(page, live_server, proposant)
        page.goto("/ressources/proposer/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Proposer une ressource")
        assert _violations(page) == []
        page.get_by_label("Type").select_option("guide")
        page.get_by_label("Titre").fill(TITRE)
        page.get_by_label("Adresse (URL)").fill("https://www.exemple-assos.fr/guides/mutualisation/")
        page.get_by_label("Éditeur", exact=True).fill("Le Mouvement associatif Hauts-de-France")
        page.get_by_label("Transition organisationnelle").check()
        page.locator("#id_region").select_option("32")
        page.get_by_role("button", name="Proposer la ressource").click()
        expect(page.get_by_text("relira avant publication")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text(TITRE)

        _connecter(page, live_server, staff)
        page.goto("/mon-espace/")
        expect(page.get_by_role("link", name="Ressources à modérer")).to_be_visible()
        page.get_by_role("link", name="Ressources à modérer").click()
        expect(page.get_by_role("link", name=TITRE, exact=True)).to_be_visible()
        assert _violations(page) == []
        page.get_by_role("button", name=f"Publier : {TITRE}").click()
        expect(page.get_by_text("décision enregistrée")).to_be_visible()
        expect(page.get_by_text("Aucune ressource n'attend de modération.")).to_be_visible()

    page.context.clear_cookies()
    page.goto("/ressources/")
    page.get_by_label("Rechercher", exact=True).fill("MUTUALISATION associations")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("status")).to_have_text("1 ressource")
    assert _violations(page) == []
    page.get_by_role("link", name=TITRE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITRE)
    expect(page.get_by_role("link", name=f"Accéder à la ressource : {TITRE}")).to_be_visible()
    assert _violations(page) == []
    assert page.erreurs_console == [] and page.requetes_echouees == []
