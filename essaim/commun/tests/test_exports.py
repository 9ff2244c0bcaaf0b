"""The shared export engine: bytes a French spreadsheet opens correctly, streaming, XLSX, GeoJSON."""

import csv
import io
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


# --- Formula injection (issue 13 §2.2) ---------------------------------------------------------

DANGEREUX = ["=cmd|' /C calc'!A0", "+33 1 23", "-2+3", "@SUM(A1)", "\tvaleur", "\rvaleur"]
CHAMPS_TEXTE = [Champ("valeur", "Valeur"), Champ("nombre", "Nombre", type="number")]


def test_csv_neutralises_every_value_a_spreadsheet_would_read_as_a_formula():
    lignes = [{"valeur": v, "nombre": -3.5} for v in DANGEREUX]
    texte = _corps(reponse_export("csv", "x", CHAMPS_TEXTE, iter(lignes))).decode("utf-8-sig")
    relues = list(csv.DictReader(io.StringIO(texte, newline="")))
    assert [r["valeur"] for r in relues] == ["'" + v for v in DANGEREUX]
    assert {r["nombre"] for r in relues} == {"-3.5"}  # a real negative number stays a number


def test_csv_leaves_ordinary_text_alone():
    lignes = [{"valeur": "Café = joie", "nombre": 1}, {"valeur": "L'Étoile", "nombre": 0}]
    texte = _corps(reponse_export("csv", "x", CHAMPS_TEXTE, iter(lignes))).decode("utf-8-sig")
    assert texte.splitlines()[1:] == ["Café = joie,1", "L'Étoile,0"]


def test_xlsx_writes_formula_like_text_as_string_cells_and_numbers_as_numbers():
    lignes = [{"valeur": v, "nombre": -3.5} for v in DANGEREUX] + [{"valeur": "a\x0bb", "nombre": 2}]
    reponse = reponse_export("xlsx", "x", CHAMPS_TEXTE, iter(lignes))
    feuille = load_workbook(io.BytesIO(_corps(reponse))).active
    cellules = list(feuille.iter_rows(min_row=2))
    assert [ligne[0].value for ligne in cellules[:-1]] == DANGEREUX
    assert {ligne[0].data_type for ligne in cellules} == {"s"}  # never "f" (formula)
    assert {ligne[1].value for ligne in cellules[:-1]} == {-3.5}
    assert {ligne[1].data_type for ligne in cellules} == {"n"}
    assert cellules[-1][0].value == "ab"  # a control character XLSX cannot hold is dropped


def test_the_import_engine_reads_a_neutralised_export_back_unchanged(tmp_path):
    from essaim.commun.imports import lire_tableau

    lignes = [{"valeur": v.strip(), "nombre": 1} for v in DANGEREUX]
    fichier = tmp_path / "export.csv"
    fichier.write_bytes(_corps(reponse_export("csv", "x", CHAMPS_TEXTE, iter(lignes))))
    relues = [ligne["valeur"] for _n, ligne in lire_tableau(fichier).lignes()]
    assert relues == [v.strip() for v in DANGEREUX]


def test_no_spreadsheet_is_written_outside_the_export_engine():
    """Every CSV/XLSX the site serves goes through exports.py (formula neutralisation)."""
    import re
    from pathlib import Path

    racine = Path(__file__).resolve().parents[2]
    # The generator writes INSEE-format SIRENE stocks as test and benchmark input, not exports.
    autorises = {"commun/exports.py", "observatoire/generateur.py"}
    fautifs = []
    for fichier in racine.rglob("*.py"):
        relatif = fichier.relative_to(racine).as_posix()
        if "/tests/" in relatif or "/bench/" in relatif or relatif in autorises:
            continue
        if re.search(r"csv\.(writer|DictWriter)\(|Workbook\(", fichier.read_text(encoding="utf-8")):
            fautifs.append(relatif)
    assert fautifs == []
