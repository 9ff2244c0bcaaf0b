"""axe-core (npm axe-core, vendored for the tests only: tests/vendor/axe.min.js, refreshed by
`make vendor`) over the main pages of the workspace: no serious or critical violation."""

from pathlib import Path

import pytest

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
