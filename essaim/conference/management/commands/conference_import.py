import contextlib

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from essaim.commun.flux import base_embarquee
from essaim.commun.imports import ErreurFichier, lire_tableau
from essaim.conference.models import Conference
from essaim.conference.services.editions import creer_conference
from essaim.conference.services.import_ import deduire_edition, importer_ateliers
from essaim.territoires.models import Region


class Command(BaseCommand):
    help = "Importe les ateliers d'une édition de la conférence régionale depuis un CSV ou XLSX."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Identifiant de l'édition (créée si besoin).")
        parser.add_argument("fichier")
        parser.add_argument("--region", help="Code INSEE de la région (création de l'édition).")
        parser.add_argument("--annee", type=int, help="Année de l'édition (création).")
        parser.add_argument("--titre", default="", help="Titre de l'édition (création).")
        parser.add_argument("--dry-run", action="store_true", help="Simuler sans rien enregistrer.")

    def handle(self, slug, fichier, region=None, annee=None, titre="", dry_run=False, **options):
        try:
            tableau = lire_tableau(fichier)
        except (ErreurFichier, OSError) as erreur:
            raise CommandError(str(erreur)) from erreur
        # SQLite: the import engine commits every ~0.5 s (a dry run, which may create the
        # edition, stays one transaction rolled back). PostgreSQL: one transaction.
        une_transaction = dry_run or not base_embarquee()
        with transaction.atomic() if une_transaction else contextlib.nullcontext():
            conference = self._edition(slug, region, annee, titre, tableau)
            try:
                rapport = importer_ateliers(conference, tableau, dry_run=dry_run)
            except ErreurFichier as erreur:
                raise CommandError(str(erreur)) from erreur
            if dry_run:
                transaction.set_rollback(True)
        self.stdout.write(rapport.resume())
        for e in rapport.erreurs:
            colonne = f", colonne « {e.colonne} »" if e.colonne else ""
            valeur = f" (valeur « {e.valeur} »)" if e.valeur else ""
            self.stdout.write(f"Ligne {e.ligne}{colonne}{valeur} : {e.raison}")

    def _edition(self, slug, region, annee, titre, tableau):
        conference = Conference.objects.filter(slug=slug).first()
        if conference:
            return conference
        if not region or not annee:
            region_deduite, annee_deduite = deduire_edition(tableau)
            region, annee = region or region_deduite, annee or annee_deduite
            if not region or not annee:
                raise CommandError(
                    f"L'édition « {slug} » n'existe pas : précisez --region et --annee pour la créer."
                )
            self.stdout.write(
                f"Édition « {slug} » créée pour la région {region} et l'année {annee} (déduites du fichier)."
            )
        region_obj = Region.objects.filter(code=region).first()
        if region_obj is None:
            raise CommandError(f"Région « {region} » inconnue (code INSEE attendu, par exemple 32).")
        if Conference.objects.filter(region=region_obj, annee=annee).exists():
            autre = Conference.objects.get(region=region_obj, annee=annee)
            raise CommandError(f"Une édition {annee} existe déjà pour cette région : « {autre.slug} ».")
        return creer_conference(region_obj, annee, slug=slug, titre=titre)
