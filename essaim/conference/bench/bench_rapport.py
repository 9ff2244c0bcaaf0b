"""Benchmark: key figures and report rendering (HTML, PDF, DOCX) by edition size.

    python -m essaim.conference.bench.bench_rapport [--tailles 36,300,1000] [--sans-pdf]

Works on the configured database inside a transaction that is rolled back: nothing stays.
Prints a table and writes var/bench/conference_rapport.csv: how long the background worker
takes per document (the web UI never renders one in a request: essaim.commun.documents).
"""

import argparse
import csv
import os
import time
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "essaim.settings")
    import django

    django.setup()
    from django.db import transaction

    from essaim.conference.models import Atelier, Conference
    from essaim.conference.services import rapport
    from essaim.conference.services.chiffres import chiffres_cles
    from essaim.conference.services.editions import creer_conference
    from essaim.territoires.models import Commune, Region

    parser = argparse.ArgumentParser()
    parser.add_argument("--tailles", default="36,300,1000")
    parser.add_argument("--sans-pdf", action="store_true")
    options = parser.parse_args()
    tailles = [int(t) for t in options.tailles.split(",")]

    lignes = []
    communes = list(Commune.objects.filter(region_id="32", type="commune").order_by("-population")[:50])
    for taille in tailles:
        with transaction.atomic():
            conference = creer_conference(
                Region.objects.get(code="32"), 1900 + taille % 100, slug=f"bench-{taille}"
            )
            Atelier.objects.bulk_create(
                [
                    Atelier(
                        conference=conference,
                        intitule=f"Atelier de test n° {i}",
                        organisateurs_libres=f"Structure {i % 80}",
                        transitions=["sociale", "ecologique"][: 1 + i % 2],
                        date=conference_date(conference, i),
                        commune=communes[i % len(communes)],
                        format="presentiel",
                        participants_declares=i % 90,
                    )
                    for i in range(taille)
                ]
            )
            mesures = {"ateliers": taille}
            mesures["chiffres_s"] = chrono(lambda c=conference: chiffres_cles(c))
            mesures["html_s"] = chrono(lambda c=conference: rapport.rapport_html(c))
            mesures["docx_s"] = chrono(lambda c=conference: rapport.rapport_docx(c))
            mesures["pdf_s"] = (
                None if options.sans_pdf else chrono(lambda c=conference: rapport.rapport_pdf(c))
            )
            lignes.append(mesures)
            transaction.set_rollback(True)
        Conference.objects.filter(slug=f"bench-{taille}").delete()

    entetes = ["ateliers", "chiffres_s", "html_s", "docx_s", "pdf_s"]
    print(" | ".join(f"{e:>10}" for e in entetes))
    for ligne in lignes:
        print(" | ".join(f"{'-' if ligne[e] is None else ligne[e]:>10}" for e in entetes))
    sortie = Path("var/bench")
    sortie.mkdir(parents=True, exist_ok=True)
    with open(sortie / "conference_rapport.csv", "w", newline="") as f:
        ecrivain = csv.DictWriter(f, fieldnames=entetes)
        ecrivain.writeheader()
        ecrivain.writerows(lignes)


def conference_date(conference, i):
    import datetime

    return datetime.date(conference.annee, 4 + i % 9, 1 + i % 28)


def chrono(fonction) -> float:
    debut = time.perf_counter()
    fonction()
    return round(time.perf_counter() - debut, 2)


if __name__ == "__main__":
    main()
