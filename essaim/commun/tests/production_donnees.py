"""Data of the production smoke test (test_production.py), run inside ``manage.py shell``
with the production settings: migrate, the reference data, a little of each module's demo
data (the apps' own loaders), a logo, and one background job left for the worker.

Prints one JSON line: what the test then fetches.
"""

import io
import json
import time

from django.core.files.base import ContentFile, File
from django.core.management import call_command


def _logo() -> bytes:
    from PIL import Image

    tampon = io.BytesIO()
    Image.new("RGB", (64, 32), "#1b7f5b").save(tampon, "PNG")
    return tampon.getvalue()


def preparer():
    debut = time.monotonic()
    durees = {}

    def etape(nom, fonction, *args, **kwargs):
        t = time.monotonic()
        resultat = fonction(*args, **kwargs)
        durees[nom] = round(time.monotonic() - t, 1)
        return resultat

    etape("migrate", call_command, "migrate", "--noinput", verbosity=0)
    etape("createcachetable", call_command, "createcachetable", verbosity=0)

    from essaim.annuaire import demo as annuaire_demo
    from essaim.annuaire.enums import StatutStructure
    from essaim.annuaire.models import Structure
    from essaim.commun.fichiers import stockage_prive
    from essaim.commun.taches import lancer
    from essaim.conference import demo as conference_demo
    from essaim.conference.taches import importer_ateliers_fichier
    from essaim.observatoire import demo as observatoire_demo
    from essaim.territoires.services import charger_reference

    etape("territoires", charger_reference)
    etape("annuaire", annuaire_demo.charger, nombre=8, forcer=True)
    etape("observatoire", observatoire_demo.charger)
    etape("conference", conference_demo.charger)

    structure = Structure.objects.filter(statut=StatutStructure.PUBLIEE).order_by("pk").first()
    structure.logo.save("logo-fumee.png", ContentFile(_logo()), save=True)
    structure.refresh_from_db()

    # One job for the task worker: a dry run of the conference import, from private storage.
    with conference_demo.FICHIER.open("rb") as fichier:
        chemin = stockage_prive().save("imports/conference/fumee.csv", File(fichier))
    lancer(
        importer_ateliers_fichier,
        "Import de contrôle",
        region_code="32",
        slug=conference_demo.SLUG,
        chemin=chemin,
        nom="ateliers.csv",
        dry_run=True,
    )
    print(
        json.dumps(
            {
                "structure": {"nom": structure.nom, "url": structure.get_absolute_url()},
                "logo": structure.logo.url,
                "conference": conference_demo.SLUG,
                "durees": {**durees, "total": round(time.monotonic() - debut, 1)},
            }
        )
    )
