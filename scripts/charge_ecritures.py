"""Load scenario "writes during a bulk job" (issue 20) on the embedded default (SQLite, WAL).

    python scripts/charge_ecritures.py [--nombre 150000] [--visiteurs 12] [--import 1000]

A temporary SQLite database gets the reference data and a workshop, and gunicorn (3 workers,
production busy timeout) serves it. While ``manage.py generer_structures --nombre N`` (bulk
insert, then the map index rebuild) and a directory import run in other processes, visitors
register to the workshop (one loopback address each, as real clients) and a staff member
edits a record. Printed: write requests, accepted, 5xx, longest wait, accepted writes
missing from the database afterwards, and each job's longest write transaction.
"""

import argparse
import logging
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

from essaim.commun.tests.ecritures_en_charge import fichier_import, serveur_pret, visiteurs  # noqa: E402
from essaim.commun.tests.processus import base_sqlite, sortie  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ajouter = parser.add_argument
    ajouter("--nombre", type=int, default=150_000, help="structures générées pendant la charge")
    ajouter("--visiteurs", type=int, default=12, help="clients qui s'inscrivent en continu")
    ajouter("--import", dest="lignes", type=int, default=1000, help="lignes de l'import d'annuaire")
    ajouter("--busy-timeout", type=int, default=10_000, help="SQLITE_BUSY_TIMEOUT du serveur (ms)")
    options = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)

    with tempfile.TemporaryDirectory(prefix="essaim-charge-") as dossier:
        base = base_sqlite(
            Path(dossier), settings="essaim.settings", extra={"DEBUG": "false", "EMAIL_URL": "dummymail://"}
        )
        print(f"Préparation (base SQLite dans {dossier})…", flush=True)
        with serveur_pret(base, 1000, attente_ms=options.busy_timeout) as serveur:
            fichier = fichier_import(serveur["var"] / "import.csv", options.lignes)
            manage = [sys.executable, RACINE / "manage.py"]
            print(
                f"Charge : {options.visiteurs} visiteurs + 1 modification de fiche pendant "
                f"generer_structures --nombre {options.nombre} et un import de {options.lignes} lignes…",
                flush=True,
            )
            debut = time.monotonic()
            with visiteurs(serveur, options.visiteurs) as mesures:
                travaux = [
                    base.lancer(*manage, "generer_structures", "--nombre", options.nombre),
                    base.lancer(*manage, "import_structures", fichier, "--source", "charge"),
                ]
                for travail in travaux:
                    travail.wait()
                sorties = [sortie(t) for t in travaux]
            duree = time.monotonic() - debut
            connexion = sqlite3.connect(serveur["fichier"])
            emails = {r[0] for r in connexion.execute("SELECT email FROM conference_inscription")}
            historique = connexion.execute("SELECT telephone FROM annuaire_historicalstructure")
            telephones = {r[0] for r in historique}
            manquantes = [m for m in mesures.acceptees if m not in emails and m not in telephones]
    print(
        f"\nÉcritures pendant un travail de masse ({duree:.0f} s) : {mesures.resume()}, "
        f"{len(manquantes)} écriture(s) acceptée(s) absente(s) de la base."
    )
    for texte in sorties:
        for ligne in texte.splitlines():
            if "Travail de masse" in ligne:
                print("  " + ligne.strip())
    for erreur in mesures.erreurs[:5]:
        print("  " + erreur)
    return 1 if mesures.erreurs or manquantes or any(t.returncode for t in travaux) else 0


if __name__ == "__main__":
    sys.exit(main())
