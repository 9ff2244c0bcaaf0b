import re

import pytest
from playwright.sync_api import expect

from essaim.observatoire.services.import_sirene import ImportSirene
from essaim.observatoire.tests.jeu_essai import ecrire_jeu


@pytest.mark.navigateur
@pytest.mark.django_db(transaction=True)
def test_parcours_observatoire_jusqu_a_un_departement(page, territoires, tmp_path):
    ImportSirene(*ecrire_jeu(tmp_path)).executer()
    page.goto("/observatoire/")
    page.get_by_role("textbox", name="Territoire").fill("Nord")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Nord — Département (59)").click()
    expect(page.locator("h1")).to_have_text("Nord")
    cles = page.locator(".chiffres-cles").first
    expect(cles).to_contain_text("établissements actifs de l'ESS")
    expect(cles).to_contain_text("4")
    expect(page.locator("svg[role=img] title").first).to_have_text(
        re.compile(r"^Établissements de l'ESS par famille")
    )
    expect(page.get_by_role("table", name="Établissements actifs par famille de l'ESS")).to_be_visible()
    expect(page.locator("main")).to_contain_text("stock du 01/11/2025")
    page.get_by_role("link", name="Hauts-de-France").first.click()
    expect(page.locator("h1")).to_have_text("Hauts-de-France")
    expect(page.locator("#carte-departement-etablissements path[data-code]")).to_have_count(5)
    page.wait_for_load_state("networkidle")  # every request answered before the lists below are read
    assert page.erreurs_console == []
    assert page.requetes_echouees == []


@pytest.mark.navigateur
@pytest.mark.django_db(transaction=True)
def test_graphique_d_evolution_d_un_territoire(page, territoires, tmp_path):
    from datetime import date

    from essaim.espace.tests.test_accessibilite import AXE, _violations
    from essaim.observatoire.tests.test_millesimes import stock_2026

    page.add_init_script(path=str(AXE))
    ul, et = ecrire_jeu(tmp_path)
    ImportSirene(ul, et, date_stock=date(2025, 1, 1)).executer()
    ImportSirene(ul, stock_2026(tmp_path), date_stock=date(2026, 1, 1)).executer()
    page.goto("/observatoire/region/94/")
    graphique = page.locator("svg#g-evolution")
    expect(graphique).to_be_visible()
    expect(graphique.locator("circle")).to_have_count(2)
    tableau = page.get_by_role("table", name="Évolution sur les millésimes SIRENE importés")
    expect(tableau).to_contain_text("Stock du 01/01/2025")
    expect(tableau).to_contain_text("Stock du 01/01/2026 (publié)")
    expect(tableau.locator("tr").last).to_contain_text("-1")
    expect(page.locator(".evolution-resume")).to_contain_text("-50,0\u00a0%")
    expect(
        page.get_by_role(
            "table", name="Établissements actifs de l'ESS par domaine de la transition (activité NAF)"
        )
    ).to_be_visible()
    assert _violations(page) == []
    page.wait_for_load_state("networkidle")
    assert page.erreurs_console == []
    assert page.requetes_echouees == []
