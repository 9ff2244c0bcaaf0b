"""The filières of the clubs: seeded once, then edited by the staff in the admin."""

from .models import Filiere

FILIERES = [
    ("reemploi-economie-circulaire", "Réemploi et économie circulaire"),
    ("alimentation-durable", "Alimentation durable"),
    ("batiment-durable", "Bâtiment durable"),
    ("mobilite", "Mobilité"),
    ("energie", "Énergie"),
    ("tourisme-durable", "Tourisme durable"),
    ("numerique-responsable", "Numérique responsable"),
]


def charger(stdout=None):
    for ordre, (code, libelle) in enumerate(FILIERES):
        Filiere.objects.get_or_create(code=code, defaults={"libelle": libelle, "ordre": ordre * 10})
