"""Bits of the theme / transition / agrément masks, and the valid codes of each dimension.

A code gets a bit the first time a structure carrying it is indexed; bits never move, so
masks stored in the index stay valid. The vocabularies themselves belong to the directory.

Each process keeps the code → bit table in memory. Another process (web worker, task worker,
another server) may give a bit to a new code at any time: the table is read again when a code
it does not know is asked for, and when the index journal advances (``memoire.colonnes``), so
a filter on a code first indexed elsewhere never gives an empty mask.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max

from ..models import CodeBit

BITS_MAX = 62  # signed 64-bit integers on both databases
_cache: dict[str, dict[str, int]] = {}


def _modele(dimension: str):
    from essaim.annuaire.models import Agrement, Theme, Transition

    return {"theme": Theme, "transition": Transition, "agrement": Agrement}[dimension]


def codes_valides(dimension: str) -> list[str]:
    return list(_modele(dimension).objects.values_list("code", flat=True))


def libelles(dimension: str) -> dict[str, str]:
    return dict(_modele(dimension).objects.values_list("code", "libelle"))


def vider_cache():
    _cache.clear()


def bits(dimension: str) -> dict[str, int]:
    if dimension not in _cache:
        _cache[dimension] = dict(CodeBit.objects.filter(dimension=dimension).values_list("code", "bit"))
    return _cache[dimension]


def bit(dimension: str, code: str) -> int:
    """The bit of ``code``, assigning the next free one on first sight."""
    connus = bits(dimension)
    if code in connus:
        return connus[code]
    vider_cache()
    connus = bits(dimension)
    if code in connus:
        return connus[code]
    dernier = CodeBit.objects.filter(dimension=dimension).aggregate(m=Max("bit"))["m"]
    suivant = 0 if dernier is None else dernier + 1
    if suivant > BITS_MAX:
        raise ValueError(f"Plus de {BITS_MAX + 1} codes « {dimension} » : masque plein.")
    try:
        with transaction.atomic():
            CodeBit.objects.create(dimension=dimension, code=code, bit=suivant)
    except IntegrityError:
        pass  # another process assigned it meanwhile
    vider_cache()
    return bits(dimension)[code]


def masque(dimension: str, codes) -> int:
    """Mask of already-assigned codes (codes nobody carries yet have no bit: they add 0)."""
    connus = bits(dimension)
    if any(code not in connus for code in codes):
        _cache.pop(dimension, None)  # maybe given a bit by another process since we read it
        connus = bits(dimension)
    total = 0
    for code in codes:
        if code in connus:
            total |= 1 << connus[code]
    return total


def masque_assigne(dimension: str, codes) -> int:
    total = 0
    for code in codes:
        total |= 1 << bit(dimension, code)
    return total


def codes_du_masque(dimension: str, valeur: int) -> list[str]:
    return [code for code, b in sorted(bits(dimension).items(), key=lambda kv: kv[1]) if valeur >> b & 1]
