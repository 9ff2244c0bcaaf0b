"""Send the pending decision e-mails of a call (what the committee page's button starts)."""

from django.core.management.base import BaseCommand, CommandError

from essaim.appels.models import Appel
from essaim.appels.services import emails
from essaim.appels.services.candidatures import a_notifier


class Command(BaseCommand):
    help = "Envoie les e-mails de décision pas encore envoyés d'un appel."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Identifiant d'URL de l'appel")
        parser.add_argument(
            "--base-url", default="", help="Origine des liens, par exemple https://essaim.example"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Lister les destinataires sans rien envoyer."
        )

    def handle(self, slug, base_url="", dry_run=False, **options):
        appel = Appel.objects.filter(slug=slug).first()
        if appel is None:
            raise CommandError(f"Appel inconnu : « {slug} ».")
        candidatures = list(a_notifier(appel).select_related("candidat", "appel__region"))
        for c in candidatures:
            libelle = appel.libelle_decision(c.decision)
            if dry_run:
                self.stdout.write(f"  {c.candidat.email} : {libelle} — {c.intitule}")
            else:
                emails.envoyer_decision(c, base_url)
        verbe = "à envoyer (simulation)" if dry_run else "envoyé(s)"
        self.stdout.write(self.style.SUCCESS(f"{len(candidatures)} e-mail(s) de décision {verbe}."))
