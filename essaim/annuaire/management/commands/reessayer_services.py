"""Retry the outside services for records left "à géocoder" / "à enrichir" while offline."""

from django.core.management.base import BaseCommand

from ...enums import EtatEnrichissement, EtatGeocodage
from ...models import Lieu, Structure
from ...services import geocodage


class Command(BaseCommand):
    help = (
        "Géocode les lieux « à géocoder » (BAN) et enrichit les fiches « à enrichir » "
        "(Recherche d'entreprises)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limite", type=int, default=500)
        parser.add_argument("--dry-run", action="store_true", help="Compter sans appeler les services.")

    def handle(self, limite=500, dry_run=False, **options):
        lieux = Lieu.objects.filter(etat_geocodage=EtatGeocodage.A_GEOCODER).select_related("commune")[
            :limite
        ]
        structures = Structure.objects.filter(etat_enrichissement=EtatEnrichissement.A_ENRICHIR)[:limite]
        if dry_run:
            self.stdout.write(f"{len(lieux)} lieu(x) à géocoder, {len(structures)} fiche(s) à enrichir.")
            return
        etats = [geocodage.geocoder_lieu(lieu) for lieu in lieux]
        enrichies = [geocodage.enrichir_structure(s) for s in structures]
        self.stdout.write(
            f"Géocodage : {etats.count(EtatGeocodage.GEOCODE)} réussi(s), {etats.count(EtatGeocodage.ECHEC)} "
            f"sans correspondance, {etats.count(EtatGeocodage.A_GEOCODER)} toujours en attente "
            "(service injoignable)."
        )
        self.stdout.write(
            f"Enrichissement : {enrichies.count(EtatEnrichissement.ENRICHI)} enrichie(s), "
            f"{enrichies.count(EtatEnrichissement.A_ENRICHIR)} toujours en attente."
        )
