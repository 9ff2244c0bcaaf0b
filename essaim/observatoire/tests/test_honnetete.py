"""The observatory says what it does not know: territories left out of an import, France when
only some régions were imported; lists of régions, sources and chart labels readable."""

import re
from html import unescape

import pytest

from essaim.commun import graphiques
from essaim.observatoire.services.import_sirene import ImportSirene

pytestmark = pytest.mark.django_db


@pytest.fixture
def hauts_de_france(jeu):
    return ImportSirene(*jeu, regions=["32"]).executer()


def texte(client, url) -> str:
    return unescape(re.sub(r"\s+", " ", client.get(url).content.decode()))


def test_un_territoire_hors_des_regions_importees_le_dit(client, hauts_de_france):
    paris = texte(client, "/observatoire/departement/75/")
    assert "Aucune donnée importée pour ce territoire" in paris
    assert "ne couvre que : Hauts-de-France" in paris
    assert "établissements actifs de l'ESS" not in paris and "Portrait du territoire" not in paris
    assert client.get("/observatoire/departement/75/portrait.pdf").status_code == 404
    reponse = client.get("/api/v1/observatoire/chiffres/?territoire=departement:75")
    assert reponse.status_code == 404 and "Aucune donnée importée" in reponse.json()["erreur"]
    # An imported territory keeps its figures.
    nord = texte(client, "/observatoire/departement/59/")
    assert "Aucune donnée importée" not in nord and "établissements actifs de l'ESS" in nord


def test_la_france_n_a_pas_de_chiffre_national_si_une_seule_region_est_importee(client, hauts_de_france):
    accueil = texte(client, "/observatoire/")
    assert "L'ESS en France" not in accueil
    assert "L'ESS dans les régions importées" in accueil
    assert "ne couvre pas toute la France" in accueil
    assert re.search(r'<h3><a href="/observatoire/region/32/">Hauts-de-France</a></h3>', accueil)
    france = texte(client, "/observatoire/france/FR/")
    assert "Aucune donnée importée pour ce territoire" in france


def test_l_accueil_montre_la_france_quand_tout_le_pays_est_importe(client, jeu):
    ImportSirene(*jeu).executer()
    accueil = texte(client, "/observatoire/")
    assert "L'ESS en France" in accueil and "régions importées" not in accueil


def test_les_regions_sont_triees_a_la_francaise_sans_taaf_ni_clipperton(client):
    html = client.get("/observatoire/").content.decode()
    section = html[html.index('id="regions"') :]
    regions = re.findall(r'href="/observatoire/region/\w+/">([^<]+)</a>', section)
    assert "Île de Clipperton" not in regions and "Terres australes et antarctiques françaises" not in regions
    assert regions.index("Hauts-de-France") + 1 == regions.index("Île-de-France")
    assert regions[0] == "Auvergne-Rhône-Alpes" and regions[-1] == "Wallis et Futuna"
    assert len(regions) == 24


def test_la_source_est_donnee_une_fois_par_page(client, hauts_de_france):
    html = client.get("/observatoire/region/32/").content.decode()
    assert html.count('class="meta source-chiffre"') == 1
    assert html.count("Télécharger ce tableau") >= 5  # many tables, one source paragraph


def test_un_libelle_long_de_graphique_n_est_pas_coupe():
    libelle = "M — Activités spécialisées, scientifiques et techniques"
    svg = graphiques.barres("g", "Titre", "", [(libelle, 12), ("A — Agriculture", 3)])
    lignes = re.findall(r"<tspan[^>]*>([^<]+)</tspan>", svg)
    assert " ".join(lignes[:-1]) == libelle and lignes[-1] == "A — Agriculture"
    assert "…" not in svg
