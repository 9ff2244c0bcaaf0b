from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Génère N structures synthétiques (publiées, marquées source=synthetique) réparties selon la "
        "population des communes, puis reconstruit l'index de la carte."
    )

    def add_arguments(self, parser):
        parser.add_argument("--nombre", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--supprimer", action="store_true", help="Supprimer d'abord les structures synthétiques."
        )
        parser.add_argument(
            "--sans-index", action="store_true", help="Ne pas reconstruire l'index de la carte."
        )
        parser.add_argument("--dry-run", action="store_true", help="Annoncer sans rien écrire.")

    def handle(self, *args, nombre, seed, supprimer, sans_index, dry_run, **options):
        from essaim.carte.services import generation
        from essaim.carte.services.reconstruction import reconstruire

        if dry_run:
            self.stdout.write(f"{nombre} structures synthétiques seraient générées (graine {seed}).")
            return
        if supprimer:
            generation.supprimer(stdout=self.stdout)
        if nombre > 0:
            generation.generer(nombre, seed, stdout=self.stdout)
        if not sans_index:
            reconstruire(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Terminé."))
