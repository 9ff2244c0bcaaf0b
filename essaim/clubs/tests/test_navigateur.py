"""Headless browser scenario: join a club → register to a session → sign in → see the figures
(with axe-core on the club's pages)."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from essaim.annuaire.tests.factories import StructureFactory
from essaim.comptes.tests.factories import UtilisateurFactory, charge_de_mission

from .factories import ClubFactory, RencontreFactory

pytestmark = [pytest.mark.navigateur, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).resolve().parents[2] / "espace" / "tests" / "vendor" / "axe.min.js"


def connecter(page, live_server, compte):
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


def violations_graves(page):
    page.wait_for_function("() => window.axe !== undefined")
    resultats = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, cibles: v.nodes.map(n => n.target.join(' '))})))"
    )
    return [v for v in resultats if v["impact"] in ("serious", "critical")]


def test_rejoindre_s_inscrire_emarger_voir_les_chiffres(page, live_server, territoires):
    animatrice = charge_de_mission("32", first_name="Camille", last_name="Animatrice")
    club = ClubFactory(nom="Club Busin'ESS #Réemploi", animateur=animatrice)
    date = timezone.localdate() + datetime.timedelta(days=20)
    rencontre = RencontreFactory(club=club, titre="Atelier achats groupés", date=date, capacite=10)
    gaelle = UtilisateurFactory(email="gaelle@exemple.fr", first_name="Gaëlle", last_name="Martin")
    StructureFactory(nom="Recyclerie du Beffroi", gestionnaires=[gaelle], commune="62041")
    page.context.add_init_script(path=str(AXE))

    # 1. The manager asks to join.
    connecter(page, live_server, gaelle)
    page.goto(club.get_absolute_url())
    page.get_by_label("Votre fonction dans la structure").fill("Coordinatrice")
    page.get_by_role("button", name="Demander l'adhésion").click()
    expect(page.get_by_text("Demande envoyée")).to_be_visible()
    expect(page.get_by_text("attend la réponse de l'animateur·rice")).to_be_visible()

    # 2. The animateur accepts.
    connecter(page, live_server, animatrice)
    page.goto(f"/clubs/{club.slug}/demandes/")
    page.get_by_role("button", name="Accepter Recyclerie du Beffroi").click()
    expect(page.get_by_text("Réponse enregistrée")).to_be_visible()

    # 3. The new member registers (signed in with a verified address: confirmed at once).
    connecter(page, live_server, gaelle)
    page.goto(club.get_absolute_url())
    expect(page.get_by_role("link", name="Recyclerie du Beffroi")).to_be_visible()
    assert violations_graves(page) == []
    page.get_by_role("link", name="Atelier achats groupés").click()
    expect(page.get_by_label("Prénom")).to_have_value("Gaëlle")
    page.get_by_label("J'accepte que ces informations").check()
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.get_by_text("Votre inscription est confirmée.")).to_be_visible()

    # 4. The animateur signs her in (htmx swaps the row).
    connecter(page, live_server, animatrice)
    page.goto(f"/clubs/{club.slug}/rencontres/{rencontre.pk}/emargement/")
    page.get_by_role("button", name="Pointer Gaëlle Martin").click()
    expect(page.locator("tr[id^=inscrit-]").get_by_text("Présent·e")).to_be_visible()

    # 5. The figures of the year count the session, the participant and the member.
    page.goto(f"/clubs/{club.slug}/chiffres/?annee={date.year}")
    expect(page.locator("#chiffre-rencontres")).to_have_text("1")
    expect(page.locator("#chiffre-participants")).to_have_text("1")
    expect(page.locator("#chiffre-membres")).to_have_text("1")
    assert violations_graves(page) == []
