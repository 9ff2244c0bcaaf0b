from django.core.management.base import BaseCommand
from django.db import transaction

from essaim.conference.models import Inscription
from essaim.conference.services.participants import purger_inscriptions_expirees


class Command(BaseCommand):
    help = "Supprime les inscriptions aux ateliers dont la durée de conservation (RGPD) est dépassée."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compter sans supprimer.")

    def handle(self, *args, dry_run=False, **options):
        with transaction.atomic():
            nombre = purger_inscriptions_expirees()
            if dry_run:
                transaction.set_rollback(True)
        prefixe = "Simulation : " if dry_run else ""
        self.stdout.write(
            f"{prefixe}{nombre} inscription(s) expirée(s) supprimée(s) ; "
            f"{Inscription.objects.count()} conservée(s)."
        )
