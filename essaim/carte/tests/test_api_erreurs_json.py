"""Errors found by schemathesis (issue 13 §3): every API error is JSON in its documented form."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "chemin",
    ["/api/v1/structures/abc/", "/api/v1/conferences/a%0Ab/", "/api/v1/ailleurs/", "/api/v1/appels/%C3%A9/"],
)
def test_une_adresse_inconnue_de_l_api_donne_un_404_json(client, chemin):
    reponse = client.get(chemin)
    assert reponse.status_code == 404
    assert reponse["Content-Type"] == "application/json"
    assert reponse.json() == {"detail": "Aucune ressource de l'API à cette adresse."}


def test_un_format_inconnu_de_la_carte_est_un_400_json(client):
    reponse = client.get("/api/v1/carte/?bbox=-5,41,10,51&zoom=5&format=AAA")
    assert reponse.status_code == 400
    assert reponse["Content-Type"] == "application/json"
    assert reponse.json()["erreurs"] == {"format": ["Format inconnu : geojson ou json."]}


def test_une_erreur_de_la_carte_en_geojson_reste_du_json(client):
    reponse = client.get("/api/v1/carte/?zoom=5&format=geojson")
    assert reponse.status_code == 400
    assert reponse["Content-Type"] == "application/json"
    assert "bbox" in reponse.json()["erreurs"]


def test_un_booleen_mal_forme_des_appels_est_un_400(client):
    reponse = client.get("/api/v1/appels/?ouverts=2.5")
    assert reponse.status_code == 400
    assert reponse.json() == {"ouverts": ["Booléen attendu : true ou false."]}


def test_le_schema_dit_que_l_authentification_est_facultative_sur_les_routes_publiques(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    for chemin in ("/api/v1/appels/", "/api/v1/observatoire/chiffres/", "/api/v1/structures/"):
        assert {} in schema["paths"][chemin]["get"]["security"], chemin


@pytest.mark.parametrize("requete", ["/api/v1/conferences/?page=", "/api/v1/appels/?page=1&page=2"])
def test_un_numero_de_page_vide_ou_repete_est_un_400(client, requete):
    reponse = client.get(requete)
    assert reponse.status_code == 400
    assert reponse.json() == {"page": ["Un seul numéro de page, entier à partir de 1."]}


@pytest.mark.parametrize("requete", ["facettes=null", "facettes=true&facettes=true", "facettes=peut-etre"])
def test_un_parametre_facettes_mal_forme_est_un_400(client, requete):
    reponse = client.get(f"/api/v1/structures/?{requete}")
    assert reponse.status_code == 400
    assert reponse.json()["erreurs"]["facettes"][0].startswith("Booléen attendu (true ou false)")


@pytest.mark.parametrize(
    ("requete", "avec_facettes"), [("facettes=true", True), ("facettes=0", False), ("", False)]
)
def test_facettes_demandees_par_un_booleen(client, requete, avec_facettes):
    assert ("facettes" in client.get(f"/api/v1/structures/?{requete}").json()) is avec_facettes
