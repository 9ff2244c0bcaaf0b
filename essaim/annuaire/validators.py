"""Validators of identifiers and uploads, with precise French messages."""

import re

from django.core.exceptions import ValidationError
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

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


def valider_image(fichier):
    """Reject oversized files and files that are not real images (whatever their extension)."""
    from PIL import Image, UnidentifiedImageError

    if fichier is None:
        return fichier
    taille = getattr(fichier, "size", 0) or 0
    if taille > TAILLE_MAX_IMAGE:
        raise ValidationError(
            f"L'image « {fichier.name} » pèse {taille // 1024} Ko : 5 Mo au maximum.", code="image_taille"
        )
    try:
        fichier.seek(0)
        with Image.open(fichier) as image:
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
