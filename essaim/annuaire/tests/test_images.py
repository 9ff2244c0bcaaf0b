"""An uploaded image above the pixel budget is refused from its header (issue 13 §2.5).

A 343 KB PNG of 9,400 × 9,400 pixels took 1.27 GB of memory and 5 s to decode: the check
must happen before anything decodes it.
"""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from ..models import Structure
from ..services.fiches import preparer_logo
from ..validators import valider_image
from .test_inscription import FICHE

pytestmark = pytest.mark.django_db


def png_geant(largeur=9400, hauteur=9400) -> bytes:
    """A valid grayscale PNG, all black, compressed to a few hundred KB (built row by row,
    so the test itself never holds the pixels)."""

    def bloc(nature, donnees):
        return (
            struct.pack(">I", len(donnees))
            + nature
            + donnees
            + struct.pack(">I", zlib.crc32(nature + donnees))
        )

    compresseur = zlib.compressobj(9)
    ligne = b"\x00" * (largeur + 1)  # filter byte + one byte per pixel
    idat = b"".join(compresseur.compress(ligne) for _ in range(hauteur)) + compresseur.flush()
    entete = struct.pack(">IIBBBBB", largeur, hauteur, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + bloc(b"IHDR", entete) + bloc(b"IDAT", idat) + bloc(b"IEND", b"")


@pytest.fixture(scope="module")
def geant():
    return png_geant()


MESSAGE = "L'image « geant.png » compte 88,4 mégapixels : 25 mégapixels au maximum."


def test_the_giant_png_is_small_on_disk(geant):
    assert len(geant) < 500_000
    assert struct.unpack(">II", geant[16:24]) == (9400, 9400)  # IHDR width, height


@pytest.fixture
def decodages(monkeypatch):
    """Records every time Pillow decodes pixel data (ImageFile.load)."""
    from PIL import ImageFile

    appels = []
    charger = ImageFile.ImageFile.load

    def load(self):
        appels.append(self.size)
        return charger(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return appels


def test_the_registration_form_refuses_it_in_french_without_decoding(client, proprietaire, geant, decodages):
    client.force_login(proprietaire)
    reponse = client.post(
        "/annuaire/inscription/fiche/",
        {**FICHE, "logo": SimpleUploadedFile("geant.png", geant, content_type="image/png")},
    )
    assert MESSAGE.replace("'", "&#x27;") in reponse.content.decode()
    assert not Structure.objects.exists()
    assert decodages == []  # refused from the header: not one pixel decoded


def test_the_model_validator_and_the_logo_preparation_refuse_it_too(geant, decodages):
    for verifier in (valider_image, preparer_logo):
        with pytest.raises(ValidationError) as erreur:
            verifier(SimpleUploadedFile("geant.png", geant, content_type="image/png"))
        assert erreur.value.messages == [MESSAGE]
    assert decodages == []


@override_settings(ESSAIM_IMAGE_PIXELS_MAX=1_000_000)
def test_the_budget_is_a_setting():
    tampon = io.BytesIO()
    Image.new("RGB", (1200, 1000), "green").save(tampon, "PNG")
    with pytest.raises(ValidationError) as erreur:
        valider_image(SimpleUploadedFile("logo.png", tampon.getvalue()))
    assert erreur.value.messages == [
        "L'image « logo.png » compte 1,2 mégapixels (1200 × 1000 pixels) : 1 mégapixels au maximum."
    ]
    tampon = io.BytesIO()
    Image.new("RGB", (1000, 1000), "green").save(tampon, "PNG")
    assert valider_image(SimpleUploadedFile("logo.png", tampon.getvalue()))


def test_pillow_guard_follows_the_budget():
    from django.conf import settings

    assert Image.MAX_IMAGE_PIXELS == settings.ESSAIM_IMAGE_PIXELS_MAX == 25_000_000
