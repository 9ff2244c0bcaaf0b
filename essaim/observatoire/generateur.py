"""Writes files in the exact layout of INSEE's SIRENE stocks (column names and order of
StockUniteLegale and StockEtablissement), for tests, the benchmark and the demo data.

    ul = [ligne_ul(siren="123456789", categorieJuridiqueUniteLegale="9220", ...)]
    ecrire_csv(dossier / "StockUniteLegale_utf8.csv", ENTETE_UL, ul)

Synthetic stocks of any size: ``generer_stocks(dossier, n_ul, n_etab, communes)``.
"""

import csv
import io
import random
import zipfile
from pathlib import Path

ENTETE_UL = [
    "siren",
    "statutDiffusionUniteLegale",
    "unitePurgeeUniteLegale",
    "dateCreationUniteLegale",
    "sigleUniteLegale",
    "sexeUniteLegale",
    "prenom1UniteLegale",
    "prenom2UniteLegale",
    "prenom3UniteLegale",
    "prenom4UniteLegale",
    "prenomUsuelUniteLegale",
    "pseudonymeUniteLegale",
    "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale",
    "anneeEffectifsUniteLegale",
    "dateDernierTraitementUniteLegale",
    "nombrePeriodesUniteLegale",
    "categorieEntrepriseUniteLegale",
    "anneeCategorieEntrepriseUniteLegale",
    "dateDebut",
    "etatAdministratifUniteLegale",
    "nomUniteLegale",
    "nomUsageUniteLegale",
    "denominationUniteLegale",
    "denominationUsuelle1UniteLegale",
    "denominationUsuelle2UniteLegale",
    "denominationUsuelle3UniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "nomenclatureActivitePrincipaleUniteLegale",
    "nicSiegeUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "societeMissionUniteLegale",
    "caractereEmployeurUniteLegale",
]

ENTETE_ETAB = [
    "siren",
    "nic",
    "siret",
    "statutDiffusionEtablissement",
    "dateCreationEtablissement",
    "trancheEffectifsEtablissement",
    "anneeEffectifsEtablissement",
    "activitePrincipaleRegistreMetiersEtablissement",
    "dateDernierTraitementEtablissement",
    "etablissementSiege",
    "nombrePeriodesEtablissement",
    "complementAdresseEtablissement",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "dernierNumeroVoieEtablissement",
    "indiceRepetitionDernierNumeroVoieEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "codePostalEtablissement",
    "libelleCommuneEtablissement",
    "libelleCommuneEtrangerEtablissement",
    "distributionSpecialeEtablissement",
    "codeCommuneEtablissement",
    "codeCedexEtablissement",
    "libelleCedexEtablissement",
    "codePaysEtrangerEtablissement",
    "libellePaysEtrangerEtablissement",
    "identifiantAdresseEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
    "complementAdresse2Etablissement",
    "numeroVoie2Etablissement",
    "indiceRepetition2Etablissement",
    "typeVoie2Etablissement",
    "libelleVoie2Etablissement",
    "codePostal2Etablissement",
    "libelleCommune2Etablissement",
    "libelleCommuneEtranger2Etablissement",
    "distributionSpeciale2Etablissement",
    "codeCommune2Etablissement",
    "codeCedex2Etablissement",
    "libelleCedex2Etablissement",
    "codePays2Etablissement",
    "libellePays2Etablissement",
    "dateDebut",
    "etatAdministratifEtablissement",
    "enseigne1Etablissement",
    "enseigne2Etablissement",
    "enseigne3Etablissement",
    "denominationUsuelleEtablissement",
    "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "caractereEmployeurEtablissement",
]

DEFAUTS_UL = {
    "statutDiffusionUniteLegale": "O",
    "unitePurgeeUniteLegale": "",
    "dateCreationUniteLegale": "2010-01-01",
    "dateDernierTraitementUniteLegale": "2025-11-01T04:12:00.000",
    "nombrePeriodesUniteLegale": "1",
    "dateDebut": "2010-01-01",
    "etatAdministratifUniteLegale": "A",
    "categorieJuridiqueUniteLegale": "9220",
    "activitePrincipaleUniteLegale": "94.99Z",
    "nomenclatureActivitePrincipaleUniteLegale": "NAFRev2",
    "nicSiegeUniteLegale": "00011",
    "economieSocialeSolidaireUniteLegale": "O",
    "caractereEmployeurUniteLegale": "N",
    "trancheEffectifsUniteLegale": "NN",
}
DEFAUTS_ETAB = {
    "statutDiffusionEtablissement": "O",
    "dateCreationEtablissement": "2010-01-01",
    "dateDernierTraitementEtablissement": "2025-11-01T04:12:00.000",
    "etablissementSiege": "true",
    "nombrePeriodesEtablissement": "1",
    "trancheEffectifsEtablissement": "NN",
    "dateDebut": "2010-01-01",
    "etatAdministratifEtablissement": "A",
    "activitePrincipaleEtablissement": "94.99Z",
    "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
    "caractereEmployeurEtablissement": "N",
}


