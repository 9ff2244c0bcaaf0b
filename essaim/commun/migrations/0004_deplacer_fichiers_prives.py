"""Move the private files that earlier versions stored under MEDIA_ROOT (public URL /media/)
into the private storage (ESSAIM_PRIVE_ROOT), same relative names, so the rows still find them.

Prefixes: task results (travaux/), call kits and application attachments (appels/), imported
directory files (annuaire/imports/), conference and observatory uploads waiting for their task
(imports/, observatoire/imports/). Logos (annuaire/logos/) are public and stay.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations

PREFIXES = ["travaux", "appels", "annuaire/imports", "imports", "observatoire/imports"]


def _deplacer(source: Path, cible: Path):
    for prefixe in PREFIXES:
        dossier = source / prefixe
        if not dossier.is_dir():
            continue
        for fichier in sorted(p for p in dossier.rglob("*") if p.is_file()):
            destination = cible / fichier.relative_to(source)
            if destination.exists():
                continue  # never overwrite; a name clash keeps both files where they are
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(fichier, destination)
        for sous_dossier in [*sorted(dossier.rglob("*"), reverse=True), dossier]:
            if sous_dossier.is_dir() and not any(sous_dossier.iterdir()):
                sous_dossier.rmdir()


def vers_prive(apps, schema_editor):
    _deplacer(Path(settings.MEDIA_ROOT), Path(settings.ESSAIM_PRIVE_ROOT))


def vers_media(apps, schema_editor):
    _deplacer(Path(settings.ESSAIM_PRIVE_ROOT), Path(settings.MEDIA_ROOT))


class Migration(migrations.Migration):
    dependencies = [
        ("commun", "0003_fichiers_prives"),
    ]

    operations = [migrations.RunPython(vers_prive, vers_media, elidable=True)]
