"""python manage.py import_chiffres FICHIER --source "INSEE Flores" --millesime 2022 [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from essaim.commun.imports import ErreurFichier, lire_tableau
from essaim.observatoire.services.import_chiffres import ImporteurChiffres


class Command(BaseCommand):
    help = (
        "Importe des chiffres agrégés (CSV ou XLSX) reçus de l'INSEE ou d'un partenaire, sous une "
        "source déclarée."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier")
        parser.add_argument(
            "--source", required=True, help="ex. « INSEE Flores » ou « Observatoire national ESS »"
        )
        parser.add_argument("--millesime", required=True, help="millésime de la source, ex. 2022")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, fichier, source, millesime, dry_run, **options):
        try:
            rapport = ImporteurChiffres(source, millesime).importer(lire_tableau(fichier), dry_run=dry_run)
        except (ErreurFichier, ValueError) as erreur:
            raise CommandError(str(erreur)) from erreur
        self.stdout.write(rapport.resume())
        for e in rapport.erreurs:
            self.stdout.write(f"  ligne {e.ligne}, {e.colonne or '—'} « {e.valeur} » : {e.raison}")
        for avertissement in rapport.avertissements:
            self.stdout.write(self.style.WARNING(avertissement))
