"""`manage.py restaurer FICHIER [--ecraser]`: restore an archive written by `sauvegarder`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from essaim.commun import sauvegarde


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde (base et fichiers) dans une base vide, puis vérifie le nombre "
        "de lignes de chaque table."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier", help="Archive écrite par « manage.py sauvegarder ».")
        parser.add_argument(
            "--ecraser",
            action="store_true",
            help="Remplacer une base non vide et les fichiers existants (sinon refusé).",
        )

    def handle(self, *args, fichier, ecraser=False, **options):
        if not Path(fichier).is_file():
            raise CommandError(f"Fichier introuvable : {fichier}")
        try:
            manifeste = sauvegarde.lire_manifeste(Path(fichier))
            comptes = sauvegarde.restaurer(Path(fichier), ecraser=ecraser)
        except sauvegarde.ErreurSauvegarde as erreur:
            raise CommandError(str(erreur)) from erreur
        self.stdout.write(
            f"Sauvegarde du {manifeste['cree_le']} restaurée : {len(comptes)} tables, "
            f"{sum(n for n, _ in comptes.values())} lignes identiques au manifeste, "
            f"{len(manifeste['fichiers'])} fichiers."
        )
