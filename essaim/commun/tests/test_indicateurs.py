"""The registry of named computations and each app's computations, against data built here."""

import datetime

import pytest
from django.utils import timezone

from essaim.commun import indicateurs
from essaim.commun.indicateurs import ParametresInvalides


@pytest.fixture(autouse=True)
def _bits_neufs():
    # The index's code bits are cached per process; each test's database starts without them.
    from essaim.carte.services import codes

    codes.vider_cache()
    yield
    codes.vider_cache()


AN_2025 = {"debut": datetime.date(2025, 1, 1), "fin": datetime.date(2025, 12, 31)}


def test_registre_decouvert_dans_les_apps():
    codes = {c.code for c in indicateurs.calculs()}
    assert {
        "annuaire-fiches-publiees",
        "annuaire-fiches-a-jour",
        "observatoire-couverture-annuaire",
        "conference-ateliers",
        "conference-participants",
        "conference-structures-organisatrices",
        "appels-candidatures-recues",
        "appels-candidatures-retenues",
    } <= codes
    assert indicateurs.obtenir("annuaire-fiches-publiees").app == "carte"
    with pytest.raises(indicateurs.CalculInconnu):
        indicateurs.obtenir("inexistant")


def test_parametres_manquants_nommes_en_francais():
    with pytest.raises(ParametresInvalides) as erreur:
        indicateurs.calculer("appels-candidatures-recues")
    assert set(erreur.value.erreurs) == {"region", "periode"}
    with pytest.raises(ParametresInvalides) as erreur:
        indicateurs.calculer(
            "appels-candidatures-recues", region="11", debut=AN_2025["fin"], fin=AN_2025["debut"]
        )
    assert "précède son début" in erreur.value.erreurs["periode"][0]


def test_un_code_ne_peut_etre_declare_par_deux_modules():
    with pytest.raises(ValueError, match="déjà déclaré"):
        indicateurs.calcul("annuaire-fiches-publiees", libelle="x", unite="x")(lambda **k: 0)


@pytest.mark.django_db
def test_fiches_publiees_egal_au_compte_de_l_api_et_fiches_a_jour(client):
    from essaim.annuaire.enums import StatutStructure
    from essaim.annuaire.models import Structure
    from essaim.annuaire.reference import charger
    from essaim.carte.tests.factories import structure

    charger()
    structure("Caen 1", commune="14118", latitude=49.18, longitude=-0.37)
    ancienne = structure("Caen 2", commune="14118", latitude=49.18, longitude=-0.37)
    structure("Brouillon", commune="14118", latitude=49.18, longitude=-0.37, statut=StatutStructure.BROUILLON)
    structure("Lille")
    compte = client.get("/api/v1/structures/?region=28").json()["count"]
    assert compte == 2
    assert indicateurs.calculer("annuaire-fiches-publiees", region="28") == compte
    assert indicateurs.calculer("annuaire-fiches-publiees", region="94") == 0
    Structure.objects.filter(pk=ancienne.pk).update(modifie_le=timezone.now() - datetime.timedelta(days=400))
    assert indicateurs.calculer("annuaire-fiches-a-jour", region="28") == 1


@pytest.mark.django_db
def test_candidatures_recues_et_retenues_dans_la_periode():
    from essaim.appels.enums import Decision, StatutCandidature
    from essaim.appels.tests.factories import AppelFactory, CandidatureFactory

    appel = AppelFactory()  # région 32
    en_2025 = timezone.make_aware(datetime.datetime(2025, 3, 1, 12))
    CandidatureFactory(appel=appel, deposee_le=en_2025)
    CandidatureFactory(
        appel=appel, deposee_le=en_2025, statut=StatutCandidature.DECIDEE, decision=Decision.RETENUE
    )
    CandidatureFactory(appel=appel, deposee_le=en_2025, statut=StatutCandidature.DECIDEE, decision="refusee")
    CandidatureFactory(appel=appel, statut=StatutCandidature.BROUILLON, deposee_le=None)
    CandidatureFactory(appel=appel, deposee_le=timezone.make_aware(datetime.datetime(2024, 3, 1)))
    assert indicateurs.calculer("appels-candidatures-recues", region="32", **AN_2025) == 3
    assert indicateurs.calculer("appels-candidatures-retenues", region="32", **AN_2025) == 1
    assert indicateurs.calculer("appels-candidatures-recues", region="28", **AN_2025) == 0


@pytest.mark.django_db
def test_ateliers_participants_et_organisateurs_de_l_edition():
    from essaim.conference.tests.factories import AtelierFactory, ConferenceFactory

    edition = ConferenceFactory(annee=2025)
    AtelierFactory(conference=edition, organisateurs_libres="CRESS\nChair'ESS", participants_declares=12)
    AtelierFactory(conference=edition, organisateurs_libres="CHAIR'ESS", participants_declares=8)
    AtelierFactory(conference=ConferenceFactory(annee=2026), participants_declares=50)
    assert indicateurs.calculer("conference-ateliers", region="32", **AN_2025) == 2
    assert indicateurs.calculer("conference-participants", region="32", **AN_2025) == 20
    assert indicateurs.calculer("conference-structures-organisatrices", region="32", **AN_2025) == 2


@pytest.mark.django_db
def test_couverture_de_l_annuaire_du_perimetre_sirene(tmp_path):
    from essaim.annuaire.models import Structure
    from essaim.observatoire.services.import_sirene import ImportSirene
    from essaim.observatoire.tests.jeu_essai import ecrire_jeu

    assert indicateurs.calculer("observatoire-couverture-annuaire", region="32") is None  # no vintage
    ImportSirene(*ecrire_jeu(tmp_path)).executer()
    assert indicateurs.calculer("observatoire-couverture-annuaire", region="32") == 0
    Structure.objects.create(nom="Les Jardins", siret="10000000100011", statut="publiee", region_id="32")
    taux = indicateurs.calculer("observatoire-couverture-annuaire", region="32")
    assert 0 < taux <= 100
