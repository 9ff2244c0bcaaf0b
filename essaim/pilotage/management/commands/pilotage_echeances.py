"""Daily: snapshot automatic indicators whose period ended, remind owners of measures due.

manage.py pilotage_echeances            # enqueue the background work
manage.py pilotage_echeances --dry-run  # list what is due, change nothing
"""

from django.core.management.base import BaseCommand

from essaim.commun.taches import lancer
from essaim.pilotage.models import Indicateur
from essaim.pilotage.services.mesures import dues
from essaim.pilotage.taches import echeances


class Command(BaseCommand):
    help = "Instantanés des indicateurs automatiques et rappels des mesures dues."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Affiche les échéances sans rien écrire.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            for due in dues(Indicateur.objects.all()):
                retard = " (en retard)" if due.en_retard else ""
                self.stdout.write(f"{due.indicateur.plan.slug} {due.indicateur.code} {due.periode}{retard}")
            return
        travail = lancer(echeances, "Pilotage : échéances des indicateurs")
        self.stdout.write(f"Travail {travail.pk} lancé.")
