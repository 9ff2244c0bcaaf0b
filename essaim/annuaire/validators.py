"""Validators of identifiers and uploads, with precise French messages."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from essaim.commun.bornes import nombre_fr

RNA_RE = re.compile(r"^W[0-9A-Z]\d{8}$")
CODE_POSTAL_RE = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-8]|2[AB])\d{3}$")
TAILLE_MAX_IMAGE = 5 * 1024 * 1024
FORMATS_IMAGE = {"JPEG", "PNG", "WEBP", "GIF"}


def compacter(valeur: str) -> str:
    return re.sub(r"[\s.\-\u00a0\u202f]", "", valeur or "")


def valider_siren(valeur: str) -> str:
    numero = compacter(valeur)
    if not numero.isdigit() or len(numero) != 9:
        raise ValidationError(f"« {valeur} » n'est pas un SIREN : 9 chiffres attendus.", code="siren_format")
    try:
        stdnum_siren.validate(numero)
    except InvalidChecksum:
        raise ValidationError(
            f"Le SIREN « {valeur} » est invalide (clé de contrôle incorrecte).", code="siren"
        )
    return numero


def valider_siret(valeur: str) -> str:
    """SIRET with Luhn checksum; La Poste's establishments (356000000…) use a digit sum multiple of 5."""
    numero = compacter(valeur)
    if not numero.isdigit() or len(numero) != 14:
        raise ValidationError(
            f"« {valeur} » n'est pas un SIRET : 14 chiffres attendus ({len(numero)} saisis).",
            code="siret_format",
        )
    try:
        stdnum_siret.validate(numero)
    except (InvalidChecksum, InvalidFormat, InvalidLength, StdnumError):
        raise ValidationError(
            f"Le SIRET « {valeur} » est invalide (clé de contrôle incorrecte).", code="siret"
        )
    return numero


def valider_rna(valeur: str) -> str:
    numero = compacter(valeur).upper()
    if not RNA_RE.match(numero):
        raise ValidationError(
            f"« {valeur} » n'est pas un numéro RNA : « W » suivi de 9 caractères attendu (ex. W595012345).",
            code="rna",
        )
    return numero


def valider_code_postal(valeur: str) -> str:
    code = compacter(valeur).upper()
    if not CODE_POSTAL_RE.match(code):
        raise ValidationError(
            f"« {valeur} » n'est pas un code postal français (5 chiffres).", code="code_postal"
        )
    return code


def valider_categorie_juridique(valeur: str) -> str:
    code = compacter(valeur)
    if not (code.isdigit() and len(code) == 4):
        raise ValidationError(
            f"« {valeur} » n'est pas une catégorie juridique INSEE (4 chiffres, ex. 9220).", code="cj"
        )
    return code


def valider_naf(valeur: str) -> str:
    code = compacter(valeur).upper()
    if re.match(r"^\d{4}[A-Z]$", code):
        code = f"{code[:2]}.{code[2:]}"
    if not re.match(r"^\d{2}\.\d{2}[A-Z]$", code):
        raise ValidationError(f"« {valeur} » n'est pas un code NAF (ex. 88.99B).", code="naf")
    return code


def pixels_max() -> int:
    return settings.ESSAIM_IMAGE_PIXELS_MAX


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1e6:.1f}".replace(".", ",").removesuffix(",0")


def _trop_de_pixels(nom: str, pixels: int, dimensions: str = "") -> ValidationError:
    return ValidationError(
        _("L'image « %(nom)s » compte %(mp)s mégapixels%(dim)s : %(max)s mégapixels au maximum.")
        % {
            "nom": nom,
            "mp": _megapixels(pixels),
            "dim": f" ({dimensions})" if dimensions else "",
            "max": _megapixels(pixels_max()),
        },
        code="image_pixels",
    )


def verifier_pixels(image, nom: str) -> None:
    """Refuse an image above the pixel budget, from its header alone (``Image.open`` reads
    only the header; decoding a 9,400 × 9,400 PNG of 343 KB takes 1.3 GB)."""
    largeur, hauteur = image.size
    if largeur * hauteur > pixels_max():
        dimensions = f"{nombre_fr(largeur)} × {nombre_fr(hauteur)} pixels"
        raise _trop_de_pixels(nom, largeur * hauteur, dimensions)


def ouvrir_image(fichier):
    """Open an uploaded image's header and check its pixel budget before anything decodes it.

    ``DecompressionBombError`` (Pillow's own guard, see ``Image.MAX_IMAGE_PIXELS`` set by
    the commun app) is turned into the same French error.
    """
    from PIL import Image

    nom = getattr(fichier, "name", "") or "image"
    fichier.seek(0)
    try:
        image = Image.open(fichier)
    except Image.DecompressionBombError as erreur:
        # Pillow refuses past twice its limit before we see the size; its message has the count.
        compte = re.search(r"\((\d+) pixels\)", str(erreur))
        raise _trop_de_pixels(nom, int(compte[1]) if compte else pixels_max() * 2) from None
    verifier_pixels(image, nom)  # (not closed on error: close() would close the upload too)
    return image


def refuser_trop_de_pixels(fichier) -> None:
    """The pixel-budget error if ``fichier`` is a too large image; nothing for anything else
    (a file that is not an image gets its own error from the image checks)."""
    try:
        with ouvrir_image(fichier):
            pass
    except ValidationError:
        raise
    except Exception:
        pass
    finally:
        fichier.seek(0)


def valider_image(fichier):
    """Reject oversized files and files that are not real images (whatever their extension)."""
    from PIL import UnidentifiedImageError

    if fichier is None:
        return fichier
    taille = getattr(fichier, "size", 0) or 0
    if taille > TAILLE_MAX_IMAGE:
        raise ValidationError(
            f"L'image « {fichier.name} » pèse {taille // 1024} Ko : 5 Mo au maximum.", code="image_taille"
        )
    try:
        with ouvrir_image(fichier) as image:
            format_ = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            f"Le fichier « {fichier.name} » n'est pas une image lisible (JPEG, PNG, WebP ou GIF attendu).",
            code="image",
        )
    finally:
        fichier.seek(0)
    if format_ not in FORMATS_IMAGE:
        raise ValidationError(
            f"Format d'image « {format_} » non accepté (JPEG, PNG, WebP ou GIF).", code="image"
        )
    return fichier
