import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from essaim.territoires.contours import ContourInvalide, charger_fichier_contours


class Command(BaseCommand):
    help = (
        "Charge les contours officiels des EPCI ou des communes depuis un fichier GeoJSON en WGS 84 "
        "(contours administratifs Etalab, ou export GeoJSON d'IGN ADMIN EXPRESS WGS84G), simplifiés."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier", type=Path, help="Fichier GeoJSON (FeatureCollection).")
        parser.add_argument("--niveau", choices=["epci", "commune"], default="epci")

    def handle(self, *args, fichier, niveau, **options):
        try:
            donnees = json.loads(fichier.read_text(encoding="utf-8"))
        except (OSError, ValueError) as erreur:
            raise CommandError(f"Fichier illisible : {erreur}") from erreur
        if donnees.get("type") != "FeatureCollection":
            raise CommandError("Une FeatureCollection GeoJSON est attendue.")
        try:
            resultat = charger_fichier_contours(donnees["features"], niveau, source=fichier.name)
        except ContourInvalide as erreur:
            raise CommandError(str(erreur)) from erreur
        self.stdout.write(
            self.style.SUCCESS(
                f"Contours ({niveau}) chargés : {resultat['charges']} ; "
                f"ignorés (code inconnu ou sans géométrie) : {resultat['ignores']}."
            )
        )
