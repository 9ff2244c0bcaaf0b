"""Background work of the observatory (essaim.commun.taches)."""

from datetime import date
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
            rapport = ImporteurChiffres(source, millesime, utilisateur=travail.utilisateur).importer(
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


@tache
def importer_sirene(
    travail,
    unites_legales: str,
    etablissements: str,
    perimetre: str = "flag",
    regions=None,
    dry_run=False,
    date_stock: str = "",
    remplacer: bool = False,
):
    """The SIRENE import as background work: rate and ETA on the task page while it runs.
    ``date_stock`` (AAAA-MM-JJ): the vintage's date, as ``import_sirene --date``."""
    # Imported here: web workers import this module for the other tasks and must not load
    # the columnar import pipeline (pyarrow and its companions, ~100 MB resident).
    from .services.import_sirene import ImportSirene
    from .services.lecture import ErreurSirene
    from .services.rapport import message_progression

    def progression(phase, lignes, debit, reste):
        travail.avancer(lignes, None, message_progression(phase, lignes, debit, reste))

    try:
        rapport = ImportSirene(
            unites_legales,
            etablissements,
            perimetre=perimetre,
            regions=regions or [],
            dry_run=dry_run,
            progression=progression,
            date_stock=date.fromisoformat(date_stock) if date_stock else None,
            remplacer=remplacer,
        ).executer()
    except ErreurSirene as erreur:
        travail.avancer(0, 0, str(erreur), forcer=True)
        return {"erreur": str(erreur)}
    travail.avancer(rapport.etab_lues, rapport.etab_lues, rapport.resume(), forcer=True)
    return {**rapport.as_dict(), "lien": reverse("observatoire:millesimes")}
