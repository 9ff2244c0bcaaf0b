"""Background work used by the several-servers test (imported by the task workers)."""

import os
import time

from essaim.commun.taches import tache


@tache
def noter(travail, fichier: str, numero: int):
    """Append one line per execution: a job run twice would show twice."""
    with open(fichier, "a") as f:
        f.write(f"{numero} {os.getpid()}\n")
    time.sleep(0.3)
    return {"numero": numero}
