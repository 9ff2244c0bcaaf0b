import pytest
from .factories import structure

pytestmark = pytest.mark.django_db


def test_pages(client, vocabulaires):
    structure("Recyclerie de l'Épinette", themes=["seconde-vie-produits"], famille="association")
    r = client.get("/carte/?q=recyclerie")
    assert r.status_code == 200, r.content[:2000]
    assert "Recyclerie de l" in r.content.decode()
    r = client.get("/carte/?commune=Lille")
    assert "1 structure" in r.content.decode(), r.content.decode()[-3000:]
    r = client.get("/carte/embed/?theme=energie")
    print(r.headers)
    r = client.get("/carte/?theme=licorne")
    assert r.status_code == 400
