from django.core.management.base import BaseCommand

from essaim.carte.models import PointCarte


class Command(BaseCommand):
    help = "Reconstruit l'index de la carte et de la recherche à partir de l'annuaire."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compter sans rien écrire.")

    def handle(self, *args, dry_run=False, **options):
        from essaim.annuaire.enums import StatutStructure
        from essaim.annuaire.models import Structure
        from essaim.carte.services.reconstruction import reconstruire

        if dry_run:
            n = Structure.objects.filter(statut=StatutStructure.PUBLIEE, fusionnee_dans__isnull=True).count()
            self.stdout.write(
                f"{n} structures publiées seraient indexées (index actuel : {PointCarte.objects.count()})."
            )
            return
        n = reconstruire(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Index reconstruit : {n} structures."))
