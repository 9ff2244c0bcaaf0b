"""Filter columns of the index held in memory, for text queries at national scale.

A text query can match a quarter of a million structures. Counting them under other
filters, computing their facets or paging through them by joining the full-text matches
back to ``carte_pointcarte`` costs a B-tree probe per match (≈0.5 µs each, 140 ms at 250k).
Instead each process keeps the few filter columns of every indexed structure as numpy
arrays sorted by id (≈40 bytes per structure: 40 MB at a million), and a text query becomes:
the sorted ids of the full-text matches (one aggregate query, ≈30 ms at 250k matches), a
vectorised mask of the other filters, and ``bincount``s for the facets.

Freshness: every change of the index appends a row to ``carte_journalindex`` (id, structure,
random token). A process remembers the last row it applied; on each use it reads the rows
after it (an index range read, usually empty) and patches its arrays, or reloads them all
when its last row is gone or carries another token (index rebuilt, journal pruned, or a
rolled-back transaction in tests).
"""

import contextlib
import ctypes
import secrets
import threading
from dataclasses import dataclass

import numpy as np
from django.db import connection

from . import codes as codes_service

DIMENSIONS_CODE = ("famille", "region", "departement", "epci", "commune")
DIMENSIONS_BITS = ("themes_bits", "transitions_bits", "agrements_bits")
DIMENSIONS_POSITION = ("latitude", "longitude", "cle")
COLONNES = ("structure_id", *DIMENSIONS_CODE, *DIMENSIONS_BITS, *DIMENSIONS_POSITION)
MORCEAU = 20_000  # rows per chunk when loading
PATCH_MAX = 20_000  # above this many journal rows, reloading is cheaper than patching
JOURNAL_GARDE = 50_000  # journal rows kept when pruning


def journaliser(curseur, structure_ids) -> None:
    """Record that these structures' index rows changed (called by the indexer)."""
    lignes = [(int(i), secrets.token_hex(4)) for i in structure_ids]
    if lignes:
        curseur.executemany("INSERT INTO carte_journalindex (structure_id, jeton) VALUES (%s, %s)", lignes)
    if secrets.randbelow(1000) == 0:  # keep the journal short, now and then
        curseur.execute(
            "DELETE FROM carte_journalindex WHERE id < (SELECT MAX(id) FROM carte_journalindex) - %s",
            [JOURNAL_GARDE],
        )


def reinitialiser(curseur) -> None:
    """After a bulk rebuild: empty the journal and leave one row that forces a reload."""
    curseur.execute("DELETE FROM carte_journalindex")
    journaliser(curseur, [0])


@dataclass
class Colonnes:
    ids: np.ndarray  # int64, sorted
    codes: dict[str, np.ndarray]  # dimension -> uint16 index into valeurs[dimension] (35k communes)
    valeurs: dict[str, list[str]]
    index: dict[str, dict[str, int]]
    bits: dict[str, np.ndarray]  # int64 masks
    position: dict[str, np.ndarray]  # latitude, longitude (float64, NaN if none), cle (int64, -1)
    dernier: int = 0  # last journal row applied
    jeton: str = ""

    def positions(self, ids: np.ndarray) -> np.ndarray:
        """Positions of ``ids`` (sorted, all present) in the arrays."""
        return np.searchsorted(self.ids, ids)

    def code(self, dimension: str, valeur: str) -> int:
        return self.index[dimension].get(valeur, -1)


def _lire(curseur, condition: str, params, limite: int | None = None, table="carte_pointcarte"):
    curseur.execute(
        f"SELECT {', '.join(COLONNES)} FROM {table} WHERE {condition} ORDER BY structure_id"
        + (" LIMIT %s" if limite else ""),
        [*params, *([limite] if limite else [])],
    )
    return curseur.fetchall()


def _colonne(lignes: list[tuple], k: int, dtype, defaut) -> np.ndarray:
    return np.fromiter((defaut if r[k] is None else r[k] for r in lignes), dtype=dtype, count=len(lignes))


def _construire(lignes: list[tuple], valeurs=None, index=None) -> Colonnes:
    valeurs = valeurs or {d: [""] for d in DIMENSIONS_CODE}
    index = index or {d: {"": 0} for d in DIMENSIONS_CODE}
    n = len(lignes)
    ids = np.fromiter((r[0] for r in lignes), dtype=np.int64, count=n)
    codes = {}
    for k, dim in enumerate(DIMENSIONS_CODE, start=1):
        table, liste = index[dim], valeurs[dim]

        def indice(v, table=table, liste=liste):
            v = v or ""
            i = table.get(v)
            if i is None:
                i = table[v] = len(liste)
                liste.append(v)
            return i

        codes[dim] = np.fromiter((indice(r[k]) for r in lignes), dtype=np.uint16, count=n)
    bits = {
        dim: _colonne(lignes, k, np.int64, 0)
        for k, dim in enumerate(DIMENSIONS_BITS, start=1 + len(DIMENSIONS_CODE))
    }
    k = 1 + len(DIMENSIONS_CODE) + len(DIMENSIONS_BITS)
    position = {
        "latitude": _colonne(lignes, k, np.float64, float("nan")),
        "longitude": _colonne(lignes, k + 1, np.float64, float("nan")),
        "cle": _colonne(lignes, k + 2, np.int64, -1),
    }
    return Colonnes(ids=ids, codes=codes, valeurs=valeurs, index=index, bits=bits, position=position)


