"""Headless Chromium: the home and login pages load with no console error and no missing asset."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.navigateur, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("chemin", ["/", "/comptes/login/", "/comptes/signup/", "/territoires/"])
def test_page_sans_erreur_console_ni_ressource_manquante(page, territoires, chemin):
    page.goto(chemin)
    page.wait_for_load_state("networkidle")
    assert page.locator("main#contenu").count() == 1
    assert page.erreurs_console == []
    assert page.requetes_echouees == []


def test_lien_d_evitement_au_clavier(page, territoires):
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.locator(".lien-evitement")).to_be_focused()
    page.keyboard.press("Enter")
    # The browser follows the link asynchronously: wait for the fragment, never read page.url at once.
    expect(page).to_have_url(re.compile(r"#contenu$"))


def test_suggestions_de_commune_au_fil_de_la_frappe(page, territoires):
    page.goto("/territoires/")
    page.fill("#q-commune", "saint-omer")
    page.wait_for_selector("#q-commune-suggestions option[value='Saint-Omer (62765)']", state="attached")
    assert page.erreurs_console == []


def test_swagger_sans_erreur_de_csp_dans_la_console(page, territoires):
    """Swagger UI (sidecar files, strict CSP): the operations are drawn and the console stays clean."""
    messages = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.goto("/api/v1/docs/")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/structures/").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert [m for m in messages if "Content Security Policy" in m or m.startswith("error")] == [], "\n".join(
        messages
    )
    assert page.requetes_echouees == []
