"""Open-data files: encodings, separators, formats, filters, schema and catalogue."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from rdflib import Graph, Literal
from rdflib.namespace import DCAT, DCTERMS, RDF

from essaim.carte.tests.factories import structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def donnees(vocabulaires):
    structure("Régie de quartier Épinette", themes=["energie"], famille="association", siren="123456789")
    structure("Vélo Œcuménique", commune="75056", latitude=48.85, longitude=2.35, transitions=["sociale"])


def _contenu(reponse) -> bytes:
    return b"".join(reponse.streaming_content) if reponse.streaming else reponse.content


def test_le_csv_commence_par_le_bom_et_garde_les_accents_en_utf8(client, donnees):
    reponse = client.get("/opendata/structures.csv")
    octets = _contenu(reponse)
    assert reponse["Content-Type"].startswith("text/csv")
    assert octets.startswith(b"\xef\xbb\xbf")
    assert "Régie de quartier Épinette".encode() in octets
    assert "Vélo Œcuménique".encode() in octets
    lignes = list(csv.DictReader(io.StringIO(octets.decode("utf-8-sig"))))
    assert {ligne["nom"] for ligne in lignes} == {"Régie de quartier Épinette", "Vélo Œcuménique"}


def test_le_csv_accepte_le_point_virgule_pour_excel(client, donnees):
    octets = _contenu(client.get("/opendata/structures.csv?sep=;"))
    entete = octets.decode("utf-8-sig").splitlines()[0]
    assert entete.startswith("id;nom;sigle;famille")


def test_les_exports_appliquent_les_memes_filtres_que_l_api(client, donnees):
    octets = _contenu(client.get("/opendata/structures.csv?theme=energie"))
    texte = octets.decode("utf-8-sig")
    assert "Épinette" in texte and "Vélo" not in texte


def test_un_filtre_inconnu_donne_une_erreur_400_en_francais(client, donnees):
    reponse = client.get("/opendata/structures.csv?theme=licorne")
    assert reponse.status_code == 400
    assert reponse.json()["erreurs"]["theme"] == ["Valeur inconnue : « licorne »."]


def test_le_xlsx_s_ouvre_avec_openpyxl(client, donnees):
    reponse = client.get("/opendata/structures.xlsx")
    classeur = load_workbook(io.BytesIO(_contenu(reponse)), read_only=True)
    lignes = list(classeur.active.iter_rows(values_only=True))
    assert lignes[0][:2] == ("Identifiant", "Nom")
    assert {r[1] for r in lignes[1:]} == {"Régie de quartier Épinette", "Vélo Œcuménique"}


def test_le_geojson_est_une_featurecollection_valide(client, donnees):
    collection = json.loads(_contenu(client.get("/opendata/structures.geojson")))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 2
    velo = next(f for f in collection["features"] if f["properties"]["nom"] == "Vélo Œcuménique")
    assert velo["geometry"] == {"type": "Point", "coordinates": [2.35, 48.85]}
    assert velo["properties"]["transitions"] == "sociale"


def test_le_json_porte_la_licence_et_les_donnees(client, donnees):
    contenu = json.loads(_contenu(client.get("/opendata/structures.json")))
    assert "Licence Ouverte" in contenu["meta"]["licence"]
    assert sorted(d["nom"] for d in contenu["data"]) == ["Régie de quartier Épinette", "Vélo Œcuménique"]


def test_le_schema_table_schema_decrit_chaque_champ(client, donnees):
    schema = client.get("/opendata/structures.schema.json").json()
    noms = [f["name"] for f in schema["fields"]]
    assert noms[:3] == ["id", "nom", "sigle"]
    assert next(f for f in schema["fields"] if f["name"] == "latitude")["type"] == "number"
    assert schema["licenses"][0]["name"] == "etalab-2.0"


def test_la_page_open_data_presente_licence_champs_et_metadonnees_dcat(client, donnees):
    reponse = client.get("/opendata/")
    html = reponse.content.decode()
    assert "Licence Ouverte / Open Licence 2.0" in html
    assert "/opendata/structures.csv" in html and "/opendata/structures.schema.json" in html
    assert "<code>commune_nom</code>" in html
    debut = html.index('type="application/ld+json">') + len('type="application/ld+json">')
    graphe = Graph().parse(data=html[debut : html.index("</script>", debut)], format="json-ld")
    jeu = graphe.value(predicate=DCTERMS.identifier, object=Literal("structures"))
    assert (jeu, RDF.type, DCAT.Dataset) in graphe
    assert (None, DCAT.dataset, jeu) in graphe
    formats = {
        str(graphe.value(d, DCTERMS.format)).rsplit("/", 1)[-1]
        for d in graphe.objects(jeu, DCAT.distribution)
    }
    assert formats == {"CSV", "XLSX", "JSON", "GEOJSON"}


def test_la_documentation_de_l_api_est_lisible_sans_javascript(client):
    html = client.get("/opendata/api/").content.decode()
    assert "GET /api/v1/carte/" in html and "GET /api/v1/structures/" in html
    assert "<code>bbox</code>" in html and "<code>commune_nom</code>" in html
    assert "<script>" not in html


FORMULE = "=cmd|' /C calc'!A0"


def test_a_record_named_like_a_formula_is_a_string_cell_in_xlsx(client, vocabulaires):
    structure(FORMULE, sigle="-1+2")
    classeur = load_workbook(io.BytesIO(_contenu(client.get("/opendata/structures.xlsx"))))
    ligne = list(classeur.active.iter_rows(min_row=2))[0]
    nom, sigle = ligne[1], ligne[2]
    assert (nom.value, nom.data_type) == (FORMULE, "s")
    assert (sigle.value, sigle.data_type) == ("-1+2", "s")


def test_a_record_named_like_a_formula_is_quoted_in_csv(client, vocabulaires):
    structure(FORMULE, sigle="@SOMME(A1)")
    for url, separateur in (("/opendata/structures.csv", ","), ("/opendata/structures.csv?sep=;", ";")):
        texte = _contenu(client.get(url)).decode("utf-8-sig")
        ligne = next(csv.DictReader(io.StringIO(texte), delimiter=separateur))
        assert ligne["nom"] == "'" + FORMULE and ligne["sigle"] == "'@SOMME(A1)"
