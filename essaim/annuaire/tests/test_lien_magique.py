"""Magic edit links are single-use, expire and die when the record changes (issue 13 §2.8)."""

import re
import time
from contextlib import contextmanager

import pytest
from django.core import mail, signing
from django.test import override_settings

from ..services import fiches
from ..services.revendications import jeton_lien_magique

pytestmark = pytest.mark.django_db


def _demander(client, structure, proprietaire) -> str:
    client.post(f"/annuaire/{structure.slug}/lien-de-modification/", {"email": proprietaire.email})
    corps = mail.outbox[-1].body
    assert "valable 2 jours et une seule fois" in corps
    return re.search(r"http://testserver(/annuaire/\S+)", corps).group(1)


def _utiliser(client, lien):
    return client.post(lien, follow=True)


def test_opening_the_link_asks_before_spending_it(client, structure, proprietaire):
    lien = _demander(client, structure, proprietaire)
    page = client.get(lien)  # what a mail scanner does
    assert "Me connecter et modifier la fiche" in page.content.decode()
    assert not page.wsgi_request.user.is_authenticated
    reponse = _utiliser(client, lien)
    assert "Modifier la fiche" in reponse.content.decode()
    assert reponse.context["user"] == proprietaire


def test_the_link_is_single_use(client, structure, proprietaire):
    lien = _demander(client, structure, proprietaire)
    assert _utiliser(client, lien).context["user"] == proprietaire
    client.logout()
    for methode in (client.get, client.post):
        reponse = methode(lien, follow=True)
        assert "Ce lien de modification a déjà servi : demandez-en un nouveau." in reponse.content.decode()
        assert not reponse.context["user"].is_authenticated


def test_the_link_dies_when_the_record_changes(client, structure, proprietaire, staff_hdf):
    lien = _demander(client, structure, proprietaire)
    donnees = fiches.instantane(structure)
    donnees["description"] = "<p>Une autre description.</p>"
    fiches.enregistrer_modification(structure, donnees, staff_hdf, structure.version)
    structure.refresh_from_db()
    assert structure.version == 2
    reponse = _utiliser(client, lien)
    assert "La fiche a été modifiée depuis l&#x27;envoi de ce lien" in reponse.content.decode()
    assert not reponse.context["user"].is_authenticated


@contextmanager
def _il_y_a(secondes, monkeypatch):
    """Sign as if it were ``secondes`` ago (the signer reads the time module's clock)."""
    maintenant = time.time
    with monkeypatch.context() as m:
        m.setattr(signing.time, "time", lambda: maintenant() - secondes)
        yield


def test_the_link_expires_after_the_setting(client, structure, proprietaire, monkeypatch):
    with _il_y_a(47 * 3600, monkeypatch):
        recent = jeton_lien_magique(structure, proprietaire)
    with _il_y_a(49 * 3600, monkeypatch):
        ancien = jeton_lien_magique(structure, proprietaire)
    reponse = _utiliser(client, f"/annuaire/{structure.slug}/modifier/lien/{ancien}/")
    assert "Ce lien de modification a expiré : demandez-en un nouveau." in reponse.content.decode()
    assert not reponse.context["user"].is_authenticated
    reponse = _utiliser(client, f"/annuaire/{structure.slug}/modifier/lien/{recent}/")
    assert reponse.context["user"] == proprietaire


@override_settings(ESSAIM_LIEN_MAGIQUE_HEURES=1)
def test_the_lifetime_is_a_setting(client, structure, proprietaire, monkeypatch):
    client.post(f"/annuaire/{structure.slug}/lien-de-modification/", {"email": proprietaire.email})
    assert "valable 1 heure et une seule fois" in mail.outbox[-1].body
    with _il_y_a(61 * 60, monkeypatch):
        jeton = jeton_lien_magique(structure, proprietaire)
    assert (
        "a expiré" in _utiliser(client, f"/annuaire/{structure.slug}/modifier/lien/{jeton}/").content.decode()
    )


def test_a_link_for_another_record_or_a_former_manager_is_refused(client, structure, proprietaire):
    from .factories import StructureFactory

    autre = StructureFactory(gestionnaires=[proprietaire])
    jeton = jeton_lien_magique(autre, proprietaire)
    reponse = client.post(f"/annuaire/{structure.slug}/modifier/lien/{jeton}/", follow=True)
    assert "n&#x27;est plus valide" in reponse.content.decode()
    jeton = jeton_lien_magique(structure, proprietaire)
    structure.gestions.all().delete()
    reponse = client.post(f"/annuaire/{structure.slug}/modifier/lien/{jeton}/", follow=True)
    assert "n&#x27;est plus valide" in reponse.content.decode()


def test_the_link_page_and_the_bound_errors_read_in_english(client, structure, proprietaire):
    jeton = jeton_lien_magique(structure, proprietaire)
    page = client.get(f"/annuaire/{structure.slug}/modifier/lien/{jeton}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Sign in and edit the record" in page.content.decode()
    from django.utils import translation

    from essaim.commun.bornes import entre

    with translation.override("en"):
        assert str(entre(0, 100_000)[1].message) == "Implausible value: at most 100\u202f000."
