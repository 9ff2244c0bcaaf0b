"""Import structures from a CSV/XLSX file through the shared import engine."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from essaim.commun.imports import ErreurFichier

from ...services.import_ import importer


class Command(BaseCommand):
    help = "Importe des structures depuis un fichier CSV ou XLSX (upsert par SIRET ou identifiant source)."

    def add_arguments(self, parser):
        parser.add_argument("fichier", help="Chemin du fichier CSV ou XLSX.")
        parser.add_argument(
            "--mapping",
            help='Correspondance JSON {"colonne": "entête du fichier"}, ex. {"nom": "Raison sociale"}.',
        )
        parser.add_argument("--source", default="import", help="Nom court de la source (provenance).")
        parser.add_argument("--dry-run", action="store_true", help="Simulation : rien n'est enregistré.")
        parser.add_argument("--rapport", help="Écrire le rapport d'erreurs CSV à ce chemin.")

    def handle(self, fichier, mapping=None, source="import", dry_run=False, rapport=None, **options):
        if not Path(fichier).exists():
            raise CommandError(f"Fichier introuvable : {fichier}")
        try:
            correspondance = json.loads(mapping) if mapping else None
        except json.JSONDecodeError as erreur:
            raise CommandError(f"--mapping n'est pas un JSON valide : {erreur}")
        if correspondance is not None and not isinstance(correspondance, dict):
            raise CommandError('--mapping doit être un objet JSON, ex. {"nom": "Raison sociale"}.')
        try:
            resultat = importer(fichier, correspondance, dry_run=dry_run, source=source)
        except ErreurFichier as erreur:
            raise CommandError(str(erreur))
        self.stdout.write(resultat.resume())
        for erreur in resultat.erreurs[:50]:
            self.stdout.write(
                f"  ligne {erreur.ligne} · {erreur.colonne or '—'} · « {erreur.valeur} » : {erreur.raison}"
            )
        if len(resultat.erreurs) > 50:
            self.stdout.write(f"  … et {len(resultat.erreurs) - 50} autres erreurs.")
        if rapport:
            Path(rapport).write_bytes(resultat.erreurs_csv())
            self.stdout.write(f"Rapport d'erreurs écrit dans {rapport}.")
