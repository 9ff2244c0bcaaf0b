"""Headless Chromium: apply through the real pages, then review and decide, with no console error."""

import pytest
from playwright.sync_api import expect

from essaim.comptes.tests.factories import MOT_DE_PASSE, UtilisateurFactory, charge_de_mission

from .factories import AppelFactory

pytestmark = [pytest.mark.navigateur, pytest.mark.django_db(transaction=True)]


def _connexion(page, email):
    page.goto("/comptes/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", MOT_DE_PASSE)
    page.click("main button[type=submit]")
    expect(page.locator("form[action='/comptes/logout/'] button")).to_be_visible()


def test_candidater_evaluer_et_decider(page, territoires, mailoutbox):
    appel = AppelFactory(titre="Ateliers de la conférence 2026", slug="ateliers-2026")
    candidat = UtilisateurFactory(email="porteuse@exemple.fr")
    _connexion(page, candidat.email)
    page.goto("/appels/ateliers-2026/")
    page.click("text=Déposer une candidature")
    page.select_option("#id_type_candidat", "reseau")
    page.fill("#id_nom_structure", "Réseau des Tiers-Lieux")
    page.fill("#id_titre", "Tiers-lieux et transition")
    page.fill("#id_description", "Partager nos pratiques.")
    page.check("input[name=transitions][value=ecologique]")
    page.check("input[name=format][value=presentiel]")
    page.fill("#id_date", "10/2026")
    page.fill("#id_commune", "amiens")
    page.wait_for_selector("#id_commune-suggestions option[value='Amiens (80021)']", state="attached")
    # Wait for the suggestions request the last keystroke triggers, so submitting does not abort it.
    with page.expect_response(lambda r: "suggestions" in r.url and "80021" in r.url):
        page.fill("#id_commune", "Amiens (80021)")
    page.click("button[value=deposer]")
    expect(page.locator("main")).to_contain_text("Candidature déposée")
    expect(page.locator("main")).to_contain_text("Amiens (80021)")
    page.wait_for_load_state("networkidle")  # every request answered before the lists below are read
    assert page.erreurs_console == [] and page.requetes_echouees == []

    staff = charge_de_mission("32")
    page.context.clear_cookies()
    _connexion(page, staff.email)
    page.goto(f"/appels/{appel.slug}/comite/")
    page.click("text=Tiers-lieux et transition")
    page.check("input[name=avis][value=favorable]")
    page.fill("#id_note", "5")
    page.click("text=Enregistrer mon évaluation")
    expect(page.locator("main")).to_contain_text("Votre évaluation est enregistrée.")
    page.click("main >> text=Décider")
    page.check("input[name=decision][value=retenue]")
    page.fill("#id_message", "Rendez-vous le 12 octobre.")
    page.click("text=Enregistrer la décision")
    expect(page.locator("main")).to_contain_text("Décision « Labellisé » enregistrée et envoyée par e-mail.")
    page.wait_for_load_state("networkidle")
    assert page.erreurs_console == [] and page.requetes_echouees == []
    assert [m.to for m in mailoutbox] == [["porteuse@exemple.fr"], ["porteuse@exemple.fr"]]
