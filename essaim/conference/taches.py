"""Background work of the conference module (essaim.commun.taches)."""

from django.urls import reverse

from essaim.commun.taches import tache

from .models import Conference


@tache
def importer_ateliers_fichier(travail, slug: str, chemin: str, nom: str, dry_run: bool = False):
    """Import an uploaded workshop file; the report (errors included) lands in the Travail."""
    from essaim.commun.fichiers import stockage_prive
    from essaim.commun.imports import ErreurFichier, lire_tableau

    from .services.import_ import importer_ateliers

    conference = Conference.objects.get(slug=slug)
    try:
        with stockage_prive().open(chemin, "rb") as fichier:
            contenu = fichier.read()
        import io

        tableau = lire_tableau(io.BytesIO(contenu), nom=nom)
        rapport_import = importer_ateliers(
            conference, tableau, dry_run=dry_run, progression=travail, utilisateur=travail.utilisateur
        )
    except ErreurFichier as erreur:
        travail.avancer(0, 0, str(erreur), forcer=True)
        return {
            "erreur_fichier": str(erreur),
            "lien": reverse("conference:rapport_import", args=[slug, travail.pk]),
        }
    finally:
        stockage_prive().delete(chemin)
    travail.avancer(rapport_import.lues, rapport_import.lues, rapport_import.resume(), forcer=True)
    return {
        **rapport_import.as_dict(),
        "resume": rapport_import.resume(),
        "lien": reverse("conference:rapport_import", args=[slug, travail.pk]),
    }
