"""Bulk rebuild of the index (``manage.py reindexer_carte``), streaming in id chunks.

Cost is linear in N: one pass over the structures (rows computed in Python in a thread
while the previous batch is written with executemany on SQLite / COPY on PostgreSQL), then,
over the in-memory filter columns (``memoire.charger``), the cluster cells of every key
(points sorted once by finest cell, ``reduceat`` sums, each coarser level summed from the
one below) and the facet pair counts (2-D ``bincount`` and boolean masks)."""

import time
from collections import Counter
from operator import itemgetter

import numpy as np
from django.db import connection, transaction

from essaim.commun.flux import (
    ecrire_en_masse,
    ecriture,
    ecritures_courtes,
    en_avance,
    travail_courant,
    travail_de_masse,
)

from ..models import CodeBit, PointCarte
from ..recherche import moteur
from . import codes as codes_service
from . import echange, memoire
from .indexation import COLONNES, NIVEAUX_AGREGES, Vocabulaires, mots_de, sources, tables_sources

TAILLE_LOT = 5000


_VALEURS = itemgetter(*COLONNES)


def _inserer(curseur, table: str, colonnes: list[str], lignes: list, sans_doublon: bool = False):
    """Append rows: inside the rebuild's transaction (PostgreSQL), or into a SQLite side
    table in short transactions (``echange.inserer``)."""
    if connection.vendor != "sqlite":
        echange.ecrire_lignes(curseur, table, colonnes, lignes, sans_doublon)
    else:
        echange.inserer(curseur, table, colonnes, lignes, sans_doublon)


def _ecrire(curseur, lignes: list[dict]):
    ecrire_en_masse(curseur, "carte_pointcarte", COLONNES, [_VALEURS(r) for r in lignes])


def _cles(c: memoire.Colonnes, pos: np.ndarray):
    """(filter key, boolean mask over ``pos``) of every pre-aggregated key but '' (the
    same keys as ``cles_facettes``)."""
    for dim in ("famille", "region", "departement"):
        codes = c.codes[dim][pos]
        for k in np.unique(codes).tolist():
            if k:
                yield f"{dim}:{c.valeurs[dim][k]}", codes == k
    yield from _cles_masques(c, pos)


def _cles_masques(c: memoire.Colonnes, pos):
    """(key, boolean mask over ``pos``) of the thèmes, transitions and agréments carried."""
    for dim in ("theme", "transition", "agrement"):
        colonne = c.bits[f"{dim}s_bits"][pos]
        for code, b in sorted(codes_service.bits(dim).items()):
            if b >= codes_service.DEBORDEMENT:  # shared bit: the exact code
                masque = np.isin(c.ids[pos], codes_service.ids_portant(dim, [code]))
            else:
                masque = (colonne & (1 << b)) != 0
            if masque.any():
                yield f"{dim}:{code}", masque


def _agreger(curseur, c: memoire.Colonnes, suffixe: str = ""):
    """The cluster cells of every key and aggregated level, from the in-memory columns:
    points sorted once by finest cell, then per key a mask and ``reduceat`` sums; each
    coarser level sums the one below (Morton order keeps parents contiguous)."""
    fin, debut = max(NIVEAUX_AGREGES), min(NIVEAUX_AGREGES)
    pos = np.flatnonzero(c.position["cle"] >= 0)
    cellules = c.position["cle"][pos] >> (2 * (22 - fin))
    ordre = np.argsort(cellules, kind="stable")
    pos, cellules = pos[ordre], cellules[ordre]
    valeurs = (c.position["latitude"][pos], c.position["longitude"][pos], c.ids[pos])
    colonnes = ["cle_filtre", "niveau", "cellule", "nombre", "somme_lat", "somme_lon", "somme_id"]

    def ajouter(cle: str, masque):
        lignes = []
        cel = cellules if masque is None else cellules[masque]
        nombres = np.ones(len(cel), dtype=np.int64)
        sommes = [v if masque is None else v[masque] for v in valeurs]
        for niveau in range(fin, debut - 1, -1):
            if niveau < fin:
                cel = cel >> 2
            if not len(cel):
                break
            debuts = np.flatnonzero(np.concatenate(([True], cel[1:] != cel[:-1])))
            cel, nombres = cel[debuts], np.add.reduceat(nombres, debuts)
            sommes = [np.add.reduceat(s, debuts) for s in sommes]
            lignes.extend(
                zip(
                    [cle] * len(cel),
                    [niveau] * len(cel),
                    cel.tolist(),
                    nombres.tolist(),
                    *(s.tolist() for s in sommes),
                    strict=True,
                )
            )
        _inserer(curseur, f"carte_cellulecarte{suffixe}", colonnes, lignes)

    ajouter("", None)
    for cle, masque in _cles(c, pos):
        ajouter(cle, masque)