def ligne_ul(**valeurs) -> dict:
    return {**DEFAUTS_UL, **valeurs}


def ligne_etab(**valeurs) -> dict:
    ligne = {**DEFAUTS_ETAB, **valeurs}
    ligne.setdefault("nic", "00011")
    if "siret" not in valeurs and "siren" in ligne:
        ligne["siret"] = ligne["siren"] + ligne["nic"]
    return ligne


def _texte_csv(entete, lignes) -> io.StringIO:
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, lineterminator="\n")
    ecrivain.writerow(entete)
    for ligne in lignes:
        ecrivain.writerow([ligne.get(c, "") for c in entete])
    return sortie


def ecrire_csv(chemin, entete, lignes, encodage="utf-8") -> Path:
    Path(chemin).write_bytes(_texte_csv(entete, lignes).getvalue().encode(encodage))
    return Path(chemin)


def ecrire_zip(chemin, entete, lignes, membre: str | None = None) -> Path:
    membre = membre or Path(chemin).with_suffix(".csv").name
    with zipfile.ZipFile(chemin, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(membre, _texte_csv(entete, lignes).getvalue())
    return Path(chemin)


def ecrire_parquet(chemin, entete, lignes) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    lignes = list(lignes)
    colonnes = {c: [ligne.get(c, "") or None for ligne in lignes] for c in entete}
    table = pa.table({c: pa.array(v, type=pa.string()) for c, v in colonnes.items()})
    # INSEE's Parquet stocks type the head-office flag as a boolean.
    siege = [None if v is None else v == "true" for v in colonnes.get("etablissementSiege", [])]
    if "etablissementSiege" in colonnes:
        table = table.set_column(
            table.schema.get_field_index("etablissementSiege"),
            "etablissementSiege",
            pa.array(siege, pa.bool_()),
        )
    pq.write_table(table, chemin)
    return Path(chemin)


# --- Synthetic stocks of any size (benchmark, demo) -------------------------------------------

CATEGORIES_ESS = [("9220", 80), ("5458", 3), ("6317", 2), ("5560", 2), ("8210", 2), ("9300", 1), ("5710", 10)]
CATEGORIES_HORS_ESS = [("5499", 40), ("5710", 35), ("1000", 20), ("7210", 5)]
NAF = [
    "94.99Z",
    "88.99B",
    "88.10A",
    "85.59A",
    "93.12Z",
    "90.01Z",
    "87.30A",
    "56.10A",
    "47.11F",
    "38.32Z",
    "01.11Z",
    "43.21A",
    "64.19Z",
    "65.12Z",
    "86.10Z",
    "81.21Z",
    "62.01Z",
    "49.39A",
]
# Size ranges weighted as in the ESS: mostly without employees or very small.
TRANCHES = (
    ["NN"] * 40
    + ["00"] * 12
    + ["01"] * 14
    + ["02"] * 10
    + ["03"] * 8
    + ["11"] * 7
    + ["12"] * 5
    + ["21"] * 2
    + ["22"]
    + ["32"]
)
VOIES = ["RUE", "AV", "BD", "PL", "CHE", "IMP", "ALL"]
NOMS = ["Solidarité", "Les Amis", "Entraide", "Recyclerie", "Jardins", "Coopérative", "Avenir", "Partage"]


def generer_stocks(
    dossier,
    n_ul: int,
    n_etab: int,
    communes: list[tuple[str, str, str]],
    part_ess: float = 0.25,
    graine: int = 1,
    date_traitement: str = "2025-11-01T04:12:00.000",
) -> tuple[Path, Path]:
    """StockUniteLegale and StockEtablissement CSV files with ``n_ul`` and ``n_etab`` rows.

    ``communes``: (code, code postal, nom) to draw from. About 15 % of establishments are
    closed, 1 % non-diffusible, 0.1 % with an unknown commune code, 0.1 % abroad.
    """
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    a = random.Random(graine)
    chemin_ul = dossier / "StockUniteLegale_utf8.csv"
    chemin_etab = dossier / "StockEtablissement_utf8.csv"
    cats_ess = [c for c, p in CATEGORIES_ESS for _ in range(p)]
    cats_hors = [c for c, p in CATEGORIES_HORS_ESS for _ in range(p)]
    index_ul = {c: i for i, c in enumerate(ENTETE_UL)}
    with open(chemin_ul, "w", encoding="utf-8", newline="") as f:
        ecrivain = csv.writer(f, lineterminator="\n")
        ecrivain.writerow(ENTETE_UL)
        modele = [""] * len(ENTETE_UL)
        for cle, valeur in DEFAUTS_UL.items():
            modele[index_ul[cle]] = valeur
        modele[index_ul["dateDernierTraitementUniteLegale"]] = date_traitement
        for i in range(n_ul):
            ligne = modele.copy()
            ess = a.random() < part_ess
            cat = a.choice(cats_ess if ess else cats_hors)
            ligne[0] = f"{100000000 + i}"
            ligne[index_ul["economieSocialeSolidaireUniteLegale"]] = "O" if ess else "N"
            ligne[index_ul["categorieJuridiqueUniteLegale"]] = cat
            ligne[index_ul["denominationUniteLegale"]] = f"{a.choice(NOMS)} {i}"
            ligne[index_ul["activitePrincipaleUniteLegale"]] = a.choice(NAF)
            if a.random() < 0.03:
                ligne[index_ul["etatAdministratifUniteLegale"]] = "C"
            if cat == "1000":
                ligne[index_ul["statutDiffusionUniteLegale"]] = "P" if a.random() < 0.3 else "O"
                ligne[index_ul["nomUniteLegale"]] = "DUPONT"
                ligne[index_ul["denominationUniteLegale"]] = ""
            ecrivain.writerow(ligne)
    index_et = {c: i for i, c in enumerate(ENTETE_ETAB)}
    with open(chemin_etab, "w", encoding="utf-8", newline="") as f:
        ecrivain = csv.writer(f, lineterminator="\n")
        ecrivain.writerow(ENTETE_ETAB)
        modele = [""] * len(ENTETE_ETAB)
        for cle, valeur in DEFAUTS_ETAB.items():
            modele[index_et[cle]] = valeur
        modele[index_et["dateDernierTraitementEtablissement"]] = date_traitement
        par_ul = max(1, n_etab // max(n_ul, 1))
        for j in range(n_etab):
            ligne = modele.copy()
            rang = j // par_ul if j // par_ul < n_ul else a.randrange(n_ul)
            nic = f"{(j % par_ul) + 11:05d}"
            siren = f"{100000000 + rang}"
            code, cp, nom = a.choice(communes)
            tirage = a.random()
            if tirage < 0.001:
                code = code[:2] + "999"
            elif tirage < 0.002:
                code, cp, nom = "", "", ""
                ligne[index_et["codePaysEtrangerEtablissement"]] = "99131"
            ligne[0], ligne[1], ligne[2] = siren, nic, siren + nic
            ligne[index_et["etablissementSiege"]] = "true" if j % par_ul == 0 else "false"
            ligne[index_et["codeCommuneEtablissement"]] = code
            ligne[index_et["codePostalEtablissement"]] = cp
            ligne[index_et["libelleCommuneEtablissement"]] = nom.upper()
            ligne[index_et["numeroVoieEtablissement"]] = str(a.randint(1, 200))
            ligne[index_et["typeVoieEtablissement"]] = a.choice(VOIES)
            ligne[index_et["libelleVoieEtablissement"]] = "DE LA REPUBLIQUE"
            tranche = a.choice(TRANCHES)
            ligne[index_et["trancheEffectifsEtablissement"]] = tranche
            ligne[index_et["caractereEmployeurEtablissement"]] = "N" if tranche in ("NN", "00") else "O"
            ligne[index_et["activitePrincipaleEtablissement"]] = a.choice(NAF)
            if a.random() < 0.15:
                ligne[index_et["etatAdministratifEtablissement"]] = "F"
            if a.random() < 0.01:
                ligne[index_et["statutDiffusionEtablissement"]] = "P"
                ligne[index_et["libelleVoieEtablissement"]] = "[ND]"
            ligne[index_et["coordonneeLambertAbscisseEtablissement"]] = f"{a.uniform(600000, 750000):.1f}"
            ligne[index_et["coordonneeLambertOrdonneeEtablissement"]] = f"{a.uniform(6900000, 7100000):.1f}"
            ecrivain.writerow(ligne)
    return chemin_ul, chemin_etab
