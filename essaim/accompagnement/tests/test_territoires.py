"""Supported territories: the public API contract, dated status changes, the map and table,
the share by year, the observatory's EPCI page, the open dataset and "Mon espace"."""

import datetime
import html
import json

import pytest
from django.urls import reverse

from essaim.accompagnement.models import ChangementStatut, ProjetTransition
from essaim.accompagnement.services import territoires as service
from essaim.annuaire.tests.factories import StructureFactory
from essaim.comptes.tests.factories import UtilisateurFactory, charge_de_mission
from essaim.territoires.models import EPCI, Contour

pytestmark = pytest.mark.django_db

ARRAS, VALENCIENNES, LILLE = "200033579", "245901160", "200093201"


@pytest.fixture
def region_32():
    staff = charge_de_mission("32")
    arras = service.territoire_de(EPCI.objects.get(code=ARRAS), "32")
    arras.pilote = True
    arras.save()
    service.changer_statut_politique(arras, statut="a_construire", date=datetime.date(2023, 3, 1))
    service.changer_statut_politique(arras, statut="ancree", date=datetime.date(2025, 1, 20))
    valenciennes = service.territoire_de(EPCI.objects.get(code=VALENCIENNES), "32")
    valenciennes.pilote = True
    valenciennes.save()
    service.changer_statut_politique(valenciennes, statut="emergence", date=datetime.date(2024, 6, 1))
    projet = ProjetTransition.objects.create(
        territoire=arras, intitule="Feuille de route économie circulaire"
    )
    projet.structures.add(StructureFactory(nom="Recyclerie d'Arras", commune="62041"))
    return {"staff": staff, "arras": arras}


def test_l_api_publique_donne_chaque_epci_de_la_region(client, region_32):
    reponse = client.get("/api/v1/territoires-accompagnes/?region=32")
    assert reponse.status_code == 200
    resultats = {r["code"]: r for r in reponse.json()["results"]}
    assert len(resultats) == EPCI.objects.filter(communes__region_id="32").distinct().count()
    assert resultats[ARRAS] == {
        "code": ARRAS,
        "nom": "CU d'Arras",
        "statut_politique_ess": "ancree",
        "pilote": True,
        "projets": 1,
    }
    assert (
        resultats[VALENCIENNES]["pilote"] is True
        and resultats[VALENCIENNES]["statut_politique_ess"] == "emergence"
    )
    assert resultats[LILLE] == {**resultats[LILLE], "statut_politique_ess": None, "pilote": False}
    assert client.get("/api/v1/territoires-accompagnes/?region=99").status_code == 400


def test_un_changement_de_statut_sans_date_est_refuse_sans_rien_perdre(client, region_32):
    client.force_login(region_32["staff"])
    url = reverse("accompagnement:changer_statut", args=[LILLE])
    reponse = client.post(url, {"statut": "emergence", "date": "", "commentaire": "Délibération du conseil"})
    assert reponse.status_code == 400
    texte = html.unescape(reponse.content.decode())
    assert "Indiquez la date du changement de statut : elle est obligatoire." in texte
    assert "Délibération du conseil" in texte
    assert not ChangementStatut.objects.filter(territoire__epci_id=LILLE).exists()
    reponse = client.post(url, {"statut": "emergence", "date": "2026-02-01", "commentaire": "Délibération"})
    assert reponse.status_code == 302
    page = client.get(reverse("accompagnement:territoire", args=[LILLE])).content.decode()
    assert "Politique ESS en émergence" in page and "1 février 2026" in page


def test_changer_le_statut_est_reserve_au_personnel_de_la_region(client, region_32):
    for user in (UtilisateurFactory(), charge_de_mission("28")):
        client.force_login(user)
        url = reverse("accompagnement:changer_statut", args=[LILLE])
        assert client.post(url, {"statut": "ancree", "date": "2026-01-01"}).status_code == 403
    assert not ChangementStatut.objects.filter(territoire__epci_id=LILLE).exists()


def test_le_statut_courant_est_le_dernier_par_date_et_l_evolution_par_annee(region_32):
    arras = region_32["arras"]
    # A change recorded late but dated earlier does not replace the current status.
    service.changer_statut_politique(arras, statut="emergence", date=datetime.date(2024, 1, 10))
    arras.refresh_from_db()
    assert arras.statut_politique_ess == "ancree"
    n = EPCI.objects.filter(communes__region_id="32").distinct().count()
    evolution = {
        ligne["annee"]: {p["statut"]: p["nombre"] for p in ligne["parts"]}
        for ligne in service.evolution("32", n)
    }
    assert evolution[2023] == {"ancree": 0, "emergence": 0, "a_construire": 1}
    assert evolution[2024] == {"ancree": 0, "emergence": 2, "a_construire": 0}
    assert evolution[2025] == {"ancree": 1, "emergence": 1, "a_construire": 0}
    repartition = {r["statut"]: r for r in service.repartition(service.lignes_region("32"))}
    assert repartition["ancree"]["nombre"] == 1 and repartition[""]["nombre"] == n - 2
    assert repartition["ancree"]["part"] == round(100 / n, 1)


