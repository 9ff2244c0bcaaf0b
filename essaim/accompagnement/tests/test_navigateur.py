"""Headless Chromium: decide → follow up → declare results → see the cohort dashboard."""

import pytest
from playwright.sync_api import expect

from essaim.appels.tests.factories import CandidatureFactory
from essaim.comptes.tests.factories import MOT_DE_PASSE, charge_de_mission
from essaim.espace.tests.test_accessibilite import AXE, _violations

from .factories import appel_a_projets

pytestmark = [pytest.mark.navigateur, pytest.mark.django_db(transaction=True)]


def _connexion(page, email):
    page.goto("/comptes/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", MOT_DE_PASSE)
    page.click("main button[type=submit]")
    expect(page.locator("form[action='/comptes/logout/'] button")).to_be_visible()


def test_decider_suivre_declarer_et_voir_la_cohorte(page, territoires):
    appel = appel_a_projets(titre="Entrepreneuriat social 2026", slug="es-2026")
    candidature = CandidatureFactory(
        appel=appel,
        reponses={"nom_projet": "Atelier vélo solidaire", "emplois": 4, "chiffre_affaires": 80000},
    )
    staff = charge_de_mission("32")
    page.context.add_init_script(path=str(AXE))
    _connexion(page, staff.email)

    # Decide: the follow-up file opens.
    page.goto(f"/appels/candidatures/{candidature.pk}/decider/")
    page.check("input[name=decision][value=retenue]")
    page.uncheck("input[name=notifier]")
    page.click("text=Enregistrer la décision")
    expect(page.locator("main")).to_contain_text("enregistrée")
    page.goto("/accompagnement/?nature=laureat")
    page.click("main >> text=Atelier vélo solidaire")
    expect(page.locator("main")).to_contain_text("Candidature retenue : ouverture du suivi")

    # Follow up: an agreement, then a milestone within it.
    page.click("text=Ajouter une convention")
    page.fill("#id_convention-intitule", "Convention de soutien")
    page.fill("#id_convention-montant", "12000")
    page.fill("#id_convention-debut", "2026-01-01")
    page.fill("#id_convention-fin", "2027-12-31")
    page.click("text=Enregistrer la convention")
    expect(page.locator("main")).to_contain_text("Convention de soutien")
    page.click("text=Ajouter un jalon ou une action")
    page.fill("#id_action-libelle", "Premier recrutement")
    page.fill("#id_action-echeance", "2026-03-01")
    page.check("#id_action-jalon")
    page.click("text=Ajouter l'action")
    expect(page.locator("#actions")).to_contain_text("Premier recrutement")
    expect(page.locator("#actions")).to_contain_text("en retard")

    # Declare the 6-month results.
    page.click("text=Déclarer des résultats")
    page.select_option("#id_resultat-periode", "6")
    page.fill("#id_resultat-q_emplois", "2")
    page.fill("#id_resultat-q_chiffre_affaires", "30000")
    page.click("#resultat button[type=submit]")
    expect(page.locator("#resultats")).to_contain_text("50 %")
    assert _violations(page) == []

    # The cohort dashboard.
    page.click("text=Cohorte : Entrepreneuriat social 2026")
    expect(page.locator("#nombre-laureats")).to_have_text("1")
    expect(page.locator("#jalons-en-retard")).to_have_text("1")
    expect(page.locator("#totaux tr[data-cle=emplois]")).to_contain_text("4")
    expect(page.locator("#laureats")).to_contain_text("2 / 4")
    assert _violations(page) == []
    assert _violations(page, "/accompagnement/territoires/?region=32") == []
    assert _violations(page, "/accompagnement/dla/") == []
    page.wait_for_load_state("networkidle")
    assert page.erreurs_console == [] and page.requetes_echouees == []
