"""Text queries over the index: matches, other filters, ranking and facets in memory.

Cost per request, N structures, M text matches:

- matching ids: one aggregate full-text query, O(M) (≈30 ms for M = 250,000 on SQLite);
- other filters and facets: vectorised over the M positions in the in-memory filter
  columns (``memoire.py``), O(M) with a small constant, independent of N;
- ranking: when M ≤ ``SEUIL_CLASSEMENT``, BM25 / ts_rank over every match; above it,
  computing a relevance score for every match would dominate the request (≈1.4 µs each),
  so results come in two tiers: structures whose *name* matches every word, then the
  others, the most recently indexed first inside each tier.
"""

import numpy as np

from essaim.territoires.models import Commune

from ..recherche import moteur
from . import codes as codes_service
from . import memoire
from .filtres import DIMENSIONS_MASQUE, Filtres

SEUIL_CLASSEMENT = 10_000
DIMENSIONS_FACETTES_CODE = ("famille", "region", "departement")


def termes(filtres: Filtres):
    if "termes" not in filtres.memo:
        filtres.memo["termes"] = moteur().resoudre(filtres.mots)
    return filtres.memo["termes"]


def masque(c: memoire.Colonnes, pos: np.ndarray, filtres: Filtres) -> np.ndarray:
    garde = np.ones(len(pos), dtype=bool)
    for dim in ("famille", "region", "departement", "epci", "commune"):
        vals = filtres.valeurs.get(dim)
        if not vals:
            continue
        if dim == "commune":  # a commune includes its municipal arrondissements
            vals = [*vals, *Commune.objects.filter(parent_id__in=vals).values_list("code", flat=True)]
        codes = [c.code(dim, v) for v in vals]
        garde &= np.isin(c.codes[dim][pos], [k for k in codes if k >= 0])
    for dim in DIMENSIONS_MASQUE:
        vals = filtres.valeurs.get(dim)
        if vals:
            porte = (c.bits[f"{dim}s_bits"][pos] & codes_service.masque_exact(dim, vals)) != 0
            if debordants := codes_service.debordants(dim, vals):  # past the 62nd code
                porte |= np.isin(c.ids[pos], codes_service.ids_portant(dim, debordants))
            garde &= porte
    return garde


def positions(c: memoire.Colonnes, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(ids also present in memory, their positions): both indexes move in one transaction,
    but a concurrent write between the two reads must not break the request."""
    pos = np.minimum(c.positions(ids), max(len(c.ids) - 1, 0))
    if len(c.ids) == 0:
        return ids[:0], pos[:0]
    present = c.ids[pos] == ids
    return ids[present], pos[present]


def correspondances(filtres: Filtres) -> np.ndarray:
    """Sorted ids matching the text and every other filter."""
    memo = filtres.memo
    if "ids" not in memo:
        tous = moteur().ids_texte(termes(filtres))
        memo["nombre_texte"] = len(tous)
        if filtres.a_valeurs and len(tous):
            c = memoire.colonnes()
            tous, pos = positions(c, tous)
            garde = masque(c, pos, filtres)
            tous, memo["colonnes"], memo["positions"] = tous[garde], c, pos[garde]
        memo["ids"] = tous
    return memo["ids"]


def positions_correspondances(filtres: Filtres) -> tuple[memoire.Colonnes, np.ndarray]:
    """The in-memory columns and the positions of the matches in them (computed once)."""
    ids = correspondances(filtres)
    memo = filtres.memo
    if "positions" not in memo:
        memo["colonnes"] = memoire.colonnes()
        memo["positions"] = positions(memo["colonnes"], ids)[1]
    return memo["colonnes"], memo["positions"]


def compter(filtres: Filtres) -> int:
    return int(len(correspondances(filtres)))


def ids_page(filtres: Filtres, debut: int, taille: int) -> list[int]:
    ids = correspondances(filtres)
    if not len(ids) or debut >= len(ids):
        return []
    m = moteur()
    if filtres.memo["nombre_texte"] <= SEUIL_CLASSEMENT:
        classes = m.ids_classes(termes(filtres), SEUIL_CLASSEMENT + 1, ids)
        if filtres.a_valeurs:
            gardes = set(ids.tolist())
            classes = [i for i in classes if i in gardes]
        return classes[debut : debut + taille]
    nom = m.ids_texte(termes(filtres), nom_seulement=True)
    nom = np.intersect1d(nom, ids, assume_unique=True) if filtres.a_valeurs else nom
    if debut + taille <= len(nom):
        return nom[::-1][debut : debut + taille].tolist()
    autres = np.setdiff1d(ids, nom, assume_unique=True)[::-1]
    ordre = np.concatenate([nom[::-1], autres])
    return ordre[debut : debut + taille].tolist()


def comptes_facettes(filtres: Filtres) -> dict[str, int]:
    """{'' : total, 'dimension:code': count} over the matches, like the pre-aggregated counts."""
    ids = correspondances(filtres)
    comptes = {"": int(len(ids))}
    if not len(ids):
        return comptes
    c, pos = positions_correspondances(filtres)
    for dim in DIMENSIONS_FACETTES_CODE:
        valeurs = c.valeurs[dim]
        for indice, n in enumerate(np.bincount(c.codes[dim][pos], minlength=len(valeurs))):
            if n and valeurs[indice]:
                comptes[f"{dim}:{valeurs[indice]}"] = int(n)
    for dim in DIMENSIONS_MASQUE:
        masques = c.bits[f"{dim}s_bits"][pos]
        for code, b in codes_service.bits(dim).items():
            if b >= codes_service.DEBORDEMENT:  # shared bit: count the exact code
                n = int(np.count_nonzero(np.isin(c.ids[pos], codes_service.ids_portant(dim, [code]))))
            else:
                n = int(np.count_nonzero(masques & (1 << b)))
            if n:
                comptes[f"{dim}:{code}"] = n
    return comptes
