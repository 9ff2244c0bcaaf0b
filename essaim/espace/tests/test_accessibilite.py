"""axe-core (npm axe-core, vendored for the tests only: tests/vendor/axe.min.js, refreshed by
`make vendor`) over the main pages of the workspace: no serious or critical violation."""

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from essaim.comptes.enums import Role
from essaim.conference.tests.factories import utilisateur

pytestmark = [pytest.mark.navigateur, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def _violations(page, chemin=None):
    if chemin:
        page.goto(chemin)
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
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = compte.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


@pytest.mark.parametrize(
    "chemin", ["/", "/accessibilite/", "/mentions-legales/", "/plan-du-site/", "/comptes/login/"]
)
def test_pages_publiques_sans_violation_grave(page, territoires, chemin):
    page.context.add_init_script(path=str(AXE))
    assert _violations(page, chemin) == []


def test_axe_voit_une_violation_grave(page, territoires):
    """The check itself works: an image without text alternative is reported (critical)."""
    page.context.add_init_script(path=str(AXE))
    page.goto("/")
    page.evaluate(
        "() => document.querySelector('main')"
        ".insertAdjacentHTML('beforeend', '<img src=\"/static/img/essaim.svg\">')"
    )
    assert [v["id"] for v in _violations(page)] == ["image-alt"]


def test_mon_espace_et_mon_compte_sans_violation_grave(page, territoires, live_server):
    from essaim.annuaire.reference import charger

    charger()
    page.context.add_init_script(path=str(AXE))
    _connecter(page, live_server, utilisateur(Role.CHARGE_MISSION, regions=["32"]))
    for chemin in ("/mon-espace/", "/compte/", "/annuaire/moderation/"):
        assert _violations(page, chemin) == [], chemin
        assert "/comptes/login/" not in page.url  # signed in: the page itself was checked


def _tabuler_jusqu_a(page, selecteur, maximum=80):
    for _ in range(maximum):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selecteur):
            return
    raise AssertionError(f"{selecteur} jamais atteint au clavier")


def _chemin_clavier_dans_la_carte(page):
    """Filters, display switch and list of /carte/ with the keyboard alone."""
    page.goto("/carte/")
    expect(page.locator("#carte-total")).to_contain_text("4 structures trouvées")
    _tabuler_jusqu_a(page, "#f-famille-association")
    page.keyboard.press("Space")
    expect(page.locator("#carte-total")).to_contain_text("3 structures trouvées")
    expect(page.locator("#f-famille-association")).to_be_focused()  # htmx kept the focus
    _tabuler_jusqu_a(page, "#voir-liste")
    page.keyboard.press("Enter")
    expect(page.locator("#titre-liste")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Recyclerie 0", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recyclerie 0")


def test_pages_de_l_annuaire_de_la_carte_de_l_observatoire_et_de_la_conference(
    page, territoires, live_server, tmp_path
):
    """One browser page, data built once: every main public page, then structure registration."""
    from django.core.management import call_command

    from essaim.annuaire.reference import charger
    from essaim.carte.tests.factories import structure
    from essaim.conference.tests.test_import import CSV
    from essaim.observatoire.services.import_sirene import ImportSirene
    from essaim.observatoire.tests.jeu_essai import ecrire_jeu

    charger()
    for i in range(3):
        structure(
            f"Recyclerie {i}",
            latitude=50.6 + i * 0.004,
            longitude=3.05,
            themes=["seconde-vie-produits"],
            famille="association",
            naf="94.99Z",
            site_web="https://exemple.fr",
        )
    structure("Centrale solaire", commune="80021", latitude=49.89, longitude=2.29, famille="cooperative")
    ImportSirene(*ecrire_jeu(tmp_path)).executer()
    call_command(
        "conference_import", "hdf-2023", str(CSV), "--region", "32", "--annee", "2023", stdout=io.StringIO()
    )
    _chemin_clavier_dans_la_carte(page)
    page.context.add_init_script(path=str(AXE))
    trouvees = {}
    for chemin, titre in (
        ("/annuaire/", "Annuaire"),
        ("/annuaire/recyclerie-0/", "Recyclerie 0"),
        ("/carte/", "Carte"),
        ("/observatoire/departement/59/", "Nord"),
        ("/observatoire/region/32/", "Hauts-de-France"),
        ("/conferences/hdf-2023/rapport/", "Conférence régionale"),
    ):
        trouvees[chemin] = _violations(page, chemin)
        expect(page.get_by_role("heading", level=1)).to_contain_text(titre)
        if chemin == "/carte/":
            expect(page.locator(".carte-cluster").first).to_be_visible()
            trouvees["carte en mode carte"] = _violations(page)
            page.get_by_role("button", name="Liste").click()
            expect(page.locator(".carte-liste__nom a")).to_have_count(4)
            trouvees["carte en mode liste"] = _violations(page)
    _connecter(page, live_server, utilisateur(Role.GESTIONNAIRE))
    for chemin in ("/annuaire/inscription/?recherche=Recyclerie", "/annuaire/inscription/fiche/?nom=Essai"):
        trouvees[chemin] = _violations(page, chemin)
        assert "/comptes/login/" not in page.url
    assert {c: v for c, v in trouvees.items() if v} == {}