def _facettes(curseur, c: memoire.Colonnes, suffixe: str = ""):
    """Every (filter key, facet key) pair count, the same as ``cles_facettes`` row by row,
    vectorised over the in-memory columns: one-hot dimensions (famille, région,
    département) pair by 2-D ``bincount``, mask bits (thèmes, transitions, agréments) by
    boolean masks — ≈ 2 s at a million instead of a Python loop over ~10⁵ signatures."""
    paires: Counter = Counter()
    n = len(c.ids)
    if not n:
        return
    paires[("", "")] = n
    uns = [
        (dim, c.codes[dim].astype(np.int64), c.valeurs[dim]) for dim in ("famille", "region", "departement")
    ]
    multis = list(_cles_masques(c, slice(None)))

    def ajouter(a: str, b: str, nombre: int):
        paires[(a, b)] += nombre
        if a != b:
            paires[(b, a)] += nombre

    for i, (dim, codes, valeurs) in enumerate(uns):
        for v, nombre in enumerate(np.bincount(codes, minlength=len(valeurs)).tolist()):
            if v and nombre:
                ajouter("", f"{dim}:{valeurs[v]}", nombre)
                ajouter(f"{dim}:{valeurs[v]}", f"{dim}:{valeurs[v]}", nombre)
        for dim2, codes2, valeurs2 in uns[i + 1 :]:
            croise = np.bincount(codes * len(valeurs2) + codes2, minlength=len(valeurs) * len(valeurs2))
            for k in np.flatnonzero(croise).tolist():
                v, w = divmod(k, len(valeurs2))
                if v and w:
                    ajouter(f"{dim}:{valeurs[v]}", f"{dim2}:{valeurs2[w]}", int(croise[k]))
    for i, (cle, masque) in enumerate(multis):
        nombre = int(np.count_nonzero(masque))
        ajouter("", cle, nombre)
        ajouter(cle, cle, nombre)
        for dim, codes, valeurs in uns:
            for v, m in enumerate(np.bincount(codes[masque], minlength=len(valeurs)).tolist()):
                if v and m:
                    ajouter(cle, f"{dim}:{valeurs[v]}", m)
        for cle2, masque2 in multis[i + 1 :]:
            m = int(np.count_nonzero(masque & masque2))
            if m:
                ajouter(cle, cle2, m)
    _inserer(
        curseur,
        f"carte_comptefacette{suffixe}",
        ["cle_filtre", "cle_facette", "nombre"],
        [(a, b, n) for (a, b), n in paires.items()],
    )


def _vocabulaire(curseur, frequences: Counter, suffixe: str = ""):
    _inserer(
        curseur,
        f"carte_motvocabulaire{suffixe}",
        ["mot", "frequence"],
        [(m, f) for m, f in frequences.items() if len(m) <= 60],
    )
    if connection.vendor == "sqlite":
        paires = moteur().variantes(m for m in frequences if len(m) <= 60)
        _inserer(curseur, f"carte_variantemot{suffixe}", ["variante", "mot"], paires, sans_doublon=True)