def _dernier_journal(curseur) -> tuple[int, str]:
    curseur.execute("SELECT id, jeton FROM carte_journalindex ORDER BY id DESC LIMIT 1")
    ligne = curseur.fetchone()
    return (ligne[0], ligne[1]) if ligne else (0, "")


def _assembler(morceaux: list[Colonnes], garder=None, ordre=None) -> Colonnes:
    """One set of arrays from several (rows of ``morceaux[0]`` selected by ``garder``, the
    result reordered by ``ordre``); vocabularies are shared, they only grow."""

    def colle(extraire) -> np.ndarray:
        parties = [extraire(m) for m in morceaux]
        if garder is not None:
            parties[0] = parties[0][garder]
        tout = np.concatenate(parties)
        return tout if ordre is None else tout[ordre]

    premier = morceaux[0]
    return Colonnes(
        ids=colle(lambda m: m.ids),
        codes={d: colle(lambda m, d=d: m.codes[d]) for d in DIMENSIONS_CODE},
        valeurs=premier.valeurs,
        index=premier.index,
        bits={d: colle(lambda m, d=d: m.bits[d]) for d in DIMENSIONS_BITS},
        position={d: colle(lambda m, d=d: m.position[d]) for d in DIMENSIONS_POSITION},
    )


def charger(morceau: int = MORCEAU, table: str = "carte_pointcarte") -> Colonnes:
    """Every indexed structure's columns, read in id-ordered chunks: the Python rows of one
    chunk at a time only (a million rows as tuples would take ~700 MB). ``table``: the
    SQLite rebuild's side table."""
    valeurs = {d: [""] for d in DIMENSIONS_CODE}
    index = {d: {"": 0} for d in DIMENSIONS_CODE}
    morceaux = [_construire([], valeurs, index)]
    with connection.cursor() as curseur:
        dernier, jeton = _dernier_journal(curseur)
        borne = -1
        while True:
            lignes = _lire(curseur, "structure_id > %s", [borne], limite=morceau, table=table)
            if not lignes:
                break
            morceaux.append(_construire(lignes, valeurs, index))
            borne = lignes[-1][0]
            del lignes
    colonnes = _assembler(morceaux)
    colonnes.dernier, colonnes.jeton = dernier, jeton
    del morceaux
    _rendre_memoire()
    return colonnes


def _libc(fonction: str, *arguments) -> None:
    """Call a glibc allocator function; a no-op where there is no glibc."""
    with contextlib.suppress(OSError, AttributeError):
        getattr(ctypes.CDLL("libc.so.6"), fonction)(*arguments)


def _rendre_memoire() -> None:
    """Give the freed row objects back to the system (glibc keeps them otherwise)."""
    _libc("malloc_trim", 0)


def regler_allocateur() -> None:
    """For long-lived web workers: large temporary arrays (text queries over hundreds of
    thousands of matches) are mmap-ed and given back when freed, instead of glibc's dynamic
    threshold keeping them in the heap, so resident memory stays close to what is held."""
    m_trim_threshold, m_mmap_threshold = -1, -3
    _libc("mallopt", m_mmap_threshold, 256 * 1024)
    _libc("mallopt", m_trim_threshold, 1024 * 1024)


def _patcher(colonnes: Colonnes, curseur, changes: set[int]) -> Colonnes:
    ids = sorted(changes)
    frais = []
    for debut in range(0, len(ids), 500):
        morceau = ids[debut : debut + 500]
        frais += _lire(curseur, f"structure_id IN ({', '.join(['%s'] * len(morceau))})", morceau)
    neuves = _construire(frais, colonnes.valeurs, colonnes.index)
    garder = ~np.isin(colonnes.ids, np.asarray(ids, dtype=np.int64))
    ordre = np.argsort(np.concatenate([colonnes.ids[garder], neuves.ids]), kind="stable")
    # A new object: other threads may be reading the current one.
    return _assembler([colonnes, neuves], garder, ordre)


class _Cache:
    colonnes: Colonnes | None = None
    alias: str | None = None


_cache = _Cache()
_verrou = threading.Lock()


def colonnes() -> Colonnes:
    """This process's arrays, brought up to date with the journal."""
    with _verrou:
        c = _cache.colonnes
        if c is None or _cache.alias != connection.settings_dict.get("NAME"):
            codes_service.vider_cache()
            _cache.colonnes, _cache.alias = charger(), connection.settings_dict.get("NAME")
            return _cache.colonnes
        with connection.cursor() as curseur:
            curseur.execute(
                "SELECT id, structure_id, jeton FROM carte_journalindex WHERE id >= %s ORDER BY id LIMIT %s",
                [c.dernier, PATCH_MAX + 1],
            )
            lignes = curseur.fetchall()
            premier_ok = bool(lignes) and lignes[0][0] == c.dernier and lignes[0][2] == c.jeton
            if c.dernier == 0 and not lignes:
                return c  # empty journal, empty index: nothing changed
            if len(lignes) > 1 or not premier_ok:
                codes_service.vider_cache()  # the index changed: maybe new codes with new bits
            if not premier_ok or len(lignes) > PATCH_MAX or any(r[1] == 0 for r in lignes[1:]):
                _cache.colonnes = charger()
                return _cache.colonnes
            if len(lignes) > 1:
                c = _patcher(c, curseur, {r[1] for r in lignes[1:]})
                c.dernier, c.jeton = lignes[-1][0], lignes[-1][2]
                _cache.colonnes = c
        return c


def oublier() -> None:
    """Drop this process's arrays (tests, after a bulk rebuild in the same process)."""
    _cache.colonnes = None
