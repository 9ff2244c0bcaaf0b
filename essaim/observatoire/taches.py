"""Background work of the observatory (essaim.commun.taches)."""

from pathlib import Path

from django.urls import reverse

from essaim.commun.imports import ErreurFichier, lire_tableau
from essaim.commun.taches import tache

from .services.import_chiffres import ImporteurChiffres


@tache
def importer_chiffres(travail, chemin: str, nom: str, source: str, millesime: str, dry_run: bool = False):
    fichier = Path(chemin)
    try:
        try:
            tableau = lire_tableau(fichier, nom=nom)
            rapport = ImporteurChiffres(source, millesime).importer(
                tableau, dry_run=dry_run, progression=travail
            )
        except ErreurFichier as erreur:
            travail.avancer(0, 0, str(erreur), forcer=True)
            return {"erreur": str(erreur)}
    finally:
        fichier.unlink(missing_ok=True)
    erreurs = "; ".join(f"ligne {e.ligne} ({e.colonne or '—'}) : {e.raison}" for e in rapport.erreurs[:20])
    message = " ".join(
        [rapport.resume(), *rapport.avertissements, erreurs and f"Erreurs : {erreurs}"]
    ).strip()
    travail.avancer(rapport.lues, rapport.lues, message, forcer=True)
    return {**rapport.as_dict(), "lien": reverse("observatoire:millesimes")}
