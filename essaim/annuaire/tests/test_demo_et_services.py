"""Demo loader, vocabularies, providers (recorded responses), validators, personal data."""

import pytest
from django.core.exceptions import ValidationError

from essaim.comptes.rgpd import exporter

from .. import demo, validators
from ..models import Agrement, Structure, Theme, Transition
from ..providers import ban, recherche_entreprises
from ..providers.faux import transport_enregistre
from ..providers.transport import Indisponible
from ..reference import charger
from .factories import StructureFactory

pytestmark = pytest.mark.django_db


def test_vocabulaires_hierarchiques_et_idempotents():
    assert charger() == 0
    circulaire = Theme.objects.get(code="economie-circulaire")
    assert circulaire.enfants.count() == 4 and Theme.objects.filter(parent=None).count() == 9
    assert set(Transition.objects.values_list("code", flat=True)) == {
        "ecologique",
        "sociale",
        "economique",
        "organisationnelle",
    }
    assert {
        "ESUS",
        "SCOP",
        "SCIC",
        "CAE",
        "SIAE-ACI",
        "SIAE-EI",
        "SIAE-ETTI",
        "SIAE-AI",
        "SIAE-EITI",
        "GEIQ",
        "ESAT",
        "EA",
        "RUP",
        "JEP",
    } == set(Agrement.objects.values_list("code", flat=True))


def test_donnees_de_demo_desactivables(settings):
    settings.ESSAIM_DONNEES_DEMO = False
    assert demo.charger() == 0 and not Structure.objects.exists()


def test_donnees_de_demo_plausibles_marquees_et_idempotentes(settings, client):
    settings.ESSAIM_DONNEES_DEMO = True
    assert demo.charger(nombre=40) == 40
    assert demo.charger(nombre=40) == 0
    fiches = Structure.objects.filter(est_demo=True)
    assert fiches.count() == 40
    assert set(fiches.values_list("region_id", flat=True)) == {"32"}
    assert len(set(fiches.values_list("commune__departement_id", flat=True))) >= 3
    assert len(set(fiches.values_list("famille", flat=True))) >= 3
    assert len(set(fiches.values_list("nom", flat=True))) == 40  # no two demo records share a name
    assert all("." in s.split("//")[1] and " " not in s for s in fiches.values_list("site_web", flat=True))
    for fiche in fiches:
        assert 49.0 < fiche.latitude < 51.1 and 1.5 < fiche.longitude < 4.3
        assert fiche.themes.exists()
    publiee = fiches.filter(statut="publiee").first()
    assert "Donnée de démonstration (fictive)" in client.get(publiee.get_absolute_url()).content.decode()


def test_client_recherche_entreprises_type_les_resultats():
    with transport_enregistre():
        entreprise = recherche_entreprises.par_siret("84215637400014")
        assert recherche_entreprises.rechercher("inconnue totale") == []
    assert entreprise.siren == "842156374" and entreprise.categorie_juridique == "9220"
    assert entreprise.est_ess and entreprise.est_siae and entreprise.code_commune == "59295"
    assert entreprise.adresse == "12 RUE DE LA GARE" and entreprise.latitude == pytest.approx(50.723812)


def test_clients_indisponibles_hors_ligne():
    with pytest.raises(Indisponible):
        recherche_entreprises.rechercher("x")
    with pytest.raises(Indisponible):
        ban.geocoder("12 rue de la Gare", "59190", "59295")


def test_geocodeur_ban_et_score_minimal():
    with transport_enregistre():
        resultat = ban.geocoder("40 rue Nationale", "59000", "59350")
        assert ban.geocoder("nulle part", "59000") is None
    assert resultat.latitude == pytest.approx(50.636713) and resultat.code_commune == "59350"


@pytest.mark.parametrize(
    ("fonction", "valeur", "attendu"),
    [
        (validators.valider_siret, "356 000 000 00048", "35600000000048"),
        (validators.valider_siret, "35600000012346", "35600000012346"),  # La Poste: digit sum 30
        (validators.valider_siren, "842156374", "842156374"),
        (validators.valider_rna, "w593012345", "W593012345"),
        (validators.valider_code_postal, "2A004", "2A004"),
        (validators.valider_naf, "8899B", "88.99B"),
    ],
)
def test_identifiants_valides(fonction, valeur, attendu):
    assert fonction(valeur) == attendu


@pytest.mark.parametrize(
    ("fonction", "valeur", "message"),
    [
        (validators.valider_siret, "35600000012345", "clé de contrôle incorrecte"),
        (validators.valider_siren, "842156375", "clé de contrôle incorrecte"),
        (validators.valider_siren, "12345", "9 chiffres attendus"),
        (validators.valider_rna, "123456789", "« W » suivi de 9 caractères"),
        (validators.valider_categorie_juridique, "92", "4 chiffres"),
    ],
)
def test_identifiants_invalides(fonction, valeur, message):
    with pytest.raises(ValidationError, match=message):
        fonction(valeur)


def test_famille_derivee_de_la_categorie_sauf_si_forcee():
    fiche = StructureFactory(categorie_juridique="5458")
    assert fiche.famille == "cooperative"
    fiche.famille, fiche.famille_forcee = "association", True
    fiche.save()
    fiche.refresh_from_db()
    assert fiche.famille == "association"


def test_donnees_personnelles_exportees(structure, proprietaire):
    export = exporter(proprietaire)
    assert export["annuaire"]["fiches_gerees"][0]["structure"] == "Recyclerie de Lille"
