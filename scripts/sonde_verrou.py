"""Measure how long a writer waits for SQLite's write lock while a bulk job runs.

    python scripts/sonde_verrou.py var/essaim.sqlite3 -- python manage.py reindexer_carte

Runs the command, and meanwhile takes the write lock (BEGIN IMMEDIATE, then ROLLBACK) every
50 ms from this process: the longest wait is the longest lock hold the job imposed on
visitors (sampled, so a lower bound within 50 ms). Prints the command's duration and the
waits; exit status is the command's.
"""

import sqlite3
import subprocess
import sys
import threading
import time


def sonder(chemin: str, arret: threading.Event, attentes: list[float]) -> None:
    base = sqlite3.connect(chemin, timeout=120, isolation_level=None)
    while not arret.is_set():
        debut = time.monotonic()
        base.execute("BEGIN IMMEDIATE")
        attentes.append(time.monotonic() - debut)
        base.execute("ROLLBACK")
        arret.wait(0.05)
    base.close()


def main() -> int:
    chemin, commande = sys.argv[1], sys.argv[sys.argv.index("--") + 1 :]
    arret, attentes = threading.Event(), []
    sonde = threading.Thread(target=sonder, args=(chemin, arret, attentes), daemon=True)
    sonde.start()
    debut = time.monotonic()
    code = subprocess.call(commande)
    duree = time.monotonic() - debut
    arret.set()
    sonde.join()
    longues = sorted(attentes, reverse=True)
    print(
        f"commande : {duree:.1f} s ; sondes : {len(attentes)} ; attente du verrou d'écriture : "
        f"max {longues[0] if longues else 0:.2f} s, au-delà d'1 s : {sum(a > 1 for a in attentes)}, "
        f"5 plus longues : {', '.join(f'{a:.2f}' for a in longues[:5])}"
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
