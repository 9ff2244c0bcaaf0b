"""Server-side clustering: GeoJSON features for a bbox, a zoom and filters.

Cells are Web-Mercator tiles of level ``zoom + DECALAGE`` (about 64 px on screen).

- Pre-aggregated path (no text query and at most one filter value, zoom ≤ 10): read the
  ``CelluleCarte`` rows of that key and level whose Morton cell lies in the bbox's key
  ranges; cost ~ number of cells on screen, independent of N.
- Live path (text query, combined filters, or zoom ≥ 11): the precomputed Morton key
  shifted to the level, grouped with numpy over the in-memory positions of the points
  matching the filters inside the bbox (``memoire.py``); cost ~ one vectorised scan of the
  positions (or of the text matches) plus the matching points in the bbox.

Either way a feature is a cluster (count > 1, at its members' mean position) or a single
structure (id, nom), and the counts add up exactly to the matching structures in the bbox.
"""

import numpy as np
from django.db import connection

from .. import geo
from . import memoire, texte
from .filtres import Filtres
from .indexation import NIVEAUX_AGREGES

DECALAGE = 2
ZOOM_MAX = 20


def niveau_pour(zoom: int) -> int:
    return min(zoom + DECALAGE, geo.NIVEAU_MAX)


def _clause_plages(plages, colonne: str) -> tuple[str, list]:
    clauses, params = [], []
    for debut, fin in plages:
        clauses.append(f"{colonne} BETWEEN %s AND %s")
        params += [debut, fin]
    return "(" + " OR ".join(clauses) + ")", params


AFFINAGE = 3  # the border ring is re-read 2**3 times finer before falling back to points
# Border strips are one cell thick: cover them with many small key ranges (little over-read).


def _bandes(x0, y0, x1, y1):
    """The four one-cell-thick strips along the edges of a tile rectangle."""
    return {(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)}


def _lire_cellules(cle: str, niveau: int, plages) -> list[tuple]:
    clause, params = _clause_plages(plages, "cellule")
    with connection.cursor() as c:
        c.execute(
            "SELECT cellule, nombre, somme_lat, somme_lon, somme_id FROM carte_cellulecarte "
            f"WHERE cle_filtre = %s AND niveau = %s AND {clause}",
            [cle, niveau, *params],
        )
        return c.fetchall()


def _agrege(bbox: geo.Bbox, niveau: int, cle: str, filtres: Filtres) -> list[tuple]:
    """Exact clusters from the aggregates.

    Cells strictly inside the bbox come from level ``niveau``. The ring of border cells cut
    by the bbox edge is re-read at a finer aggregated level (``AFFINAGE`` levels deeper):
    its fine cells strictly inside the bbox are summed into their border cell, and only the
    points of the thin fine ring along the edge are grouped live, from the in-memory
    positions. Cost ~ cells on screen + one vectorised scan of the positions.
    """
    x0, y0, x1, y1 = bbox.tuiles(niveau)
    groupes: dict[int, list] = {}

    def ajouter(parent, n, sl, so, sid):
        acc = groupes.setdefault(parent, [0, 0.0, 0.0, 0])
        acc[0] += n
        acc[1] += sl
        acc[2] += so
        acc[3] += sid

    def au_bord(x, y):
        return x in (x0, x1) or y in (y0, y1)

    for cel, n, sl, so, sid in _lire_cellules(cle, niveau, bbox.plages(niveau)):
        x, y = geo.demorton(cel)
        if n > 0 and x0 < x < x1 and y0 < y < y1:
            ajouter(cel, n, sl, so, sid)
    fin = min(niveau + AFFINAGE, max(NIVEAUX_AGREGES))
    d = fin - niveau
    X0, Y0, X1, Y1 = bbox.tuiles(fin)
    if d > 0:
        plages = []
        for bande in _bandes(x0, y0, x1, y1):
            plages += geo.plages_tuiles(*bande, budget=200, affiner=d)
        for cel, n, sl, so, sid in _lire_cellules(cle, fin, sorted(set(plages))):
            x, y = geo.demorton(cel)
            if n > 0 and X0 < x < X1 and Y0 < y < Y1 and au_bord(x >> d, y >> d):
                ajouter(geo.morton(x >> d, y >> d), n, sl, so, sid)
    # Points of the fine ring (fine cells cut by the bbox edge), from the in-memory positions.
    c = memoire.colonnes()
    # Only points within two fine cells of an edge can sit in the fine ring (a cell's height
    # in degrees of latitude never exceeds its width in longitude).
    marge = 2 * 360.0 / (1 << fin)
    pos = _dans_bbox(c, bbox)
    lat, lon = c.position["latitude"][pos], c.position["longitude"][pos]
    pres = (lon <= bbox.ouest + marge) | (lon >= bbox.est - marge)
    pres |= (lat <= bbox.sud + marge) | (lat >= bbox.nord - marge)
    pos = pos[pres]
    if filtres.a_valeurs:
        pos = pos[texte.masque(c, pos, filtres)]
    x, y = geo.demorton(c.position["cle"][pos] >> (2 * (geo.NIVEAU_MAX - fin)))
    anneau = (x == X0) | (x == X1) | (y == Y0) | (y == Y1)
    for parent, n, sl, so, sid in _sommes(c, pos[anneau], geo.morton(x[anneau] >> d, y[anneau] >> d)):
        ajouter(parent, n, sl, so, sid)
    return [(n, sl / n, so / n, sid if n == 1 else None) for n, sl, so, sid in groupes.values() if n > 0]


