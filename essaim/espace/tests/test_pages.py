"""Footer pages: legal notice, accessibility statement, personal data, contact, site map."""

import pytest

pytestmark = pytest.mark.django_db


def test_le_pied_de_page_mene_aux_pages_d_information(client):
    contenu = client.get("/").content.decode()
    pied = contenu.split('<footer class="pied"')[1]
    for adresse in (
        "/mentions-legales/",
        "/accessibilite/",
        "/donnees-personnelles/",
        "/contact/",
        "/plan-du-site/",
    ):
        assert f'href="{adresse}"' in pied
    assert "Accessibilité : partiellement conforme" in pied


def test_pages_d_information_avec_leur_contenu(client, settings):
    settings.ESSAIM_EDITEUR = "CRESS Hauts-de-France"
    settings.ESSAIM_CONTACT_EMAIL = "contact@cress-hdf.org"
    settings.ESSAIM_DIRECTEUR_PUBLICATION = "Camille Martin"
    mentions = client.get("/mentions-legales/").content.decode()
    assert "<h1>Mentions légales</h1>" in mentions and "CRESS Hauts-de-France" in mentions
    assert "Camille Martin" in mentions and 'href="mailto:contact@cress-hdf.org"' in mentions
    accessibilite = client.get("/accessibilite/").content.decode()
    assert "partiellement conforme" in accessibilite and "RGAA" in accessibilite
    assert "version 4.1" in accessibilite and "Défenseur des droits" in accessibilite
    assert "1er décembre 2026" in accessibilite
    donnees = client.get("/donnees-personnelles/").content.decode()
    assert "responsable du traitement est CRESS Hauts-de-France" in donnees and "CNIL" in donnees
    assert "/compte/" in donnees
    contact = client.get("/contact/").content.decode()
    assert "<h1>Contact</h1>" in contact and "contact@cress-hdf.org" in contact
    plan = client.get("/plan-du-site/").content.decode()
    for adresse in (
        "/annuaire/",
        "/carte/",
        "/conferences/",
        "/appels/",
        "/mentions-legales/",
        "/comptes/login/",
    ):
        assert f'href="{adresse}"' in plan


def test_pages_d_information_en_anglais(client):
    client.cookies["django_language"] = "en"
    contenu = client.get("/accessibilite/").content.decode()
    assert "Accessibility statement" in contenu and "partially compliant" in contenu
    assert "Déclaration d'accessibilité" not in contenu
