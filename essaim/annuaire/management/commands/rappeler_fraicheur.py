"""E-mail managers of records not confirmed for a while (default: the région's delay, 365 days)."""

from django.core.management.base import BaseCommand

from ...services.fraicheur import envoyer_rappels


class Command(BaseCommand):
    help = "Envoie un rappel aux gestionnaires des fiches non confirmées depuis longtemps."

    def add_arguments(self, parser):
        parser.add_argument(
            "--jours", type=int, help="Délai en jours (défaut : réglage de la région, sinon 365)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Lister sans envoyer.")
        parser.add_argument("--url", default="http://localhost:8000", help="Adresse du site pour les liens.")

    def handle(self, jours=None, dry_run=False, url="", **options):
        structures = envoyer_rappels(jours=jours, dry_run=dry_run, base_url=url)
        verbe = "seraient rappelées" if dry_run else "rappelées"
        self.stdout.write(f"{len(structures)} fiche(s) {verbe}.")
        for structure in structures:
            self.stdout.write(
                f"  {structure.nom} (confirmée le {structure.confirme_le or structure.cree_le:%d/%m/%Y})"
            )