def test_la_page_montre_la_choroplethe_et_le_tableau(client, region_32):
    carre = {
        "type": "Polygon",
        "coordinates": [[[2.7, 50.2], [2.9, 50.2], [2.9, 50.4], [2.7, 50.4], [2.7, 50.2]]],
    }
    Contour.objects.create(
        niveau="epci",
        code=ARRAS,
        geometrie=json.dumps(carre),
        ouest=2.7,
        sud=50.2,
        est=2.9,
        nord=50.4,
        etiquette_lon=2.8,
        etiquette_lat=50.3,
    )
    texte = html.unescape(client.get(reverse("accompagnement:territoires") + "?region=32").content.decode())
    assert f'data-code="{ARRAS}" data-statut="ancree"' in texte
    assert "CU d'Arras : Politique ESS ancrée et co-construite — territoire pilote" in texte
    assert (
        '<table class="tableau" id="repartition">' in texte and '<table class="tableau" id="epci">' in texte
    )


def test_la_page_epci_de_l_observatoire_montre_statut_et_projets(client, region_32):
    texte = html.unescape(
        client.get(reverse("observatoire:territoire", args=["epci", ARRAS])).content.decode()
    )
    assert "Politique ESS du territoire" in texte
    assert "Politique ESS ancrée et co-construite" in texte and "territoire pilote" in texte
    assert "Feuille de route économie circulaire" in texte and "Recyclerie d'Arras" in texte
    autre = client.get(reverse("observatoire:territoire", args=["epci", LILLE])).content.decode()
    assert "Politique ESS du territoire" not in autre


def test_le_jeu_de_donnees_ouvert_des_statuts(client, region_32):
    reponse = client.get(reverse("opendata:fichier", args=["territoires-accompagnes", "json"]) + "?region=32")
    lignes = json.loads(b"".join(reponse.streaming_content))["data"]
    arras = next(ligne for ligne in lignes if ligne["code"] == ARRAS)
    assert (
        arras["statut_politique_ess"] == "ancree"
        and arras["pilote"] is True
        and arras["depuis"] == "2025-01-20"
    )


def test_les_indicateurs_nommes_du_module(region_32):
    from essaim.commun import indicateurs

    n = EPCI.objects.filter(communes__region_id="32").distinct().count()
    assert indicateurs.calculer("accompagnement-epci-politique-ancree", region="32") == 1
    assert indicateurs.calculer("accompagnement-part-epci-politique-ess", region="32") == round(200 / n, 1)
    assert indicateurs.calculer("accompagnement-laureats-suivis", region="32") == 0
    assert (
        indicateurs.calculer(
            "accompagnement-orientations-dla",
            region="32",
            debut=datetime.date(2025, 1, 1),
            fin=datetime.date(2025, 12, 31),
        )
        == 0
    )


def test_la_courbe_de_l_evolution_est_a_cote_de_son_tableau(client, region_32):
    texte = client.get(reverse("accompagnement:territoires") + "?region=32").content.decode()
    assert 'id="courbe-politique-ess' in texte and '<table class="tableau" id="evolution">' in texte


def test_le_personnel_gere_pilote_referents_projets_et_ptce(client, region_32):
    client.force_login(region_32["staff"])
    url = reverse("accompagnement:gerer_territoire", args=[LILLE])
    assert client.post(url, {"formulaire": "pilote", "pilote-pilote": "on"}).status_code == 302
    client.post(url, {"formulaire": "referent", "referent-qualite": "elu", "referent-nom": "Claire Martin"})
    recyclerie = StructureFactory(nom="Recyclerie lilloise", commune="59350")
    caen = StructureFactory(nom="Coopérative de Caen", commune="14118")
    donnees = {
        "formulaire": "projet",
        "projet-intitule": "Plan Bâtiment Durable",
        "projet-domaine": "ecologique",
    }
    reponse = client.post(url, {**donnees, "projet-structures_texte": f"{recyclerie.pk}\n{caen.pk}"})
    assert reponse.status_code == 400
    assert "« Coopérative de Caen » est hors de la région du territoire." in html.unescape(
        reponse.content.decode()
    )
    assert client.post(url, {**donnees, "projet-structures_texte": str(recyclerie.pk)}).status_code == 302
    assert (
        client.post(url, {"formulaire": "ptce", "ptce-structure_texte": str(recyclerie.pk)}).status_code
        == 302
    )
    resultats = {
        r["code"]: r for r in client.get("/api/v1/territoires-accompagnes/?region=32").json()["results"]
    }
    assert resultats[LILLE]["pilote"] is True and resultats[LILLE]["projets"] == 1
    page = html.unescape(client.get(reverse("accompagnement:territoire", args=[LILLE])).content.decode())
    assert "Claire Martin" in page and "Plan Bâtiment Durable" in page and "Recyclerie lilloise" in page
    client.force_login(charge_de_mission("28"))
    assert client.post(url, {"formulaire": "pilote"}).status_code == 403
