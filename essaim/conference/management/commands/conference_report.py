import json
import sys

from django.core.management.base import BaseCommand, CommandError

from essaim.conference.models import Conference
from essaim.conference.services.chiffres import chiffres_cles


class Command(BaseCommand):
    help = "Produit le rapport d'une édition (json des chiffres clés, html, pdf ou docx)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", choices=["json", "html", "pdf", "docx"], default="json")
        parser.add_argument("--output", help="Fichier de sortie (sortie standard par défaut).")

    def handle(self, slug, format="json", output=None, **options):
        conference = Conference.objects.filter(slug=slug).first()
        if conference is None:
            raise CommandError(f"Édition « {slug} » introuvable.")
        if format == "json":
            contenu = json.dumps(chiffres_cles(conference), ensure_ascii=False, indent=2).encode()
        else:
            from essaim.conference.services import rapport

            contenu = {
                "html": rapport.rapport_html,
                "pdf": rapport.rapport_pdf,
                "docx": rapport.rapport_docx,
            }[format](conference)
            if isinstance(contenu, str):
                contenu = contenu.encode()
        if output:
            with open(output, "wb") as f:
                f.write(contenu)
            self.stdout.write(f"Rapport écrit dans {output} ({len(contenu)} octets).")
        elif format in ("pdf", "docx"):
            # Binary to standard output, for `conference_report slug --format pdf > rapport.pdf`.
            sys.stdout.flush()
            sys.stdout.buffer.write(contenu)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.flush()
            self.stdout.write(contenu.decode(), ending="\n")
