"""Check the links of the library in the background (a cron runs it, e.g. weekly)."""

from django.core.management.base import BaseCommand

from essaim.ressources.services import liens


class Command(BaseCommand):
    help = "Vérifie les liens de la bibliothèque de ressources (jamais vérifiés ou depuis 30 jours)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="compte sans rien vérifier")
        parser.add_argument("--toutes", action="store_true", help="toutes les ressources ayant une URL")

    def handle(self, *args, dry_run=False, toutes=False, **options):
        qs = liens.Ressource.objects.exclude(url="") if toutes else liens.a_verifier()
        ids = list(qs.values_list("pk", flat=True).distinct())
        if dry_run:
            self.stdout.write(f"{len(ids)} lien(s) à vérifier (simulation : rien n'est lancé).")
            return
        travail = liens.lancer_verification(ids)
        self.stdout.write(
            f"{len(ids)} lien(s) à vérifier : travail n° {travail.pk} ({travail.get_statut_display()})."
        )
