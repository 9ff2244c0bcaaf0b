"""Public API of calls, default e-mail templates as reference data, région-scoped admin."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from essaim.appels.models import ModeleEmail, PieceKit
from essaim.appels.reference import charger_modeles_email
from essaim.comptes.tests.factories import charge_de_mission

from .factories import AppelFactory, CandidatureFactory

pytestmark = pytest.mark.django_db


def test_api_liste_des_appels_publies(client):
    AppelFactory(titre="Ouvert HdF", slug="ouvert-hdf")
    AppelFactory(titre="Normandie", slug="normandie", region_id="28")
    AppelFactory(titre="Caché", publie=False)
    AppelFactory(
        titre="Clos",
        slug="clos",
        cloture=timezone.now() - timedelta(days=1),
        ouverture=timezone.now() - timedelta(days=9),
    )
    donnees = client.get("/api/v1/appels/").json()
    assert sorted(a["slug"] for a in donnees["results"]) == ["clos", "normandie", "ouvert-hdf"]
    donnees = client.get("/api/v1/appels/", {"region": "32", "ouverts": "true"}).json()
    assert [a["titre"] for a in donnees["results"]] == ["Ouvert HdF"]
    assert donnees["results"][0]["url"] == "http://testserver/appels/ouvert-hdf/"
    assert donnees["results"][0]["est_ouvert"] is True


def test_api_detail_avec_questions_et_kit(client):
    appel = AppelFactory(slug="conf", webinaire_date=timezone.now(), webinaire_lien="https://visio.example")
    PieceKit.objects.create(
        appel=appel, titre="Texte de l'appel", nature="texte_appel", fichier=ContentFile(b"x", name="a.pdf")
    )
    donnees = client.get("/api/v1/appels/conf/").json()
    assert donnees["questions"][0] == {
        "cle": "titre",
        "libelle": "Titre de l'atelier",
        "type": "texte",
        "obligatoire": True,
        "choix": [],
        "aide": "",
    }
    assert donnees["kit"][0]["titre"] == "Texte de l'appel"
    assert donnees["kit"][0]["url"].startswith("http://testserver/appels/conf/kit/")
    assert donnees["webinaire"]["lien"] == "https://visio.example"
    assert "reponses" not in str(donnees)


def test_modeles_email_par_defaut_crees_une_fois_sans_ecraser(client):
    assert charger_modeles_email() == 4
    modele = ModeleEmail.objects.get(appel__isnull=True, nature="retenue")
    modele.corps = "Texte revu par l'équipe"
    modele.save()
    assert charger_modeles_email() == 0
    assert ModeleEmail.objects.get(pk=modele.pk).corps == "Texte revu par l'équipe"


def test_admin_limite_le_staff_a_sa_region(client):
    AppelFactory(titre="Appel des Hauts-de-France")
    normand = AppelFactory(titre="Appel normand", region_id="28")
    CandidatureFactory(appel=normand, nom_structure="Structure normande")
    client.force_login(charge_de_mission("32"))
    page = client.get("/admin/appels/appel/").content.decode()
    assert "Appel des Hauts-de-France" in page and "Appel normand" not in page
    assert "Structure normande" not in client.get("/admin/appels/candidature/").content.decode()
    reponse = client.get(reverse("admin:appels_appel_change", args=[normand.pk]))
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("admin:index")


def test_admin_refuse_un_formulaire_mal_defini(client):
    appel = AppelFactory()
    client.force_login(charge_de_mission("32"))
    page = client.get(f"/admin/appels/appel/{appel.pk}/change/").content.decode()
    assert "Types de candidats éligibles" in page
    donnees = {
        "titre": appel.titre,
        "slug": appel.slug,
        "region": "32",
        "description": "",
        "publie": "on",
        "ouverture_0": "01/01/2026",
        "ouverture_1": "10:00",
        "cloture_0": "01/02/2026",
        "cloture_1": "10:00",
        "formulaire": '[{"cle": "x", "libelle": "X", "type": "couleur"}]',
        "libelles_decision": '{"gagne": "Oui"}',
        "webinaire_duree": "60",
        "kit-TOTAL_FORMS": "0",
        "kit-INITIAL_FORMS": "0",
        "kit-MIN_NUM_FORMS": "0",
        "kit-MAX_NUM_FORMS": "1000",
    }
    page = client.post(f"/admin/appels/appel/{appel.pk}/change/", donnees).content.decode()
    assert "type « couleur » inconnu" in page
    assert "Un objet dont les clés sont parmi : retenue, a_revoir, refusee." in page


def test_admin_modeles_email_du_staff_limites_a_ses_appels(client):
    AppelFactory(titre="Appel HdF")
    AppelFactory(titre="Appel normand", region_id="28")
    client.force_login(charge_de_mission("32"))
    page = client.get("/admin/appels/modeleemail/add/").content.decode()
    assert "Appel HdF" in page and "Appel normand" not in page
    reponse = client.post(
        "/admin/appels/modeleemail/add/", {"appel": "", "nature": "retenue", "sujet": "x", "corps": "y"}
    )
    assert "Ce champ est obligatoire." in reponse.content.decode()
    assert not ModeleEmail.objects.exists()


def test_donnees_personnelles_du_candidat(client):
    from essaim.comptes.rgpd import exporter

    c = CandidatureFactory(nom_structure="Coop X")
    donnees = exporter(c.candidat)
    assert donnees["candidatures"][0]["structure"] == "Coop X"
    assert donnees["candidatures"][0]["reponses"]["commune"] == "59350"
    c.candidat.delete()
    assert not type(c).objects.exists()
