import pytest

from essaim.observatoire.services.import_sirene import ImportSirene

URL = "/api/v1/observatoire/chiffres/"


@pytest.fixture
def importe(db, jeu):
    return ImportSirene(*jeu).executer()


def test_chiffres_departement_respectent_le_contrat(client, importe):
    reponse = client.get(URL, {"territoire": "departement:59"})
    donnees = reponse.json()
    assert donnees["territoire"] == {"niveau": "departement", "code": "59", "nom": "Nord"}
    assert donnees["etablissements"] == 4
    assert donnees["etablissements_employeurs"] == 2
    assert donnees["par_famille"] == {
        "association": 2,
        "cooperative": 0,
        "mutuelle": 0,
        "fondation": 0,
        "societe_commerciale": 2,
    }
    assert "SIRENE" in donnees["source"]
    assert donnees["millesime"] == "2025-11-01"
    assert "marquées ESS" in donnees["perimetre"]


def test_chiffres_france_comptent_corse_et_outre_mer(client, importe):
    donnees = client.get(URL, {"territoire": "france"}).json()
    assert donnees["territoire"]["nom"] == "France"
    assert donnees["etablissements"] == 10
    assert donnees["etablissements_employeurs"] == 6
    assert donnees["par_famille"] == {
        "association": 3,
        "cooperative": 1,
        "mutuelle": 2,
        "fondation": 2,
        "societe_commerciale": 2,
    }
    corse = client.get(URL, {"territoire": "region:94"}).json()
    assert corse["etablissements"] == 2
    reunion = client.get(URL, {"territoire": "departement:974"}).json()
    assert reunion["etablissements"] == 1 and reunion["etablissements_employeurs"] == 1


def test_commune_paris_regroupe_ses_arrondissements_et_part_ess(client, importe):
    paris = client.get(URL, {"territoire": "commune:75056"}).json()
    assert paris["etablissements"] == 1
    lille = client.get(URL, {"territoire": "commune:59350"}).json()
    assert lille["etablissements"] == 2
    # Lille: 4 active establishments in all (2 ESS, a SARL, a non-flagged association).
    assert lille["part_ess"]["etablissements_actifs_tous_secteurs"] == 4
    assert lille["part_ess"]["part_etablissements"] == 0.5


@pytest.mark.parametrize(
    "valeur, attendu",
    [
        ("", "manquant"),
        ("canton:12", "Niveau de territoire inconnu"),
        ("departement:", "Code manquant"),
        ("departement:XX", "aucun département de code « XX »"),
        ("commune:00000", "aucune commune de code « 00000 »"),
    ],
)
def test_territoire_invalide_donne_une_erreur_400_explicite(client, importe, valeur, attendu):
    reponse = client.get(URL, {"territoire": valeur})
    assert reponse.status_code == 400
    assert attendu in reponse.json()["erreur"]


@pytest.mark.django_db
def test_sans_millesime_publie_une_erreur_404_explicite(client):
    reponse = client.get(URL, {"territoire": "france"})
    assert reponse.status_code == 404
    assert "Aucun millésime" in reponse.json()["erreur"]


def test_schema_openapi_documente_l_operation(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/observatoire/chiffres/" in schema
    assert "observatoire_chiffres" in schema
    assert "/api/v1/observatoire/series/" in schema and "observatoire_series" in schema
    assert "par_domaine_tee" in schema
