"""Benchmark: import of structures (rows/s, dry run and real) and directory list rendering.

    python -m essaim.annuaire.bench.bench_import [--tailles 200,1000,5000]

Runs on the configured database inside transactions that are rolled back: nothing stays.
Prints a table and writes var/bench/annuaire_import.csv. Tells where the web import should
switch to the background (it always runs as a background task; the figure sizes the wait).
"""

import argparse
import csv
import os
import tempfile
import time
from pathlib import Path


def _fichier(taille: int, communes: list[str]) -> Path:
    from stdnum import luhn

    chemin = Path(tempfile.mkstemp(suffix=".csv")[1])
    with chemin.open("w", encoding="utf-8") as f:
        f.write("nom;siret;commune;adresse;themes;agrements\n")
        for i in range(taille):
            base = f"9{i:07d}"
            siren = base + luhn.calc_check_digit(base)
            etab = siren + "00012"
            siret = etab[:13] + luhn.calc_check_digit(etab[:13])
            f.write(
                f"Structure de test {i};{siret};{communes[i % len(communes)]};{i} rue du Banc;energie;ESUS\n"
            )
    return chemin


def _chrono(fonction):
    debut = time.perf_counter()
    resultat = fonction()
    return time.perf_counter() - debut, resultat


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "essaim.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction
    from django.test import Client

    from essaim.annuaire.demo import COMMUNES_DEMO
    from essaim.annuaire.reference import charger
    from essaim.annuaire.services.import_ import importer

    parser = argparse.ArgumentParser()
    parser.add_argument("--tailles", default="200,1000")
    options = parser.parse_args()
    charger()
    communes = list(COMMUNES_DEMO)
    lignes = []
    for taille in (int(t) for t in options.tailles.split(",")):
        chemin = _fichier(taille, communes)
        mesures = {"lignes": taille}
        mesures["simulation_s"], _ = _chrono(lambda c=chemin: importer(c, dry_run=True, source="bench"))
        with transaction.atomic():
            mesures["import_s"], rapport = _chrono(lambda c=chemin: importer(c, source="bench"))
            mesures["reimport_s"], rapport2 = _chrono(lambda c=chemin: importer(c, source="bench"))
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
            mesures["liste_s"], reponse = _chrono(lambda: Client().get("/annuaire/?q=structure"))
            assert rapport.creees == taille and rapport2.inchangees == taille, (
                rapport.resume(),
                rapport2.resume(),
            )
            transaction.set_rollback(True)
        mesures["lignes_par_s"] = round(taille / mesures["import_s"])
        lignes.append(mesures)
        chemin.unlink()

    entetes = ["lignes", "simulation_s", "import_s", "reimport_s", "lignes_par_s", "liste_s"]
    print(" | ".join(f"{e:>12}" for e in entetes))
    for ligne in lignes:
        print(
            " | ".join(
                f"{ligne[e]:>12.2f}" if isinstance(ligne[e], float) else f"{ligne[e]:>12}" for e in entetes
            )
        )
    sortie = Path(settings.VAR_DIR) / "bench" / "annuaire_import.csv"
    sortie.parent.mkdir(parents=True, exist_ok=True)
    with sortie.open("w", newline="", encoding="utf-8") as f:
        ecrivain = csv.DictWriter(f, fieldnames=entetes)
        ecrivain.writeheader()
        ecrivain.writerows(lignes)
    print(f"CSV : {sortie}")


if __name__ == "__main__":
    main()
