"""In the browser: the map is drawn on real outlines, served from the site itself, first framed
on the records, and says so when a move leaves no structure in view."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .factories import structure

pytestmark = [pytest.mark.navigateur, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def donnees(territoires):
    from essaim.annuaire.reference import charger

    charger()
    for i in range(6):
        structure(f"Recyclerie {i}", latitude=50.6 + i * 0.01, longitude=3.05 + i * 0.01)


def test_la_carte_dessine_les_contours_sans_requete_hors_du_site(page, donnees):
    requetes = []
    page.on("request", lambda r: requetes.append(r.url))
    page.goto("/carte/")
    carte = page.locator("#carte")
    expect(carte).to_have_attribute("data-fond", "pret")
    # Région and département outlines as SVG paths, with readable labels of the départements
    # around the records (the first view frames Nord, not the whole of France).
    expect(page.locator("path.carte-fond__departement").first).to_be_attached()
    assert page.locator("path.carte-fond__region").count() >= 13
    assert page.locator("path.carte-fond__departement").count() >= 90
    expect(page.locator(".carte-fond-etiquette", has_text="Nord").first).to_be_visible()
    expect(page.locator("#carte-visible")).to_contain_text("6 structures dans la zone affichée")
    assert page.erreurs_console == [] and page.requetes_echouees == []
    hotes = {urlsplit(u).hostname for u in requetes if not u.startswith("data:")}
    assert hotes <= {"localhost", "127.0.0.1"}, hotes


def test_une_zone_vide_est_annoncee_avec_un_retour_aux_structures(page, donnees):
    page.goto("/carte/")
    expect(page.locator("#carte-visible")).to_contain_text("6 structures dans la zone affichée")
    boite = page.locator("#carte").bounding_box()
    milieu = (boite["x"] + boite["width"] / 2, boite["y"] + boite["height"] / 2)
    # Drag the map far to the east: the records leave the view.
    page.mouse.move(*milieu)
    page.mouse.down()
    page.mouse.move(milieu[0] + boite["width"] * 0.45, milieu[1], steps=8)
    page.mouse.move(milieu[0] + boite["width"] * 0.9, milieu[1], steps=8)
    page.mouse.up()
    message = page.locator("#carte-message")
    expect(message).to_contain_text("Aucune structure dans cette zone")
    expect(message).to_have_attribute("role", "status")
    message.get_by_role("button", name="Revenir aux structures").click()
    expect(page.locator("#carte-visible")).to_contain_text("6 structures dans la zone affichée")
    expect(message).not_to_contain_text("Aucune structure")
