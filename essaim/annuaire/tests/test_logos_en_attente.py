"""A logo proposed in a pending edit is not public before a moderator approves it."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ..models import ModificationEnAttente
from ..services import fiches, moderation

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    tampon = io.BytesIO()
    Image.new("RGB", (60, 30), "#c33").save(tampon, "PNG")
    return tampon.getvalue()


def test_logo_propose_prive_jusqu_a_la_validation(
    client, settings, proprietaire, staff_hdf, structure, django_capture_on_commit_callbacks
):
    version = structure.version
    donnees = fiches.instantane(structure)
    resultat = fiches.enregistrer_modification(
        structure, donnees, proprietaire, version, logo=SimpleUploadedFile("logo.png", _png())
    )
    assert not resultat.appliquee
    nom = ModificationEnAttente.objects.get().donnees["logo"]
    assert nom.startswith("annuaire/logos-en-attente/")
    assert (Path(settings.ESSAIM_PRIVE_ROOT) / nom).exists()
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))
    assert client.get(f"/media/{nom}").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        moderation.approuver_modification(ModificationEnAttente.objects.get(), par=staff_hdf)
    structure.refresh_from_db()
    assert structure.logo.name.startswith(f"annuaire/logos/{structure.slug}/")
    reponse = client.get(structure.logo.url)
    assert reponse.status_code == 200 and reponse["Content-Type"] == "image/jpeg"  # re-encoded
    assert not (Path(settings.ESSAIM_PRIVE_ROOT) / nom).exists()
