"""`manage.py sauvegarder [--sortie FICHIER] [--garder N]`: the database and the files in one archive."""

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from essaim.commun import sauvegarde


class Command(BaseCommand):
    help = "Sauvegarde la base de données et les fichiers (publics et privés) dans une archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sortie",
            help="Fichier d'archive (.tar, ou .tar.gz compressé). Par défaut "
            "VAR_DIR/sauvegardes/essaim-AAAAMMJJ-HHMMSS.tar.gz.",
        )
        parser.add_argument(
            "--garder",
            type=int,
            default=0,
            help="Ne garder que les N sauvegardes essaim-*.tar* les plus récentes du dossier de sortie.",
        )

    def handle(self, *args, sortie=None, garder=0, **options):
        if sortie is None:
            nom = f"essaim-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"
            sortie = Path(settings.VAR_DIR) / "sauvegardes" / nom
        try:
            bilan = sauvegarde.sauvegarder(Path(sortie))
        except sauvegarde.ErreurSauvegarde as erreur:
            raise CommandError(str(erreur)) from erreur
        self.stdout.write(
            f"Sauvegarde écrite : {bilan.chemin} ({bilan.octets / 1e6:.1f} Mo, {bilan.tables} tables, "
            f"{bilan.lignes} lignes, {bilan.fichiers} fichiers, {bilan.duree_s:.1f} s)"
        )
        if garder > 0:
            anciennes = sorted(bilan.chemin.parent.glob("essaim-*.tar*"), key=lambda p: p.stat().st_mtime)
            for ancienne in anciennes[:-garder]:
                ancienne.unlink()
                self.stdout.write(f"Ancienne sauvegarde supprimée : {ancienne}")
