"""DLA referrals: recording one through HTTP, the out-of-région refusal, steps, figures."""

import datetime
import html

import pytest
from django.urls import reverse

from essaim.accompagnement.enums import BesoinDLA, EtapeDLA, IssueDLA, NatureSuivi
from essaim.accompagnement.models import Orientation
from essaim.accompagnement.services import dla
from essaim.annuaire.tests.factories import StructureFactory
from essaim.comptes.tests.factories import UtilisateurFactory, charge_de_mission
from essaim.conference.models import TransitionConference
from essaim.conference.tests.factories import ConferenceFactory
from essaim.territoires.models import Departement, Region

pytestmark = pytest.mark.django_db


def _donnees(structure, **autres):
    return {
        "structure_texte": str(structure.pk),
        "region": "32",
        "departement": "59",
        "besoin": "modele_economique",
        "domaine": "ecologique",
        "prescripteur": "France Active",
        "date_orientation": "2026-10-01",
        **autres,
    }


def test_orienter_une_structure_ouvre_un_suivi_lie_aux_freins_de_la_conference(client):
    staff = charge_de_mission("32")
    structure = StructureFactory(nom="Recyclerie de Roubaix", commune="59512")
    conference = ConferenceFactory()
    frein, _cree = TransitionConference.objects.update_or_create(
        conference=conference,
        transition="ecologique",
        defaults={"freins": "Accès au foncier pour le réemploi."},
    )
    client.force_login(staff)
    reponse = client.post(reverse("accompagnement:orienter"), _donnees(structure, freins=[frein.pk]))
    assert reponse.status_code == 302
    orientation = Orientation.objects.get()
    assert orientation.suivi.nature == NatureSuivi.DLA and orientation.suivi.structure == structure
    assert list(orientation.freins.all()) == [frein]
    page = client.get(orientation.suivi.get_absolute_url()).content.decode()
    assert "Accès au foncier pour le réemploi." in page and "DLA Nord" in page


def test_une_structure_hors_region_est_refusee_et_la_saisie_reste(client):
    client.force_login(charge_de_mission("32"))
    structure = StructureFactory(nom="Coopérative de Caen", commune="14118")
    reponse = client.post(
        reverse("accompagnement:orienter"), _donnees(structure, prescripteur="Réseau normand")
    )
    assert reponse.status_code == 400
    texte = reponse.content.decode()
    assert "La structure « Coopérative de Caen » est hors de la région Hauts-de-France" in texte
    assert 'value="Réseau normand"' in texte
    assert not Orientation.objects.exists()


def test_une_fiche_inconnue_est_nommee_dans_l_erreur(client):
    client.force_login(charge_de_mission("32"))
    reponse = client.post(
        reverse("accompagnement:orienter"), {**_donnees(StructureFactory()), "structure_texte": "999999"}
    )
    assert "Aucune fiche de l'annuaire ne correspond à « 999999 »." in html.unescape(reponse.content.decode())


@pytest.mark.parametrize("user", [None, "visiteur", "staff_28"])
def test_orienter_et_les_chiffres_sont_reserves_au_personnel(client, user):
    if user == "visiteur":
        client.force_login(UtilisateurFactory())
    if user == "staff_28":
        client.force_login(charge_de_mission("28"))
        reponse = client.post(reverse("accompagnement:orienter"), _donnees(StructureFactory()))
        assert reponse.status_code == 400  # the région is not one of theirs: not a valid choice
        assert not Orientation.objects.exists()
        return
    for url in (reverse("accompagnement:orienter"), reverse("accompagnement:orientations")):
        assert client.get(url).status_code == (302 if user is None else 403)


def _orientation(structure, besoin, date, departement="59"):
    return dla.orienter(
        Orientation(
            structure=structure,
            region=Region.objects.get(code="32"),
            departement=Departement.objects.get(code=departement) if departement else None,
            besoin=besoin,
            domaine="ecologique",
            date_orientation=date,
        )
    )


def test_les_etapes_et_les_chiffres_par_besoin_domaine_departement_annee(client):
    s = StructureFactory(commune="59512")
    o = _orientation(s, BesoinDLA.GOUVERNANCE, datetime.date(2025, 3, 1))
    _orientation(s, BesoinDLA.GOUVERNANCE, datetime.date(2026, 3, 1), departement=None)
    _orientation(s, BesoinDLA.EMPLOI_COMPETENCES, datetime.date(2026, 5, 1))
    dla.passer_etape(o, EtapeDLA.DIAGNOSTIC, date=datetime.date(2025, 4, 1))
    dla.passer_etape(o, EtapeDLA.TERMINEE, date=datetime.date(2025, 9, 1), issue=IssueDLA.ACCOMPAGNEE)
    o.refresh_from_db()
    assert o.statut == EtapeDLA.TERMINEE and o.issue == IssueDLA.ACCOMPAGNEE and o.date_fin.year == 2025
    chiffres = dla.chiffres(Orientation.objects.all())
    assert chiffres["total"] == 3
    assert dict(chiffres["besoin"]) == {"Gouvernance": 2, "Emploi et compétences": 1}
    assert dict(chiffres["domaine"]) == {"Transition écologique": 3}
    assert dict(chiffres["departement"]) == {"Nord": 2, "DLA régional": 1}
    assert chiffres["annee"] == [(2025, 1), (2026, 2)]
    client.force_login(charge_de_mission("32"))
    texte = client.get(reverse("accompagnement:orientations") + "?annee=2026").content.decode()
    assert "2 orientations" in texte


def test_les_etapes_passent_par_la_page_du_suivi_et_terminer_demande_l_issue(client):
    client.force_login(charge_de_mission("32"))
    o = _orientation(StructureFactory(commune="59512"), BesoinDLA.STRATEGIE, datetime.date(2026, 6, 1))
    url = o.suivi.get_absolute_url()
    reponse = client.post(
        url, {"formulaire": "etape", "etape-etape": "diagnostic", "etape-date": "2026-07-01"}
    )
    assert reponse.status_code == 302
    reponse = client.post(url, {"formulaire": "etape", "etape-etape": "terminee", "etape-date": "2026-09-01"})
    assert reponse.status_code == 400
    assert "Indiquez l'issue de l'accompagnement pour le terminer." in html.unescape(reponse.content.decode())
    o.refresh_from_db()
    assert o.statut == EtapeDLA.DIAGNOSTIC and o.date_diagnostic == datetime.date(2026, 7, 1)
    texte = html.unescape(client.get(url).content.decode())
    assert "Étape DLA : Diagnostic" in texte
