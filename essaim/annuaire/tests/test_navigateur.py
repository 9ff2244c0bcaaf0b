"""Headless Chromium: a manager registers a record, staff approve it, the public sees it."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from essaim.comptes.enums import Role

from .factories import UtilisateurFactory

pytestmark = [pytest.mark.navigateur, pytest.mark.django_db(transaction=True)]
MOT_DE_PASSE = "motdepasse-solide-42"


def _compte(email, **kwargs):
    utilisateur = UtilisateurFactory(email=email, **kwargs)
    EmailAddress.objects.create(user=utilisateur, email=email, verified=True, primary=True)
    return utilisateur


def _connexion(page, email):
    page.goto("/comptes/login/")
    page.fill("input[name='login']", email)
    page.fill("input[name='password']", MOT_DE_PASSE)
    page.locator("main form button[type='submit']").first.click()
    expect(page.locator("form[action='/comptes/logout/'] button")).to_be_visible()


def _deconnexion(page):
    page.locator("form[action='/comptes/logout/'] button").click()
    expect(page.locator("form[action='/comptes/logout/'] button")).to_have_count(0)


def test_inscription_moderation_publication(page, territoires):
    from essaim.territoires.models import Region

    _compte("gaelle@ressourcerie-amiens.fr", role=Role.GESTIONNAIRE)
    _compte("camille@cress-hdf.fr", role=Role.CHARGE_MISSION, regions=[Region.objects.get(code="32")])

    _connexion(page, "gaelle@ressourcerie-amiens.fr")
    page.goto("/annuaire/inscription/")
    page.fill("#id_recherche", "Ressourcerie du Vimeu")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_text("Aucune fiche existante ne correspond.")).to_be_visible()
    page.get_by_role("link", name="Créer la fiche sans pré-remplissage").click()
    expect(page.locator("#id_nom")).to_have_value("Ressourcerie du Vimeu")
    page.fill("#id_lieu_adresse", "5 rue du Marché")
    page.fill("#id_lieu_code_postal", "80000")
    page.fill("#id_lieu_commune", "80021")
    page.get_by_label("Seconde vie des produits (réparation, réemploi, recyclerie)").check()
    page.get_by_label("Transition écologique").check()
    page.get_by_role("button", name="Envoyer pour modération").click()
    expect(page.get_by_text("transmise à l'équipe de la CRESS pour modération")).to_be_visible()
    expect(page.get_by_text("En attente de modération").first).to_be_visible()
    _deconnexion(page)

    page.goto("/annuaire/")
    expect(page.get_by_text("Ressourcerie du Vimeu")).to_have_count(0)

    _connexion(page, "camille@cress-hdf.fr")
    page.goto("/annuaire/moderation/")
    page.get_by_role("link", name="Ressourcerie du Vimeu").click()
    page.fill("#id_message", "Bienvenue dans l'annuaire !")
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_text("décision enregistrée")).to_be_visible()
    _deconnexion(page)

    page.goto("/annuaire/")
    page.get_by_role("link", name="Ressourcerie du Vimeu").click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Ressourcerie du Vimeu"))
    expect(page.locator("li", has_text="5 rue du Marché, 80000 Amiens")).to_be_visible()
    expect(page.locator("#carte-lieux .leaflet-interactive")).to_have_count(1)  # the place drawn on the map
    expect(page.get_by_text("Signaler une erreur")).to_be_visible()
    page.wait_for_load_state("networkidle")  # every request answered before the lists below are read
    assert page.erreurs_console == []
    assert page.requetes_echouees == []


def test_previsualiser_la_description_sans_quitter_la_page(page, territoires):
    from .factories import StructureFactory

    gestionnaire = _compte("gaelle@recyclerie-lille.fr", role=Role.GESTIONNAIRE)
    fiche = StructureFactory(
        nom="Recyclerie de Lille",
        gestionnaires=[gestionnaire],
        description="<p>Ancien <strong>texte</strong></p>",
    )
    _connexion(page, "gaelle@recyclerie-lille.fr")
    page.goto(f"/annuaire/{fiche.slug}/modifier/")
    champ = page.locator("#id_description")
    expect(champ).to_have_value("Ancien **texte**")  # Markdown, never tags
    champ.fill("Un **atelier** vélo\n\n- réparation\n- vente")
    with page.expect_response(lambda r: r.url.endswith("/texte/apercu/")):  # htmx, no reload
        page.get_by_role("button", name="Prévisualiser").click()
    apercu = page.get_by_role("region", name="Aperçu")
    expect(apercu.locator("strong")).to_have_text("atelier")
    expect(apercu.locator("li")).to_have_count(2)
    expect(champ).to_have_value("Un **atelier** vélo\n\n- réparation\n- vente")
    page.locator("#id_telephone").press("Enter")  # Enter sends the form, it does not preview
    expect(page.get_by_text("seront visibles après validation")).to_be_visible()
    assert page.erreurs_console == []
    assert page.requetes_echouees == []
