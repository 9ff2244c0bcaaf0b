"""Load reference data, then demo data and demo accounts: what `make run` calls after migrate.

Each app declares its loaders on its AppConfig (dotted paths to functions taking ``stdout``)::

    reference = "essaim.annuaire.services.vocabulaires.charger"   # always loaded, idempotent
    demo = "essaim.annuaire.demo.charger"                         # unless ESSAIM_DONNEES_DEMO=false

Every loader must be idempotent and fast when there is nothing to do.
"""

import time

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Charge les données de référence, les données de démonstration et les comptes de démonstration."

    def add_arguments(self, parser):
        parser.add_argument("--sans-demo", action="store_true", help="Ne charger que les références.")

    def _etape(self, libelle, chemin):
        debut = time.monotonic()
        import_string(chemin)(stdout=self.stdout)
        self.stdout.write(f"  {libelle} ({time.monotonic() - debut:.1f} s)")

    def handle(self, *args, sans_demo=False, **options):
        configs = list(apps.get_app_configs())
        self.stdout.write("Données de référence :")
        for config in configs:
            if getattr(config, "reference", None):
                self._etape(config.verbose_name, config.reference)
        if sans_demo or not settings.ESSAIM_DONNEES_DEMO:
            self.stdout.write("Données de démonstration désactivées (ESSAIM_DONNEES_DEMO=false).")
            return
        self.stdout.write("Données de démonstration :")
        for config in configs:
            if getattr(config, "demo", None):
                self._etape(config.verbose_name, config.demo)
        call_command("creer_comptes_demo", stdout=self.stdout)
