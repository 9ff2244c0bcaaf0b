from django.core.management.base import BaseCommand

from essaim.comptes.services import creer_comptes_demo


class Command(BaseCommand):
    help = "Crée un compte de démonstration par rôle et affiche une seule fois les mots de passe."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reinitialiser", action="store_true", help="Redonner un nouveau mot de passe aux comptes."
        )

    def handle(self, *args, reinitialiser=False, **options):
        crees = creer_comptes_demo(reinitialiser=reinitialiser)
        if not crees:
            self.stdout.write(
                "Comptes de démonstration déjà présents (mots de passe affichés à leur création ; "
                "`python manage.py creer_comptes_demo --reinitialiser` en donne de nouveaux)."
            )
            return
        self.stdout.write(self.style.WARNING("Comptes de démonstration (notez ces mots de passe) :"))
        largeur = max(len(email) for email, _, _ in crees)
        for email, role, mot_de_passe in crees:
            self.stdout.write(f"  {email.ljust(largeur)}  {mot_de_passe}  ({role})")
