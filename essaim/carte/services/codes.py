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

# Masks are signed 64-bit integers on both databases: bits 0 to 61 each encode one code; bit
# 62 (DEBORDEMENT) is shared by the 63rd code and every later one. A filter or a count on such
# a code narrows with that bit, then checks the exact code in the index row's code list
# (``carte_pointcarte.themes`` …): slower, but correct, and only for the codes past 62.
DEBORDEMENT = 62
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
    try:
        with transaction.atomic():
            CodeBit.objects.create(dimension=dimension, code=code, bit=suivant)
    except IntegrityError:
        pass  # another process assigned it meanwhile
    vider_cache()
    return bits(dimension)[code]


def position(b: int) -> int:
    """The bit of the mask that a code numbered ``b`` sets."""
    return min(b, DEBORDEMENT)


def _connus(dimension: str, codes) -> dict[str, int]:
    connus = bits(dimension)
    if any(code not in connus for code in codes):
        _cache.pop(dimension, None)  # maybe given a bit by another process since we read it
        connus = bits(dimension)
    return connus


def masque(dimension: str, codes) -> int:
    """Mask of already-assigned codes (codes nobody carries yet have no bit: they add 0).
    With a code past the 62nd, the mask also matches other such codes: see ``debordants``."""
    connus = _connus(dimension, codes)
    total = 0
    for code in codes:
        if code in connus:
            total |= 1 << position(connus[code])
    return total


def masque_exact(dimension: str, codes) -> int:
    """Mask of the codes that own their bit (the 62 first)."""
    connus = _connus(dimension, codes)
    return sum({1 << connus[c] for c in codes if c in connus and connus[c] < DEBORDEMENT})


def debordants(dimension: str, codes) -> list[str]:
    """The codes among ``codes`` that share the overflow bit: checked by their code list."""
    connus = _connus(dimension, codes)
    return [c for c in codes if connus.get(c, -1) >= DEBORDEMENT]


def sql_portant(dimension: str, codes, alias: str = "p") -> tuple[str, list]:
    """SQL condition (and params) on an index row: it carries one of ``codes`` (exact, by the
    comma-separated code list, parents of themes included as in the masks)."""
    colonne = f"(',' || {alias}.{dimension}s || ',')"
    echappe = [c.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for c in codes]
    clause = " OR ".join(f"{colonne} LIKE %s ESCAPE '\\'" for _ in codes)
    return f"({clause})", [f"%,{c},%" for c in echappe]


def ids_portant(dimension: str, codes):
    """Sorted ids of the indexed structures carrying one of ``codes`` (overflow codes)."""
    import numpy as np
    from django.db import connection

    clause, params = sql_portant(dimension, codes)
    with connection.cursor() as curseur:
        curseur.execute(
            f"SELECT structure_id FROM carte_pointcarte p WHERE (p.{dimension}s_bits & %s) <> 0 AND {clause} "
            "ORDER BY structure_id",
            [1 << DEBORDEMENT, *params],
        )
        return np.fromiter((r[0] for r in curseur.fetchall()), dtype=np.int64)


def masque_assigne(dimension: str, codes) -> int:
    total = 0
    for code in codes:
        total |= 1 << position(bit(dimension, code))
    return total
