"""Static files that collectstatic's manifest storage can post-process."""

import re
from pathlib import Path

from django.conf import settings

SOURCE_MAP = re.compile(rb"sourceMappingURL=([^\s*]+)")


def test_every_source_map_comment_points_to_a_shipped_file():
    # A dangling sourceMappingURL stops `collectstatic` with the manifest storage
    # (whitenoise MissingFileError), hence every production page answers 500.
    manquants = []
    for dossier in settings.STATICFILES_DIRS:
        for fichier in Path(dossier).rglob("*"):
            if fichier.suffix not in {".js", ".css"}:
                continue
            for cible in SOURCE_MAP.findall(fichier.read_bytes()):
                if cible.startswith(b"data:"):
                    continue
                if not (fichier.parent / cible.decode()).exists():
                    manquants.append(f"{fichier.relative_to(dossier)} → {cible.decode()}")
    assert manquants == []


def test_leaflet_images_are_vendored_with_its_stylesheet():
    dossier = Path(settings.STATICFILES_DIRS[0]) / "vendor" / "leaflet"
    references = re.findall(r"url\((images/[^)]+)\)", (dossier / "leaflet.css").read_text())
    assert "images/marker-icon.png" in references
    assert [r for r in references if not (dossier / r).exists()] == []
