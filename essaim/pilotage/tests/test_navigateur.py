"""Browser scenario: a staff member creates an objective with an indicator, enters a measure,
and sees the dashboard and the yearly review change."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from essaim.comptes.tests.factories import charge_de_mission

from . import factories

pytestmark = [pytest.mark.navigateur, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "espace" / "tests" / "vendor" / "axe.min.js"


def violations_graves(page):
    page.wait_for_function("() => window.axe !== undefined")
    resultats = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, cibles: v.nodes.map(n => n.target.join(' '))})))"
    )
    return [v for v in resultats if v["impact"] in ("serious", "critical")]


def _connecter(page, live_server, compte):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(compte.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = compte.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def test_creer_un_objectif_saisir_une_mesure_voir_le_tableau_de_bord_et_le_bilan(
    page, live_server, territoires
):
    plan = factories.plan(slug="plan-navigateur")
    factories.priorite(plan, titre="Fédérer les réseaux")
    _connecter(page, live_server, charge_de_mission("28"))
    page.context.add_init_script(path=str(AXE))

    page.goto("/pilotage/plan-navigateur/")
    page.get_by_role("link", name="Nouvel objectif").click()
    page.get_by_label("Priorité ou condition transversale").select_option(label="Fédérer les réseaux")
    page.get_by_label("Titre").fill("Accueillir de nouveaux réseaux")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("h1")).to_have_text("Accueillir de nouveaux réseaux")

    page.get_by_role("link", name="Ajouter un indicateur saisi à la main").click()
    page.get_by_label("Code").fill("reseaux-adherents")
    page.get_by_label("Libellé").fill("Réseaux adhérents")
    page.get_by_label("Unité").fill("réseaux")
    page.get_by_label("Valeur de référence").fill("10")
    page.get_by_label("Cible", exact=True).fill("20")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name=re.compile("Réseaux adhérents"))).to_be_visible()

    page.get_by_role("link", name="Saisir une mesure").click()
    page.get_by_label("Période").fill("2024")
    page.locator("#id_valeur").fill("15 %")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".erreurs").first).to_contain_text(
        "est un pourcentage, or cet indicateur se mesure en réseaux"
    )
    page.locator("#id_valeur").fill("15")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("table", name="Mesures : Réseaux adhérents")).to_contain_text("15")

    page.goto("/pilotage/plan-navigateur/")
    tableau = page.get_by_role("table", name="Objectifs et indicateurs : Fédérer les réseaux")
    expect(tableau).to_contain_text("Accueillir de nouveaux réseaux")
    expect(tableau).to_contain_text("50 %")
    expect(page.locator("svg[role=img] rect title").first).to_contain_text("Réseaux adhérents : 15 réseaux")
    assert violations_graves(page) == []

    page.goto("/pilotage/plan-navigateur/bilan/2024/")
    expect(page.get_by_role("table", name="Indicateurs : Accueillir de nouveaux réseaux")).to_contain_text(
        "2024 : 15"
    )
    assert violations_graves(page) == []
    page.goto("/pilotage/plan-navigateur/")
    page.get_by_role("link", name="Accueillir de nouveaux réseaux").click()
    assert violations_graves(page) == []
    assert page.erreurs_console == []
