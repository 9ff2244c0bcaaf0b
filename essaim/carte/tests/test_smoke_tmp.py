import pytest
from .factories import structure

pytestmark = pytest.mark.django_db


def test_smoke(client, vocabulaires):
    structure("Recyclerie de l'Épinette", themes=["seconde-vie-produits"], famille="association", description="Réemploi et réparation")
    structure("Vélo Solidaire", commune="75056", latitude=48.85, longitude=2.35, transitions=["ecologique"])
    r = client.get("/api/v1/structures/?q=recyclerie")
    print(r.json())
    r = client.get("/api/v1/structures/?q=epinete")
    print(r.json()["count"])
    r = client.get("/api/v1/carte/?bbox=-5,41,10,52&zoom=5")
    print(r.json())
    r = client.get("/api/v1/carte/?bbox=-5,41,10,52&zoom=5&theme=economie-circulaire")
    print(r.json())
    r = client.get("/api/v1/structures/facettes/")
    print(r.json())
    r = client.get("/api/v1/structures/facettes/?q=velo")
    print(r.json())
