"""The shared export engine: bytes a French spreadsheet opens correctly, streaming, XLSX, GeoJSON."""

import json

from openpyxl import load_workbook

from essaim.commun.exports import Champ, reponse_export, table_schema

CHAMPS = [Champ("nom", "Nom"), Champ("commune", "Commune"), Champ("effectif", "Effectif", type="integer")]
LIGNES = [
    {
        "nom": "Café associatif « L'Étoile »",
        "commune": "Saint-Omer",
        "effectif": 3,
        "lat": 50.75,
        "lon": 2.25,
    },
    {"nom": "Recyclerie; du Nord", "commune": "Lille", "effectif": None, "lat": None, "lon": None},
]


def _corps(reponse):
    return b"".join(reponse.streaming_content)


def test_csv_commence_par_le_bom_et_garde_les_accents():
    corps = _corps(reponse_export("csv", "structures", CHAMPS, iter(LIGNES)))
    assert corps.startswith(b"\xef\xbb\xbfnom,commune,effectif\r\n")
    assert "Café associatif « L'Étoile »,Saint-Omer,3".encode() in corps


def test_csv_point_virgule_pour_excel_francais_echappe_les_valeurs():
    corps = _corps(reponse_export("csv", "structures", CHAMPS, iter(LIGNES), separateur=";")).decode(
        "utf-8-sig"
    )
    assert corps.splitlines()[2] == '"Recyclerie; du Nord";Lille;'


def test_json_et_geojson_sont_valides():
    donnees = json.loads(
        _corps(reponse_export("json", "s", CHAMPS, iter(LIGNES), meta={"licence": "LO 2.0"}))
    )
    assert donnees["meta"]["licence"] == "LO 2.0" and donnees["data"][0]["effectif"] == 3
    geo = json.loads(
        _corps(
            reponse_export(
                "geojson", "s", CHAMPS, iter(LIGNES), coordonnees=lambda r: r["lat"] and (r["lon"], r["lat"])
            )
        )
    )
    assert geo["type"] == "FeatureCollection"
    assert geo["features"][0]["geometry"]["coordinates"] == [2.25, 50.75]
    assert geo["features"][1]["geometry"] is None


def test_xlsx_s_ouvre_avec_les_en_tetes():
    reponse = reponse_export("xlsx", "structures", CHAMPS, iter(LIGNES))
    assert 'filename="structures.xlsx"' in reponse["Content-Disposition"]
    classeur = load_workbook(reponse.file_to_stream)
    lignes = list(classeur.active.iter_rows(values_only=True))
    assert lignes[0] == ("Nom", "Commune", "Effectif")
    assert lignes[1][0] == "Café associatif « L'Étoile »"


def test_table_schema_decrit_les_champs():
    schema = table_schema(CHAMPS, licence="Licence Ouverte 2.0")
    assert schema["fields"][2] == {"name": "effectif", "title": "Effectif", "type": "integer"}
