"""/api/v1/ answers with the list of its endpoints."""

import pytest

pytestmark = pytest.mark.django_db


def test_la_racine_de_l_api_liste_les_points_d_acces(client):
    reponse = client.get("/api/v1/")
    assert reponse.status_code == 200 and reponse["Content-Type"].startswith("application/json")
    donnees = reponse.json()
    chemins = {p["chemin"] for p in donnees["points_d_acces"]}
    assert {"/api/v1/structures/", "/api/v1/carte/", "/api/v1/conferences/", "/api/v1/schema/"} <= chemins
    assert donnees["documentation"].endswith("/api/v1/docs/")
    assert not any(c.startswith("/api/v1/^") for c in chemins)
    assert client.get("/api/v1/nimporte-quoi/").status_code == 404
