"""SQLite rebuild of the map index beside the live one, swapped in by one short transaction.

SQLite has one write lock for the whole database. The rebuild therefore writes the new
index into side tables (``<table>__neuf``, with their indexes and their own full-text
table) in transactions of a fraction of a second, while visitors keep reading — and the
incremental indexer keeps writing — the live tables. The swap renames the tables in one
transaction (milliseconds), then re-indexes the structures changed meanwhile (read from
``carte_journalindex``); the old tables are emptied and dropped in short transactions.
"""

import re

from essaim.commun.flux import ecrire_en_masse, ecriture, ecritures_courtes

from ..recherche import sqlite as fts
from . import memoire

NEUF, VIEUX = "__neuf", "__vieux"
TABLES = [
    "carte_pointcarte",
    "carte_cellulecarte",
    "carte_comptefacette",
    "carte_motvocabulaire",
    "carte_variantemot",
]
TAILLE_ECRITURE = 2_000  # rows per insert statement (transactions group them up to ~0.5 s)
TAILLE_SUPPRESSION = 5_000  # rows per delete statement of the old tables
COLONNES_FTS = ", ".join(fts.COLONNES)


def _schema(curseur, table: str) -> tuple[str, list[tuple[str, str]]]:
    """CREATE TABLE statement of ``table`` and (name, CREATE INDEX) of its explicit indexes."""
    curseur.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
    creation = curseur.fetchone()[0]
    curseur.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
        [table],
    )
    return creation, curseur.fetchall()


def _renommer(sql: str, ancien: str, nouveau: str) -> str:
    """``sql`` with the identifier ``ancien`` (quoted or not) replaced by ``nouveau``."""
    return re.sub(rf'"{re.escape(ancien)}"|(?<![\w"]){re.escape(ancien)}(?![\w"])', f'"{nouveau}"', sql)


def _nom_a_cote(nom: str) -> str:
    """Index names are global in SQLite: a side table's index takes the live one's name with
    ``__neuf`` added, or removed — names alternate between rebuilds, and
    ``normaliser_noms_index`` (before ``migrate``) gives them back the model's names."""
    return nom.removesuffix(NEUF) if nom.endswith(NEUF) else nom + NEUF


def normaliser_noms_index(curseur) -> int:
    """Recreate under the model's name every live index a rebuild left as ``<nom>__neuf``,
    so that migrations find the names they know. Run before ``migrate`` (a maintenance
    moment: each CREATE INDEX holds the write lock while it sorts the table)."""
    curseur.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE %s ESCAPE '!' "
        f"AND tbl_name IN ({', '.join(['%s'] * len(TABLES))})",
        ["%!_!_neuf", *TABLES],
    )
    a_renommer = curseur.fetchall()
    for nom, _table, sql in a_renommer:
        with ecriture():
            curseur.execute(_renommer(sql, nom, nom.removesuffix(NEUF)))
            curseur.execute(f'DROP INDEX "{nom}"')
    return len(a_renommer)


def _tables_existantes(curseur) -> set[str]:
    curseur.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {r[0] for r in curseur.fetchall()}


def preparer(curseur) -> int:
    """Create empty side tables shaped like the live ones (leftovers of an interrupted run
    are dropped first); return the last journal row, where the replay will start."""
    supprimer(curseur, NEUF)
    supprimer(curseur, VIEUX)
    with ecriture():
        curseur.execute("SELECT COALESCE(MAX(id), 0) FROM carte_journalindex")
        depart = curseur.fetchone()[0]
        for table in TABLES:
            creation, index = _schema(curseur, table)
            curseur.execute(_renommer(creation, table, table + NEUF))
            for nom, sql in index:
                curseur.execute(_renommer(_renommer(sql, table, table + NEUF), nom, _nom_a_cote(nom)))
        curseur.execute(fts.SQL_CREATION[0].replace(fts.TABLE, fts.TABLE + NEUF))
        curseur.execute(fts.SQL_CREATION[1].replace(fts.TABLE, fts.TABLE + NEUF))
    return depart


def ecrire_lignes(curseur, table: str, colonnes: list[str], lignes: list, sans_doublon: bool = False):
    """Append rows in the caller's transaction (``sans_doublon``: skip rows already there)."""
    if not sans_doublon:
        ecrire_en_masse(curseur, table, colonnes, lignes)
    elif lignes:
        marques = ", ".join(["%s"] * len(colonnes))
        curseur.executemany(
            f"INSERT INTO {table} ({', '.join(colonnes)}) VALUES ({marques}) ON CONFLICT DO NOTHING", lignes
        )


def inserer(curseur, table: str, colonnes: list[str], lignes: list, sans_doublon: bool = False) -> None:
    """Append rows to a side table in short transactions (``ecritures_courtes``)."""
    with ecritures_courtes() as tranche:
        for i in range(0, len(lignes), TAILLE_ECRITURE):
            ecrire_lignes(curseur, table, colonnes, lignes[i : i + TAILLE_ECRITURE], sans_doublon)
            tranche.suite()


