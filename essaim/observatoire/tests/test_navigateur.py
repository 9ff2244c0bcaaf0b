import pytest

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
    assert page.locator("h1").inner_text() == "Nord"
    cles = page.locator(".chiffres-cles").first.inner_text()
    assert "4" in cles and "établissements actifs de l'ESS" in cles
    assert (
        page.locator("svg[role=img] title")
        .first.text_content()
        .startswith("Établissements de l'ESS par famille")
    )
    assert page.get_by_role("table", name="Établissements actifs par famille de l'ESS").is_visible()
    assert "stock du 01/11/2025" in page.content()
    page.get_by_role("link", name="Hauts-de-France").first.click()
    assert page.locator("h1").inner_text() == "Hauts-de-France"
    assert page.locator("svg.carte-choroplethe path").count() == 5
    assert page.erreurs_console == []
    assert page.requetes_echouees == []
