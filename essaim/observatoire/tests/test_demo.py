import pytest

from essaim.observatoire.demo import charger
from essaim.observatoire.models import Millesime

pytestmark = pytest.mark.django_db


def test_demo_publie_deux_millesimes_synthetiques_etiquetes_et_ne_refait_rien(client):
    charger()
    assert Millesime.objects.filter(demo=True).count() == 2
    publie = Millesime.objects.get(statut="publie")
    assert "synthétiques" in publie.source
    html = client.get("/observatoire/region/32/").content.decode()
    assert "Données synthétiques de démonstration" in html
    assert "Évolution sur les millésimes SIRENE importés" in html and 'id="g-evolution"' in html
    charger()
    assert Millesime.objects.count() == 2