def reconstruire(stdout=None, taille: int = TAILLE_LOT) -> int:
    """Rebuild the whole index from the directory; return the number of indexed structures.

    PostgreSQL: one transaction (row locks only; readers see the old index until commit).
    SQLite: into side tables in short transactions, swapped in at the end
    (``echange``), so that visitors' writes never wait more than a fraction of a second."""

    def dire(message):
        if travail_courant() is not None:
            travail_courant().etape = message
        if stdout is not None:
            stdout.write(
                f"[{time.monotonic() - debut:6.1f} s, CPU {time.process_time() - cpu:6.1f} s] {message}"
            )

    debut, cpu = time.monotonic(), time.process_time()
    with travail_de_masse("reconstruction de l'index de la carte") as travail:
        codes_service.vider_cache()
        voc = Vocabulaires()
        # Assign bits to every known code up front, so masks are stable and complete.
        vocabulaires = (("theme", voc.themes), ("transition", voc.transitions), ("agrement", voc.agrements))
        for dim, table in vocabulaires:
            for t in sorted(table.values(), key=lambda t: t["code"]):
                codes_service.bit(dim, t["code"])
        for dim, table in vocabulaires:
            libelles = {t["code"]: t["libelle"] for t in table.values()}
            for cb in CodeBit.objects.filter(dimension=dim):
                if libelles.get(cb.code, cb.libelle) != cb.libelle:
                    cb.libelle = libelles[cb.code]
                    cb.save(update_fields=["libelle"])
        for dim in ("theme", "transition", "agrement"):
            codes_service.bits(dim)  # cached now: rows are computed in a thread with no ORM access
        if connection.vendor == "sqlite":
            total = _reconstruire_a_cote(dire, taille, voc)
        else:
            total = _reconstruire_en_place(dire, taille, voc)
    dire(f"terminé ; {travail.resume()}.")
    return total


def _indexer_lots(
    curseur, taille, voc: Vocabulaires, frequences: Counter, collecte, ecrire, dire, en_parallele=True
) -> int:
    """Compute the rows in a thread (reading its own cursor of the same connection) while
    ``ecrire`` writes the previous batch: Python and the database work on two cores.
    Without ``en_parallele`` (short SQLite transactions), one after the other: a thread
    computing rows would make the writer wait for the GIL at every row while it holds the
    database's write lock."""
    total = 0
    lecture = connection.cursor()
    try:
        lots = _lots(lecture, taille, voc, frequences, collecte)
        for lignes in en_avance(lots) if en_parallele else lots:
            ecrire(lignes)
            total += len(lignes)
            if total % (taille * 20) < taille:
                dire(f"{total} structures indexées")
    finally:
        lecture.close()
    return total


def _reconstruire_a_cote(dire, taille: int, voc: Vocabulaires) -> int:
    """SQLite: build beside the live index, every write transaction a fraction of a second
    (the secondary indexes are filled with the rows, never built in one long statement)."""
    frequences = Counter()
    with connection.cursor() as curseur:
        curseur.execute("PRAGMA cache_size = -400000")  # 400 MB page cache for bulk index writes
        depart = echange.preparer(curseur)
        dire("indexation des structures…")

        def ecrire(lignes):
            valeurs = [_VALEURS(r) for r in lignes]  # computed before taking the lock
            with ecriture():
                ecrire_en_masse(curseur, f"carte_pointcarte{echange.NEUF}", COLONNES, valeurs)

        # 1,000 rows with their eight index entries: ≈ 0.1 s of write lock.
        total = _indexer_lots(curseur, min(taille, 1000), voc, frequences, None, ecrire, dire, False)
        dire("colonnes en mémoire, agrégats des cellules…")
        colonnes = memoire.charger(table=f"carte_pointcarte{echange.NEUF}")
        # One series of short transactions for every side table (each ~0.5 s at most).
        with ecritures_courtes():
            _agreger(curseur, colonnes, echange.NEUF)
            dire("comptes de facettes…")
            _facettes(curseur, colonnes, echange.NEUF)
            del colonnes
            dire(f"vocabulaire ({len(frequences)} mots)…")
            _vocabulaire(curseur, frequences, echange.NEUF)
            dire("index plein texte…")
            echange.remplir_plein_texte(curseur)
        dire("échange des tables…")
        changees = echange.echanger(curseur, depart)
        echange.rattraper(changees)
        dire(f"{len(changees)} structure(s) modifiée(s) pendant la reconstruction réindexée(s) ; nettoyage…")
        echange.supprimer(curseur, echange.VIEUX)
        dire("statistiques (ANALYZE)…")
        echange.analyser(curseur)
    return total


