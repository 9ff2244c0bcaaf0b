"""Coverage of the directory against the SIRENE perimeter, and structures by transition theme."""

import pytest

from essaim.observatoire.services.annuaire import couverture, structures_par_theme
from essaim.observatoire.services.import_sirene import ImportSirene

pytestmark = pytest.mark.django_db


@pytest.fixture
def millesime(jeu):
    from essaim.observatoire.models import Millesime

    ImportSirene(*jeu).executer()
    return Millesime.objects.get(statut="publie")


def test_sans_fiche_dans_l_annuaire_la_page_fonctionne(client, millesime):
    assert couverture("departement", "59", millesime)["apparies"] == 0
    html = client.get("/observatoire/departement/59/").content.decode()
    assert "sera calculé dès que des fiches avec SIRET seront publiées" in html


def test_taux_de_couverture_par_siret_et_themes(client, millesime):
    from essaim.annuaire.models import Structure, Theme
    from essaim.territoires.models import Commune

    lille = Commune.objects.get(code="59350")
    theme, _ = Theme.objects.get_or_create(code="reemploi-test", defaults={"libelle": "Réemploi (test)"})
    jardins = Structure.objects.create(
        nom="Les Jardins", siret="10000000100011", statut="publiee", commune=lille, region_id="32"
    )
    jardins.themes.add(theme)
    Structure.objects.create(
        nom="Brouillon", siret="10000000500011", statut="brouillon", commune=lille, region_id="32"
    )
    taux = couverture("departement", "59", millesime)
    assert (taux["apparies"], taux["etablissements_sirene"]) == (1, 4)
    assert taux["taux"] == 0.25
    assert structures_par_theme("region", "32") == [{"theme": "Réemploi (test)", "structures": 1}]
    html = client.get("/observatoire/departement/59/").content.decode()
    assert "25,0" in html and "Réemploi (test)" in html
    export = client.get("/observatoire/region/32/themes.csv")
    assert "Réemploi (test),1" in b"".join(export.streaming_content).decode("utf-8-sig")
