"""Automatic indicators: snapshots that never move, and the Normandie demo plan's published
records equal to the directory API's count."""

import datetime

import pytest

from essaim.pilotage.models import Indicateur, Mesure, Plan
from essaim.pilotage.services import mesures

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _bits_neufs():
    from essaim.carte.services import codes

    codes.vider_cache()
    yield
    codes.vider_cache()


@pytest.fixture
def fiches_normandes(db):
    from essaim.annuaire.reference import charger
    from essaim.carte.tests.factories import structure

    charger()
    for nom in ("Recyclerie de Caen", "Épicerie solidaire"):
        structure(nom, commune="14118", latitude=49.18, longitude=-0.37)
    structure("Ailleurs")  # Lille, not in Normandie


def test_un_instantane_ne_bouge_pas_quand_une_fiche_est_publiee_ensuite(fiches_normandes):
    from essaim.carte.tests.factories import structure

    _p, o, _ind = factories.arbre_simple()
    auto = factories.automatique(o)
    instantane = mesures.instantane(auto, "2024")
    assert instantane.valeur == 2 and instantane.calculee_le is not None
    structure("Nouvelle coopérative", commune="14118", latitude=49.18, longitude=-0.37)
    assert mesures.calculer(auto) == 3  # the live figure moved...
    assert mesures.instantane(auto, "2024").valeur == 2  # ...the snapshot did not
    assert Mesure.objects.get(pk=instantane.pk).valeur == 2
    assert mesures.instantane(auto, "2025").valeur == 3  # a new period gets the new figure


def test_les_echeances_prennent_les_instantanes_des_periodes_terminees(fiches_normandes):
    _p, o, _ind = factories.arbre_simple()
    auto = factories.automatique(o)
    n = mesures.prendre_instantanes(Indicateur.objects.filter(pk=auto.pk), datetime.date(2025, 6, 1))
    assert n == 1 and list(auto.mesures.values_list("periode", "valeur")) == [("2024", 2)]
    assert mesures.prendre_instantanes(Indicateur.objects.filter(pk=auto.pk), datetime.date(2025, 6, 1)) == 0


def test_le_plan_normandie_de_demo_compte_les_fiches_publiees_comme_l_api(client, fiches_normandes):
    from essaim.pilotage.demo import charger

    charger()
    charger()  # idempotent
    plan = Plan.objects.get(slug="cress-normandie-2022-2025")
    assert plan.priorites.filter(nature="priorite").count() == 8
    assert plan.priorites.filter(nature="condition").count() == 2
    assert len(plan.liste_principes()) == 5
    assert Plan.objects.filter(slug="ademe-cress-idf-2018-2020").exists()
    indicateur = plan.indicateurs.get(calcul="annuaire-fiches-publiees")
    assert indicateur.parametres == {"region": "28"} and indicateur.objectif.demo
    compte = client.get("/api/v1/structures/?region=28").json()["count"]
    assert compte == 2
    detail = client.get(f"/api/v1/pilotage/plans/{plan.slug}/").json()
    indicateurs = [i for p in detail["priorites"] for o in p["objectifs"] for i in o["indicateurs"]]
    fiches = next(i for i in indicateurs if i["code"] == "fiches-annuaire-normandie")
    assert fiches["valeur_actuelle"] == compte
    assert detail["priorites"][0]["titre"].startswith("Fédérer l'ensemble des réseaux d'ESS normands")
    assert [c["titre"] for c in detail["conditions"]][1] == (
        "définir des objectifs quantitatifs à qualitatifs à atteindre et en assurer le suivi"
    )
    assert client.get(plan.get_absolute_url()).status_code == 200
