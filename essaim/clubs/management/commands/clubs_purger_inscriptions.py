from django.core.management.base import BaseCommand

from essaim.clubs.services.rencontres import purger_inscriptions_expirees


class Command(BaseCommand):
    help = "Supprime les inscriptions aux rencontres passées leur date de conservation (RGPD)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compter sans supprimer.")

    def handle(self, *args, dry_run=False, **options):
        from django.utils import timezone

        from essaim.clubs.models import InscriptionRencontre

        if dry_run:
            n = InscriptionRencontre.objects.filter(conserver_jusqu_au__lt=timezone.localdate()).count()
            self.stdout.write(f"{n} inscription(s) à supprimer (simulation).")
            return
        self.stdout.write(f"{purger_inscriptions_expirees()} inscription(s) supprimée(s).")
