"""Headless browser scenario: apply to the call → label → register → check in → file the
synthesis sheet → the figure changes in the report."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import expect

from essaim.comptes.enums import Role
from essaim.conference.models import Atelier
from essaim.conference.services.appel import creer_appel

from .factories import ConferenceFactory, utilisateur

pytestmark = [pytest.mark.navigateur, pytest.mark.django_db(transaction=True)]
MOT_DE_PASSE = "motdepasse-solide-42"


def compte(role, regions=(), email=None):
    personne = utilisateur(role, regions=regions, email=email)
    EmailAddress.objects.create(user=personne, email=personne.email, verified=True, primary=True)
    return personne


def connecter(page, personne):
    page.goto("/comptes/login/")
    page.fill("input[name=login]", personne.email)
    page.fill("input[name=password]", MOT_DE_PASSE)
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("form[action='/comptes/logout/'] button")).to_be_visible()


def deconnecter(page):
    page.locator("form[action='/comptes/logout/'] button").click()
    expect(page.locator("form[action='/comptes/logout/'] button")).to_have_count(0)


def participants_du_rapport(page, slug) -> str:
    page.goto(f"/conferences/{slug}/rapport/")
    return page.locator(".rapport-phrase-participants").inner_text()


def test_de_la_candidature_au_chiffre_du_rapport(page, territoires):
    # Next year's edition: a workshop whose date has passed takes no registration.
    conference = ConferenceFactory(
        annee=timezone.now().year + 1, slug="edition-navigateur", titre="Conférence test"
    )
    maintenant = timezone.now()
    appel = creer_appel(
        conference, maintenant - timezone.timedelta(days=1), maintenant + timezone.timedelta(days=20)
    )
    staff = compte(Role.CHARGE_MISSION, regions=["32"], email="staff@exemple.fr")
    porteur = compte(Role.GESTIONNAIRE, email="porteur@exemple.fr")

    # 1. Apply to the call with the conference's default form.
    connecter(page, porteur)
    page.goto(f"/appels/{appel.slug}/candidater/")
    page.select_option("select[name=type_candidat]", "reseau")
    page.fill("input[name=nom_structure]", "Collectif Phare")
    page.fill("input[name=intitule]", "Comment coopérer entre collectivités et acteurs ESS ?")
    page.fill("textarea[name=organisateurs]", "Collectif Phare")
    page.check("input[name=transitions][value=economique]")
    page.fill("input[name=date]", f"15/06/{conference.annee}")
    page.fill("input[name=commune]", "62041")
    page.check("input[name=format][value=presentiel]")
    page.fill("input[name=capacite]", "20")
    page.fill("textarea[name=description]", "Un atelier de co-construction.")
    page.click("button[name=action][value=deposer]")
    expect(page.locator("main")).to_contain_text("Candidature déposée")
    page.wait_for_url(re.compile(r"/candidatures/\d+/$"))
    numero = re.search(r"/candidatures/(\d+)/", page.url).group(1)
    deconnecter(page)

    # 2. The région's staff labels it.
    connecter(page, staff)
    page.goto(f"/appels/candidatures/{numero}/decider/")
    page.check("input[name=decision][value=retenue]")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Décision « Labellisé » enregistrée")
    atelier = Atelier.objects.get()
    assert atelier.intitule == "Comment coopérer entre collectivités et acteurs ESS ?"
    deconnecter(page)

    # 3. A participant registers on the public workshop page.
    page.goto(f"/conferences/{conference.slug}/ateliers/")
    page.click(f"text={atelier.intitule}")
    page.fill("input[name=prenom]", "Ada")
    page.fill("input[name=nom]", "Lovelace")
    page.fill("input[name=email]", "ada@exemple.fr")
    page.check("input[name=consentement]")
    page.click("text=M'inscrire")
    expect(page.locator("main")).to_contain_text("Il reste une étape")
    # She opens the link e-mailed to her address: only then does she take a seat.
    from django.core import mail

    page.goto(re.search(r"https?://\S+", mail.outbox[-1].body).group(0))
    page.click("text=Confirmer mon inscription")
    expect(page.locator("main")).to_contain_text("Votre inscription est")
    expect(page.locator("main")).to_contain_text("confirmée")
    assert "0 participant au total" in participants_du_rapport(page, conference.slug)

    # 4. The organiser checks her in on site (htmx, no reload).
    connecter(page, porteur)
    page.goto(atelier.get_absolute_url())
    page.click("text=Inscrits et émargement")
    page.click("button:has-text('Pointer Ada Lovelace')")
    page.wait_for_selector("text=Présent·e")
    assert "1 participant au total" in participants_du_rapport(page, conference.slug)

    # 5. The organiser files the synthesis sheet with the real count.
    page.goto(atelier.get_absolute_url())
    page.click("text=Déposer la fiche de synthèse")
    page.fill("input[name=participants]", "14")
    page.fill("textarea[name=problematique]", "Faire ensemble ce qu'on ne peut pas faire seul.")
    page.fill("input[name='projets-0-nom']", "Pôle territorial de coopération")
    page.fill("input[name='projets-0-territoire']", "Arras")
    page.click("text=Déposer la fiche")
    expect(page.locator("main")).to_contain_text("Fiche de synthèse enregistrée")

    # 6. The report's figure follows.
    phrase = participants_du_rapport(page, conference.slug)
    assert "14 participants au total" in phrase and "donnée disponible pour 1 des 1 ateliers" in phrase
    assert page.erreurs_console == []
    assert page.requetes_echouees == []


def test_la_carte_affiche_les_points_sans_erreur_ni_ressource_externe(page, territoires):
    from .factories import AtelierFactory

    conference = ConferenceFactory(slug="edition-carte")
    AtelierFactory(conference=conference, intitule="Atelier lillois")
    AtelierFactory(conference=conference, intitule="Atelier arrageois", commune_id="62041")
    requetes = []
    page.on("request", lambda r: requetes.append(r.url))
    page.goto(f"/conferences/{conference.slug}/carte/")
    expect(page.locator("#carte-ateliers path.leaflet-interactive")).to_have_count(2)
    expect(page.locator(".conf-atelier")).to_have_count(2)  # the list alternative
    page.wait_for_load_state("networkidle")  # every request made before the list below is read
    assert all(u.startswith(page.url.split("/conferences/")[0]) for u in requetes)
    assert page.erreurs_console == [] and page.requetes_echouees == []
