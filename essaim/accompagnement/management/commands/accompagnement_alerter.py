from django.core.management.base import BaseCommand

from essaim.accompagnement.services.alertes import alerter_retards


class Command(BaseCommand):
    help = "Envoie à chaque personne concernée la liste des actions passées en retard (une fois par action)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="compte sans rien envoyer")

    def handle(self, *args, dry_run=False, **options):
        r = alerter_retards(dry_run=dry_run)
        self.stdout.write(f"{r['actions']} action(s) en retard signalée(s) à {r['personnes']} personne(s).")
