"""Headless-browser scenario on /carte/: filter, see clusters, open the list, open a record."""

import re

import pytest
from playwright.sync_api import expect

from .factories import structure

pytestmark = [pytest.mark.navigateur, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def donnees(territoires):
    from essaim.annuaire.reference import charger

    charger()
    for i in range(12):
        structure(
            f"Recyclerie {i}",
            latitude=50.6 + i * 0.004,
            longitude=3.05 + i * 0.004,
            themes=["seconde-vie-produits"],
            famille="association",
        )
    for i in range(5):
        structure(
            f"Centrale solaire {i}",
            commune="80021",
            latitude=49.89 + i * 0.003,
            longitude=2.29,
            themes=["energie"],
            famille="cooperative",
        )


def test_filtrer_voir_les_amas_ouvrir_la_liste_puis_une_fiche(page, donnees):
    page.goto("/carte/")
    expect(page.locator("#carte-total")).to_contain_text("17 structures trouvées")
    amas = page.locator(".carte-cluster")
    expect(amas.first).to_be_visible()
    assert sum(int(re.sub(r"\D", "", t)) for t in amas.all_inner_texts()) == 17

    page.locator("#f-famille-cooperative").check()
    expect(page.locator("#carte-total")).to_contain_text("5 structures trouvées")
    expect(page).to_have_url(re.compile(r"famille=cooperative"))
    expect(page.locator("#carte-visible")).to_contain_text("5 structures dans la zone affichée")
    expect(page.locator('[data-facette="theme:energie"]')).to_have_text("(5)")

    page.get_by_role("button", name="Liste").click()
    expect(page.locator("#carte")).to_be_hidden()
    expect(page.locator("#titre-liste")).to_be_focused()
    liens = page.locator(".carte-liste__nom a")
    expect(liens).to_have_count(5)

    page.go_back()
    expect(page.locator("#carte-total")).to_contain_text("17 structures trouvées")

    assert page.erreurs_console == []  # the map page itself runs clean under the strict CSP
    page.get_by_role("link", name="Recyclerie 0", exact=True).click()
    expect(page).to_have_url(re.compile(r"/annuaire/recyclerie-0/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recyclerie 0")


def test_la_carte_integrable_affiche_les_amas_filtres(page, donnees):
    page.goto("/carte/embed/?theme=energie")
    expect(page.locator("#carte-visible")).to_contain_text("5 structures dans la zone affichée")
    assert page.erreurs_console == []
