"""Public API v1 of the conference."""

import pytest

from .test_import import CSV, attendus, importer


@pytest.fixture
def edition(db):
    importer("hdf-2023", str(CSV), "--region", "32", "--annee", "2023", "--titre", "Conférence HdF 2023")


def test_l_api_liste_les_editions_publiees(client, edition):
    donnees = client.get("/api/v1/conferences/").json()
    resultats = donnees["results"] if isinstance(donnees, dict) else donnees
    assert [c["slug"] for c in resultats] == ["hdf-2023"]
    assert client.get("/api/v1/conferences/hdf-2023/").json()["titre"] == "Conférence HdF 2023"


def test_l_api_donne_les_chiffres_cles_calcules(client, edition):
    assert client.get("/api/v1/conferences/hdf-2023/chiffres/").json() == attendus()


def test_l_api_liste_les_ateliers(client, edition):
    ateliers = client.get("/api/v1/conferences/hdf-2023/ateliers/").json()
    assert len(ateliers) == 36
    premier = ateliers[0]
    assert premier["organisateurs"] == ["Collectif Phare"] and premier["participants"] == 65
    assert premier["commune"] == "59632" and premier["departement"] == "59"


def test_une_edition_inconnue_donne_404(client, db):
    assert client.get("/api/v1/conferences/inconnue/chiffres/").status_code == 404


def test_le_schema_openapi_decrit_les_routes_de_la_conference(client, db):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/conferences/{slug}/chiffres/" in schema
