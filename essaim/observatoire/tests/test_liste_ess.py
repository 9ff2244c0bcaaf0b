"""The list of ESS enterprises of a région (décret 2015-1732), reproducible per vintage."""

import csv
import io

import pytest

from essaim.observatoire.generateur import ENTETE_ETAB, ecrire_csv
from essaim.observatoire.services.import_sirene import ImportSirene
from essaim.observatoire.tests import jeu_essai

pytestmark = pytest.mark.django_db

COLONNES = [
    "siren",
    "denomination",
    "sigle",
    "forme_juridique",
    "famille",
    "adresse_siege",
    "code_postal_siege",
    "commune_siege",
    "nombre_etablissements_region",
    "etablissements_region",
]


def _csv(client, url):
    contenu = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(contenu), delimiter=";"))


def test_csv_de_la_liste_a_les_colonnes_du_decret(client, jeu):
    ImportSirene(*jeu).executer()
    lignes = _csv(client, "/observatoire/liste-entreprises-ess/32/2025/csv/")
    assert list(lignes[0]) == COLONNES
    par_siren = {ligne["siren"]: ligne for ligne in lignes}
    assert set(par_siren) == {"100000001", "100000002", "100000005", "100000008"}  # not Paris' mutuelle
    jardins = par_siren["100000001"]
    assert jardins["denomination"] == "LES JARDINS DE LA DEULE" and jardins["sigle"] == "JDD"
    assert jardins["forme_juridique"] == "9220 — Association déclarée"
    assert jardins["adresse_siege"] == "12 RUE DES ARTS" and jardins["commune_siege"] == "LILLE"
    assert jardins["nombre_etablissements_region"] == "2"
    assert "10000000100029 — ROUBAIX" in jardins["etablissements_region"]
    assert par_siren["100000008"]["denomination"].startswith("Non diffusible")
    assert (
        par_siren["100000002"]["forme_juridique"] == "5458 — SARL coopérative ouvrière de production (SCOP)"
    )


def test_la_liste_d_une_annee_reste_celle_de_son_millesime(client, jeu, tmp_path):
    ImportSirene(*jeu).executer()
    avant = _csv(client, "/observatoire/liste-entreprises-ess/32/2025/csv/")
    lignes = jeu_essai.etablissements() + [
        jeu_essai._e("100000003", "00037", jeu_essai.ARRAS, "62000", "ARRAS")
    ]
    nouveau = ecrire_csv(tmp_path / "StockEtablissement_2026.csv", ENTETE_ETAB, lignes)
    from datetime import date

    ImportSirene(jeu[0], nouveau, date_stock=date(2026, 1, 31)).executer()
    assert _csv(client, "/observatoire/liste-entreprises-ess/32/2025/csv/") == avant
    apres = _csv(client, "/observatoire/liste-entreprises-ess/32/2026/csv/")
    assert "100000003" in {ligne["siren"] for ligne in apres}


def test_page_de_la_liste_et_annee_absente(client, jeu):
    ImportSirene(*jeu).executer()
    html = client.get("/observatoire/liste-entreprises-ess/32/2025/").content.decode()
    assert "4 entreprises" in html and "LES JARDINS DE LA DEULE" in html
    assert "décret n° 2015-1732" in html
    assert "stock SIRENE du 01/11/2025" in html
    assert client.get("/observatoire/liste-entreprises-ess/32/2019/").status_code == 404
    assert (
        "/observatoire/liste-entreprises-ess/32/2025/"
        in client.get("/observatoire/liste-entreprises-ess/").content.decode()
    )


def test_la_liste_du_decret_n_ecrit_aucune_formule(client, tmp_path):
    unites = jeu_essai.unites_legales()
    unites[0]["denominationUniteLegale"] = '=HYPERLINK("http://pirate.example")'
    from essaim.observatoire.generateur import ENTETE_UL

    ul = ecrire_csv(tmp_path / "StockUniteLegale_utf8.csv", ENTETE_UL, unites)
    et = ecrire_csv(tmp_path / "StockEtablissement_utf8.csv", ENTETE_ETAB, jeu_essai.etablissements())
    ImportSirene(ul, et).executer()
    lignes = _csv(client, "/observatoire/liste-entreprises-ess/32/2025/csv/")
    jardins = next(ligne for ligne in lignes if ligne["siren"] == "100000001")
    assert jardins["denomination"] == '\'=HYPERLINK("http://pirate.example")'
