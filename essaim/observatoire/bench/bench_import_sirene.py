"""Benchmark of the SIRENE import (run by `make bench`).

Generates synthetic stocks in the INSEE layout (default 2 million legal units, 5 million
establishments; `--echelle 0.1` for a tenth), imports them into a dedicated database, then
measures: establishment rows per second end to end, peak RSS of the import, the naive pandas
baseline (read_csv + groupby of the same file, in a child process for its own peak RSS), and
p95 response times of territory pages and the figures API. Prints a table and writes
var/bench/bench_import_sirene.csv.

    python -m essaim.observatoire.bench.bench_import_sirene --echelle 0.2
"""

import argparse
import csv
import multiprocessing
import os
import resource
import statistics
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[3]
DOSSIER = RACINE / "var" / "bench"
# Share of legal units flagged ESS. Nationally the ESS perimeter is a small part of the stock
# (about 1.3 million flagged legal units among some 30 million; their establishments are well
# under a tenth of the 40 million establishment rows): 10 % here is on the generous side.
PART_ESS = 0.10


def _rss_mo() -> float:
    """Peak RSS of this process image (VmHWM: unlike ru_maxrss it is not inherited across exec)."""
    for ligne in Path("/proc/self/status").read_text().splitlines():
        if ligne.startswith("VmHWM:"):
            return int(ligne.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _generer(dossier, n_ul, n_etab, communes, part_ess):
    from essaim.observatoire.generateur import generer_stocks

    generer_stocks(dossier, n_ul, n_etab, communes, part_ess=part_ess)


def _pandas(chemin_etab, file):
    """Naive baseline: pandas read_csv of the whole file, then a groupby (in a child process)."""
    import pandas as pd

    debut = time.perf_counter()
    colonnes = [
        "siren",
        "codeCommuneEtablissement",
        "etatAdministratifEtablissement",
        "caractereEmployeurEtablissement",
        "trancheEffectifsEtablissement",
    ]
    df = pd.read_csv(chemin_etab, usecols=colonnes, dtype=str)
    actifs = df[df["etatAdministratifEtablissement"] == "A"]
    groupes = actifs.groupby(["codeCommuneEtablissement", "trancheEffectifsEtablissement"]).size()
    file.put((time.perf_counter() - debut, len(df), len(groupes), _rss_mo()))


def _p95(mesures):
    return statistics.quantiles(mesures, n=20)[-1] * 1000 if len(mesures) >= 2 else mesures[0] * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--echelle", type=float, default=float(os.environ.get("BENCH_ECHELLE", "1")))
    parser.add_argument("--sans-pandas", action="store_true")
    args, _inconnus = parser.parse_known_args()
    n_ul, n_etab = int(2_000_000 * args.echelle), int(5_000_000 * args.echelle)
    DOSSIER.mkdir(parents=True, exist_ok=True)
    base = DOSSIER / "observatoire-bench.sqlite3"
    for suffixe in ("", "-wal", "-shm"):
        Path(f"{base}{suffixe}").unlink(missing_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{base}")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-observatoire")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "essaim.settings")
    sys.path.insert(0, str(RACINE))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client, override_settings

    from essaim.observatoire.services.import_sirene import ImportSirene
    from essaim.territoires.models import Commune
    from essaim.territoires.services import charger_territoires

    if "postgres" in os.environ["DATABASE_URL"]:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    charger_territoires()
    communes = [
        (c, (cp or "").split(" ")[0], n)
        for c, cp, n in Commune.objects.filter(parent__isnull=True).values_list(
            "code", "codes_postaux", "nom"
        )
    ]

    stocks = DOSSIER / f"sirene-{n_ul}-{n_etab}-{PART_ESS}"
    chemin_ul, chemin_etab = stocks / "StockUniteLegale_utf8.csv", stocks / "StockEtablissement_utf8.csv"
    debut = time.perf_counter()
    if not chemin_etab.exists():
        # In a child process, so that the import's peak RSS below is the import's alone.
        contexte = multiprocessing.get_context("spawn")
        processus = contexte.Process(target=_generer, args=(stocks, n_ul, n_etab, communes, PART_ESS))
        processus.start()
        processus.join()
    generation = time.perf_counter() - debut
    taille_mo = chemin_etab.stat().st_size / 1e6

    sys.stdout.write(f"Fichiers : {stocks}\n")
    rss_avant = _rss_mo()
    debut, cpu = time.perf_counter(), time.process_time()
    rapport = ImportSirene(chemin_ul, chemin_etab).executer()
    duree, cpu = time.perf_counter() - debut, time.process_time() - cpu
    rss_import = _rss_mo()
    charge = os.getloadavg()[0]

    resultats_pandas = None
    if not args.sans_pandas:
        file = multiprocessing.get_context("spawn").Queue()
        processus = multiprocessing.get_context("spawn").Process(
            target=_pandas, args=(str(chemin_etab), file)
        )
        processus.start()
        resultats_pandas = file.get()
        processus.join()

    client = Client()
    urls = [
        "/observatoire/region/32/",
        "/observatoire/departement/59/",
        "/observatoire/commune/59350/",
        "/observatoire/france/FR/",
        "/api/v1/observatoire/chiffres/?territoire=departement:59",
        "/api/v1/observatoire/chiffres/?territoire=france",
    ]
    temps = {}
    with override_settings(ALLOWED_HOSTS=["*"]):
        for url in urls:
            client.get(url)  # warm-up
            mesures = []
            for _ in range(20):
                t0 = time.perf_counter()
                reponse = client.get(url)
                mesures.append(time.perf_counter() - t0)
                assert reponse.status_code == 200, (url, reponse.status_code)
            temps[url] = _p95(mesures)

    lignes = [
        ("unités légales", f"{n_ul:,}"),
        ("établissements", f"{n_etab:,} ({taille_mo:,.0f} Mo)"),
        ("génération des fichiers (s)", f"{generation:.1f}"),
        ("import complet (s)", f"{duree:.1f}"),
        ("établissements gardés (ESS)", f"{rapport.etab_gardes:,}"),
        ("débit (lignes d'établissements/s)", f"{rapport.etab_lues / duree:,.0f}"),
        ("débit (lignes UL + établissements/s)", f"{(rapport.ul_lues + rapport.etab_lues) / duree:,.0f}"),
        ("temps CPU de l'import, processus Python (s)", f"{cpu:.1f}"),
        ("débit par seconde CPU (lignes d'établissements)", f"{rapport.etab_lues / cpu:,.0f}"),
        ("RSS max. du processus d'import (Mo)", f"{rss_import:,.0f} (avant import : {rss_avant:,.0f})"),
    ]
    if resultats_pandas:
        duree_pd, n_pd, _g, rss_pd = resultats_pandas
        lignes += [
            ("pandas read_csv + groupby (s)", f"{duree_pd:.1f}"),
            ("pandas débit (lignes/s)", f"{n_pd / duree_pd:,.0f}"),
            ("pandas RSS max. (Mo)", f"{rss_pd:,.0f}"),
        ]
    lignes += [(f"p95 {url} (ms)", f"{ms:.1f}") for url, ms in temps.items()]
    largeur = max(len(c) for c, _v in lignes)
    lignes.append(("charge moyenne de la machine (1 min)", f"{charge:.1f} pour {os.cpu_count()} cœurs"))
    print(f"Base : {os.environ['DATABASE_URL'].split('@')[-1]}")
    for cle, valeur in lignes:
        print(f"{cle.ljust(largeur)}  {valeur.replace(',', ' ')}")
    with open(DOSSIER / "bench_import_sirene.csv", "w", newline="", encoding="utf-8") as f:
        ecrivain = csv.writer(f)
        ecrivain.writerow(["mesure", "valeur"])
        ecrivain.writerows(lignes)


if __name__ == "__main__":
    main()