def _dans(lat: np.ndarray, lon: np.ndarray, bbox: geo.Bbox) -> np.ndarray:
    return (lat >= bbox.sud) & (lat <= bbox.nord) & (lon >= bbox.ouest) & (lon <= bbox.est)


def _dans_bbox(c: memoire.Colonnes, bbox: geo.Bbox) -> np.ndarray:
    """Positions of the points inside the bbox: a vectorised scan (≈10 ms at a million)."""
    return np.flatnonzero(_dans(c.position["latitude"], c.position["longitude"], bbox))


def _sommes(c: memoire.Colonnes, pos: np.ndarray, cellules: np.ndarray) -> list[tuple]:
    """(cell, count, sum of latitudes, sum of longitudes, sum of ids) of the points at
    ``pos`` grouped by ``cellules``: the same sums as the pre-aggregated cells (for a single
    point, the sum of ids is its id)."""
    if not len(pos):
        return []
    uniques, inverse, nombres = np.unique(cellules, return_inverse=True, return_counts=True)
    sommes = [
        np.bincount(inverse, weights=v[pos]) for v in (c.position["latitude"], c.position["longitude"], c.ids)
    ]
    return [
        (int(cel), int(n), float(sl), float(so), int(round(sid)))
        for cel, n, sl, so, sid in zip(uniques, nombres, *sommes, strict=True)
    ]


def _direct_memoire(bbox: geo.Bbox, niveau: int, filtres: Filtres) -> list[tuple]:
    """Live clusters grouped in memory (``memoire.py``): over the text matches when there is
    a text, else over the points inside the bbox (a vectorised scan of the positions, ≈10 ms
    at a million, whatever the density on screen); then the other filters; then one
    ``unique`` over the cells. The tests compare it with the same grouping done in SQL."""
    if filtres.mots:
        c, pos = texte.positions_correspondances(filtres)
        pos = pos[_dans(c.position["latitude"][pos], c.position["longitude"][pos], bbox)]
    else:
        c = memoire.colonnes()
        pos = _dans_bbox(c, bbox)
        if filtres.a_valeurs:
            pos = pos[texte.masque(c, pos, filtres)]
    cellules = c.position["cle"][pos] >> (2 * (geo.NIVEAU_MAX - niveau))
    return [
        (n, sl / n, so / n, sid if n == 1 else None) for _cel, n, sl, so, sid in _sommes(c, pos, cellules)
    ]


def _noms(ids: list[int]) -> dict[int, str]:
    noms = {}
    with connection.cursor() as c:
        for i in range(0, len(ids), 500):
            lot = ids[i : i + 500]
            c.execute(
                (
                    f"SELECT structure_id, nom FROM carte_pointcarte WHERE structure_id IN "
                    f"({', '.join(['%s'] * len(lot))})"
                ),
                lot,
            )
            noms.update(c.fetchall())
    return noms


def features(bbox: geo.Bbox, zoom: int, filtres: Filtres) -> dict:
    niveau = niveau_pour(zoom)
    cle = filtres.cle_agregee()
    # Above the aggregated levels, the in-memory grouping of the points in view (≈20 ms for
    # 80,000 points) is cheaper than reading and refining hundreds of small cells.
    if cle is not None and niveau in NIVEAUX_AGREGES:
        groupes, methode = _agrege(bbox, niveau, cle, filtres), "agregats"
    else:
        groupes, methode = _direct_memoire(bbox, niveau, filtres), "direct"
    noms = _noms([sid for *_, sid in groupes if sid is not None])
    resultat, total = [], 0
    for n, lat, lon, sid in sorted(groupes, key=lambda g: (-g[0], g[1], g[2])):
        total += n
        coords = [round(lon, 6), round(lat, 6)]
        if sid is not None:
            proprietes = {"cluster": False, "count": 1, "id": sid, "nom": noms.get(sid, "")}
        else:
            proprietes = {"cluster": True, "count": n}
        resultat.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": coords},
                "properties": proprietes,
            }
        )
    return {
        "type": "FeatureCollection",
        "features": resultat,
        "count": total,
        "zoom": zoom,
        "niveau": niveau,
        "methode": methode,
    }