def remplir_plein_texte(curseur, taille: int = 1000) -> None:
    """Index the side point table in the side full-text table, ``taille`` rows at a time."""
    borne = -1
    with ecritures_courtes() as tranche:
        while True:
            curseur.execute(
                f"SELECT MAX(structure_id) FROM (SELECT structure_id FROM carte_pointcarte{NEUF} "
                "WHERE structure_id > %s ORDER BY structure_id LIMIT %s)",
                [borne, taille],
            )
            fin = curseur.fetchone()[0]
            if fin is None:
                return
            curseur.execute(
                f"INSERT INTO {fts.TABLE}{NEUF}(rowid, {COLONNES_FTS}) SELECT structure_id, {COLONNES_FTS} "
                f"FROM carte_pointcarte{NEUF} WHERE structure_id > %s AND structure_id <= %s",
                [borne, fin],
            )
            borne = fin
            tranche.suite()


def echanger(curseur, depart: int) -> list[int]:
    """Swap the side tables in (one transaction); return the structures whose index rows
    changed in the live tables since ``depart`` (to re-index in the new ones)."""
    # Legacy renames only rename: the modern ALTER TABLE re-parses and rewrites the whole
    # schema at each rename (≈ 0.1 s each, a second for the swap). Nothing refers to these
    # tables (no view, no foreign key; the triggers are dropped first and re-created after).
    curseur.execute("PRAGMA legacy_alter_table = ON")
    try:
        return _echanger(curseur, depart)
    finally:
        curseur.execute("PRAGMA legacy_alter_table = OFF")


def _echanger(curseur, depart: int) -> list[int]:
    with ecriture():
        curseur.execute(
            "SELECT DISTINCT structure_id FROM carte_journalindex WHERE id > %s AND structure_id > 0",
            [depart],
        )
        changees = [r[0] for r in curseur.fetchall()]
        for sql in fts.SQL_SUPPRESSION[:3]:  # triggers of the live point table
            curseur.execute(sql)
        for table in [*TABLES, fts.TABLE]:
            curseur.execute(f'ALTER TABLE "{table}" RENAME TO "{table}{VIEUX}"')
            curseur.execute(f'ALTER TABLE "{table}{NEUF}" RENAME TO "{table}"')
        for sql in fts.SQL_CREATION[2:]:  # triggers on the new point table
            curseur.execute(sql)
        memoire.reinitialiser(curseur)
    return changees


def rattraper(changees: list[int]) -> None:
    """Re-index, in the new tables, the structures changed during the rebuild."""
    from .indexation import indexer

    with ecritures_courtes() as tranche:
        for structure_id in changees:
            indexer(structure_id)
            tranche.suite()


def supprimer(curseur, suffixe: str) -> None:
    """Drop the ``suffixe`` tables: indexes first, rows in short transactions, then the
    (now small) tables — a DROP of a large table frees every page in one transaction."""
    existantes = _tables_existantes(curseur)
    fts_table = fts.TABLE + suffixe
    if fts_table in existantes:
        # Shadow tables of the full-text index: emptied like the others, then dropped with it.
        # Pages of the segments and document sizes go; the averages (id 1) and structure
        # (id 10) records stay, the table must still open to be dropped. (_idx: small.)
        _vider(curseur, f"{fts_table}_data", "rowid > 10")
        _vider(curseur, f"{fts_table}_docsize")
        with ecriture():
            curseur.execute(f'DROP TABLE IF EXISTS "{fts_table}"')
    for table in TABLES:
        nom = table + suffixe
        if nom not in existantes:
            continue
        _, index = _schema(curseur, nom)
        for index_nom, _sql in index:
            with ecriture():
                curseur.execute(f'DROP INDEX IF EXISTS "{index_nom}"')
        _vider(curseur, nom)
        with ecriture():
            curseur.execute(f'DROP TABLE IF EXISTS "{nom}"')


def _vider(curseur, table: str, condition: str = "1") -> None:
    with ecritures_courtes() as tranche:
        while True:
            curseur.execute(
                f'DELETE FROM "{table}" WHERE rowid IN '
                f'(SELECT rowid FROM "{table}" WHERE {condition} LIMIT %s)',
                [TAILLE_SUPPRESSION],
            )
            if curseur.rowcount < TAILLE_SUPPRESSION:
                return
            tranche.suite()


def analyser(curseur) -> None:
    """Fresh planner statistics (sampled), one table per transaction."""
    curseur.execute("PRAGMA analysis_limit = 1000")
    curseur.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%'"
    )
    # Read the list before the first transaction: a statement still open would hold an old
    # snapshot, and a snapshot older than another process's commit cannot become a writer
    # (SQLITE_BUSY_SNAPSHOT, "database is locked").
    tables = [r[0] for r in curseur.fetchall()]
    with ecritures_courtes() as tranche:
        for table in tables:
            curseur.execute(f'ANALYZE "{table}"')
            tranche.suite()