def _reconstruire_en_place(dire, taille: int, voc: Vocabulaires) -> int:
    """PostgreSQL: one transaction; secondary indexes dropped, rebuilt sorted after the load."""
    m = moteur()
    collecte = m.collecteur()
    frequences = Counter()
    creer_index, supprimer_index = _sql_index_secondaires()
    with transaction.atomic(), connection.cursor() as curseur:
        # Sorts and hashes of the aggregates and index builds in memory, not on disk.
        curseur.execute("SET LOCAL work_mem = '256MB'")
        curseur.execute("SET LOCAL maintenance_work_mem = '512MB'")
        # Fresh statistics of the sources (sampled, < 1 s): after a bulk load, a planner
        # without them reads every published row for each 5,000-id batch (≈ 0.35 s each).
        curseur.execute(f"ANALYZE {', '.join(tables_sources().values())}, territoires_commune")
        m.avant_reconstruction(curseur)
        # Secondary indexes are rebuilt once, sorted, after the load (much cheaper than
        # maintaining eight B-trees row by row).
        for sql in supprimer_index:
            curseur.execute(sql)
        for table in (
            "carte_cellulecarte",
            "carte_comptefacette",
            "carte_variantemot",
            "carte_motvocabulaire",
        ):
            curseur.execute(f"DELETE FROM {table}")
        curseur.execute("DELETE FROM carte_pointcarte")
        total = _indexer_lots(
            curseur, taille, voc, frequences, collecte, lambda lignes: _ecrire(curseur, lignes), dire
        )
        dire(f"{total} structures indexées ; index secondaires…")
        for sql in creer_index:
            curseur.execute(sql)
        dire("colonnes en mémoire, agrégats des cellules…")
        colonnes = memoire.charger()
        _agreger(curseur, colonnes)
        dire("comptes de facettes…")
        _facettes(curseur, colonnes)
        del colonnes
        dire(f"vocabulaire ({len(frequences)} mots)…")
        _vocabulaire(curseur, frequences)
        dire("index plein texte…")
        m.apres_reconstruction(curseur, collecte)
        memoire.reinitialiser(curseur)
    return total


def _lots(curseur, taille: int, voc: Vocabulaires, frequences: Counter, collecte):
    """Index rows of the published structures, ``taille`` at a time in id order; counts
    their words and hands them to the search engine's collector on the way."""
    dernier = 0
    while True:
        curseur.execute(
            f"SELECT id FROM {tables_sources()['structure']} WHERE id > %s ORDER BY id LIMIT 1 OFFSET %s",
            [dernier, taille - 1],
        )
        borne = curseur.fetchone()
        if borne is None:
            lignes = sources(curseur, "s.id > %s", [dernier], voc)
        else:
            lignes = sources(curseur, "s.id > %s AND s.id <= %s", [dernier, borne[0]], voc)
        for r in lignes:
            mots = mots_de(r)
            frequences.update(mots)
            if collecte is not None:
                collecte.ajouter(r["structure_id"], mots, r["texte_nom"])
        if lignes:
            yield lignes
        if borne is None:
            return
        dernier = borne[0]


def _sql_index_secondaires() -> tuple[list[str], list[str]]:
    """(CREATE, DROP) statements of the point table's indexes, from the model's Meta."""
    q = connection.ops.quote_name
    table = q(PointCarte._meta.db_table)
    creer, supprimer = [], []
    for index in PointCarte._meta.indexes:
        colonnes = ", ".join(q(PointCarte._meta.get_field(f).column) for f in index.fields)
        creer.append(f"CREATE INDEX IF NOT EXISTS {q(index.name)} ON {table} ({colonnes})")
        supprimer.append(f"DROP INDEX IF EXISTS {q(index.name)}")
    return creer, supprimer
