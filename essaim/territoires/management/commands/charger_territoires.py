from django.core.management.base import BaseCommand

from essaim.territoires.services import charger_territoires


class Command(BaseCommand):
    help = "Charge ou met à jour les régions, départements, EPCI et communes (COG INSEE)."

    def add_arguments(self, parser):
        parser.add_argument("--forcer", action="store_true", help="Recharger même si inchangé.")

    def handle(self, *args, forcer=False, **options):
        resultat = charger_territoires(forcer=forcer)
        if resultat["charge"]:
            self.stdout.write(self.style.SUCCESS(f"Territoires chargés : {resultat['communes']} communes."))
        else:
            self.stdout.write(f"Territoires à jour ({resultat['communes']} communes), rien à faire.")
