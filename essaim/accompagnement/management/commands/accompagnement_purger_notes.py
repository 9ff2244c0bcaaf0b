from django.core.management.base import BaseCommand

from essaim.accompagnement.services.suivis import purger_notes


class Command(BaseCommand):
    help = "Supprime les notes des suivis clos depuis plus que la durée de conservation (RGPD)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="compte sans rien supprimer")

    def handle(self, *args, dry_run=False, **options):
        n = purger_notes(dry_run=dry_run)
        self.stdout.write(f"{n} note(s) {'à supprimer' if dry_run else 'supprimée(s)'}.")
