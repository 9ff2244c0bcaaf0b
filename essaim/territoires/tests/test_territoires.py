"""The COG is real: counts checked against INSEE's geography, not mocks."""

import pytest

from essaim.commun.normalisation import normaliser_nom
from essaim.territoires.forms import CommuneField
from essaim.territoires.models import Commune, Departement, Region
from essaim.territoires.services import charger_territoires, commune_par_code, rechercher_communes

pytestmark = pytest.mark.django_db


def test_france_compte_18_regions_et_101_departements():
    # The COG also carries the collectivités d'outre-mer (zone "com"), kept for SIRENE codes.
    assert Region.objects.filter(zone__in=["metro", "drom"]).count() == 18
    assert Departement.objects.filter(zone__in=["metro", "drom"]).count() == 101
    assert Commune.objects.filter(type="commune").count() > 34_000


def test_hauts_de_france_a_cinq_departements_dont_le_nord():
    hdf = Region.objects.get(code="32")
    assert hdf.nom == "Hauts-de-France"
    assert sorted(hdf.departements.values_list("code", flat=True)) == ["02", "59", "60", "62", "80"]
    assert Departement.objects.get(code="59").nom == "Nord"


def test_lille_a_son_epci_ses_codes_postaux_et_sa_population():
    lille = Commune.objects.get(code="59350")
    assert lille.nom == "Lille"
    assert lille.epci.nom == "Métropole Européenne de Lille"
    assert "59000" in lille.liste_codes_postaux
    assert lille.population > 200_000
    assert lille.region_code == "32"


def test_corse_et_outre_mer_sont_presents():
    assert Commune.objects.get(code="2A004").nom == "Ajaccio"
    assert Commune.objects.get(code="97411").nom == "Saint-Denis"
    assert Departement.objects.get(code="2B").region_id == "94"


def test_arrondissements_municipaux_pointent_vers_leur_commune():
    arrondissement = Commune.objects.get(code="75056").arrondissements.get(code="75101")
    assert arrondissement.type == "arrondissement"


def test_ancien_code_mene_a_la_commune_actuelle():
    # Lomme (59355) merged into Lille as a commune associée.
    assert commune_par_code("59355").code == "59350"


def test_rechargement_est_idempotent_et_saute_si_inchange():
    avant = Commune.objects.count()
    assert charger_territoires()["charge"] is False
    assert charger_territoires(forcer=True)["charge"] is True
    assert Commune.objects.count() == avant


@pytest.mark.parametrize(
    ("requete", "attendu"),
    [
        ("saint omer", "62765"),
        ("St-Omer", "62765"),
        ("SAINT-OMER", "62765"),
        ("amiens", "80021"),
        ("Ameins", None),
        ("abbeville", "80001"),
        ("étaples", "62318"),
        ("etaples", "62318"),
        ("62500", "62765"),
    ],
)
def test_recherche_de_commune_insensible_aux_accents_et_a_saint(requete, attendu):
    resultats = list(rechercher_communes(requete))
    if attendu is None:
        assert resultats == []
    else:
        assert resultats[0].code == attendu


def test_normalisation_des_noms():
    assert normaliser_nom("Sainte-Marie-aux-Mines") == "ste marie aux mines"
    assert normaliser_nom("Saint-Étienne-du-Rouvray") == "st etienne du rouvray"


def test_champ_commune_accepte_libelle_code_et_refuse_l_inconnu():
    champ = CommuneField()
    assert champ.clean("Lille (59350)").code == "59350"
    assert champ.clean("80021").nom == "Amiens"
    with pytest.raises(Exception, match="Commune inconnue : « Zzzyx »"):
        champ.clean("Zzzyx")
    with pytest.raises(Exception, match="ambigu"):
        champ.clean("Saint-Omer")


def test_suggestions_de_communes_en_fragment_htmx(client):
    reponse = client.get("/territoires/communes/suggestions/", {"q": "saint-omer"})
    assert '<option value="Saint-Omer (62765)">' in reponse.content.decode()


def test_api_json_des_communes(client):
    donnees = client.get("/territoires/communes.json", {"q": "59000"}).json()
    assert donnees["results"][0]["nom"] == "Lille"
    assert donnees["results"][0]["epci"] == "200093201"


def test_pages_regions_et_departement(client):
    assert "Hauts-de-France" in client.get("/territoires/").content.decode()
    page = client.get("/territoires/departements/59/").content.decode()
    assert "Lille" in page and "Roubaix" in page


def test_communes_ont_des_coordonnees_approchees_avec_leur_precision():
    lille = Commune.objects.get(code="59350")
    assert (round(lille.latitude, 1), round(lille.longitude, 1)) == (50.6, 3.1)
    assert lille.precision_coordonnees == "commune"
    hdf = Commune.objects.filter(region_id="32")
    assert not hdf.filter(latitude__isnull=True).exists()
    # Every point of the Nord lies in the Nord's bounding box.
    nord = hdf.filter(departement_id="59")
    assert all(49.9 < c.latitude < 51.1 and 2.0 < c.longitude < 4.3 for c in nord)
    assert Commune.objects.get(code="97411").latitude < 0  # La Réunion, southern hemisphere


@pytest.mark.django_db(transaction=True)
def test_les_tests_transactionnels_gardent_les_territoires():
    """The flush that ends a transactional test empties the app's tables but keeps the COG
    loaded once per session (see conftest.py): the next browser test finds Lille without reloading."""
    from django.core.management import call_command

    from essaim.comptes.models import Utilisateur
    from essaim.comptes.tests.factories import UtilisateurFactory

    UtilisateurFactory(email="passage@exemple.fr")
    call_command("flush", verbosity=0, interactive=False)
    assert not Utilisateur.objects.exists()
    assert Commune.objects.get(code="59350").epci.nom == "Métropole Européenne de Lille"
    assert Region.objects.filter(zone__in=["metro", "drom"]).count() == 18
