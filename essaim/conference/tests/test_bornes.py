"""Counts have plausible bounds with a clear French error (issue 13 §2.10)."""

from html import unescape

import pytest
from django.urls import reverse

from essaim.appels.services.formulaire import champ_pour
from essaim.commun.imports import lire_tableau
from essaim.conference.services.appel import FORMULAIRE_PAR_DEFAUT, _entier
from essaim.conference.services.import_ import importer_ateliers

from .test_vues import formulaire_fiche

pytestmark = pytest.mark.django_db

ABSURDE = "9223372036854775807"


def test_a_declared_participants_count_past_the_bound_is_refused_in_french(client, atelier, staff_hdf):
    client.force_login(staff_hdf)
    url = reverse("conference:declarer", args=[atelier.conference.slug, atelier.pk])
    html = unescape(client.post(url, {"participants_declares": ABSURDE}, follow=True).content.decode())
    assert "Nombre de participants invalide : Valeur invraisemblable : au plus 100\u202f000." in html
    atelier.refresh_from_db()
    assert atelier.participants_declares is None
    rapport = client.get(reverse("conference:rapport", args=[atelier.conference.slug])).content.decode()
    assert ABSURDE not in rapport
    client.post(url, {"participants_declares": "100000"})
    atelier.refresh_from_db()
    assert atelier.participants_declares == 100_000


def test_the_synthesis_sheet_refuses_an_absurd_participants_count(client, atelier, organisateur):
    client.force_login(organisateur)
    url = reverse("conference:fiche", args=[atelier.conference.slug, atelier.pk])
    html = unescape(client.post(url, formulaire_fiche(participants=ABSURDE)).content.decode())
    assert "Valeur invraisemblable : au plus 100\u202f000." in html
    assert not hasattr(atelier, "fiche") or atelier.fiche.participants is None


def test_the_workshop_import_rejects_an_absurd_participants_count(conference, tmp_path):
    fichier = tmp_path / "ateliers.csv"
    fichier.write_text(
        "organisateurs;intitule;transitions;date;commune;departement;format;participants\n"
        f"Collectif;Atelier démesuré;sociale;;;;visio;{ABSURDE}\n"
        "Collectif;Atelier normal;sociale;;;;visio;40\n",
        encoding="utf-8",
    )
    rapport = importer_ateliers(conference, lire_tableau(fichier))
    assert (rapport.creees, rapport.rejetees) == (1, 1)
    erreur = rapport.erreurs[0]
    assert erreur.colonne == "participants"
    assert erreur.raison == f"« {ABSURDE} » est invraisemblable : au plus 100\u202f000."


def test_the_call_for_workshops_bounds_the_number_of_seats():
    question = next(q for q in FORMULAIRE_PAR_DEFAUT if q["cle"] == "capacite")
    champ = champ_pour(question)
    with pytest.raises(Exception) as erreur:
        champ.clean("1000000000")
    assert "100000" in str(erreur.value).replace("\u202f", "").replace(" ", "")
    # An older call without the bound never turns an absurd answer into a capacity.
    assert _entier("1000000000") is None and _entier("40") == 40
