"""SQLite FTS5 backend (external content over carte_pointcarte, kept in sync by triggers)."""

from django.db import connection

from .base import MoteurRecherche, Terme
from .texte import LONGUEUR_MIN_CORRECTION, suppressions

TABLE = "carte_recherche"
COLONNES = ("texte_nom", "texte_themes", "texte_lieu", "texte_description")
POIDS = "bm25(10.0, 4.0, 3.0, 1.0)"

_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS carte_recherche_ai AFTER INSERT ON carte_pointcarte BEGIN
        INSERT INTO {TABLE}(rowid, {", ".join(COLONNES)})
        VALUES (new.structure_id, {", ".join("new." + c for c in COLONNES)});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS carte_recherche_ad AFTER DELETE ON carte_pointcarte BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, {", ".join(COLONNES)})
        VALUES ('delete', old.structure_id, {", ".join("old." + c for c in COLONNES)});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS carte_recherche_au AFTER UPDATE ON carte_pointcarte BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, {", ".join(COLONNES)})
        VALUES ('delete', old.structure_id, {", ".join("old." + c for c in COLONNES)});
        INSERT INTO {TABLE}(rowid, {", ".join(COLONNES)})
        VALUES (new.structure_id, {", ".join("new." + c for c in COLONNES)});
    END""",
]

SQL_CREATION = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(
        {", ".join(COLONNES)}, content='carte_pointcarte', content_rowid='structure_id',
        tokenize='unicode61', prefix='3')""",
    f"INSERT INTO {TABLE}({TABLE}, rank) VALUES('rank', '{POIDS}')",
    *_TRIGGERS,
]
SQL_SUPPRESSION = [
    "DROP TRIGGER IF EXISTS carte_recherche_ai",
    "DROP TRIGGER IF EXISTS carte_recherche_ad",
    "DROP TRIGGER IF EXISTS carte_recherche_au",
    f"DROP TABLE IF EXISTS {TABLE}",
]


class MoteurSQLite(MoteurRecherche):
    nom = "sqlite-fts5"

    def avant_reconstruction(self, curseur):
        for sql in SQL_SUPPRESSION[:3]:
            curseur.execute(sql)

    def apres_reconstruction(self, curseur, collecte=None):
        for sql in _TRIGGERS:
            curseur.execute(sql)
        curseur.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES('rebuild')")

    def expression(self, termes: list[Terme]) -> str:
        groupes = []
        for t in termes:
            alts = [f'"{m}"*' if p else f'"{m}"' for m, p in t.alternatives]
            groupes.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
        return " AND ".join(groupes)

    def sql_ids(self, mots):
        return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [self.expression(self.resoudre(mots))]

    def ids_texte(self, termes, nom_seulement=False):
        expr = self.expression(termes)
        if nom_seulement:
            expr = f"{{texte_nom}} : ({expr})"
        with connection.cursor() as c:
            c.execute(f"SELECT group_concat(rowid, ' ') FROM {TABLE} WHERE {TABLE} MATCH %s", [expr])
            return self._tableau(c.fetchone()[0])

    def ids_classes(self, termes, limite, ids=None):  # FTS5 ranks straight from its index
        with connection.cursor() as c:
            c.execute(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY rank, rowid LIMIT %s",
                [self.expression(termes), limite],
            )
            return [r[0] for r in c.fetchall()]

    def candidats(self, mot):
        if len(mot) < LONGUEUR_MIN_CORRECTION:
            return []
        cles = sorted(suppressions(mot))
        with connection.cursor() as c:
            c.execute(
                "SELECT DISTINCT v.mot, m.frequence FROM carte_variantemot v "
                "JOIN carte_motvocabulaire m ON m.mot = v.mot "
                f"WHERE v.variante IN ({', '.join(['%s'] * len(cles))})",
                cles,
            )
            return c.fetchall()

    def ajouter_vocabulaire(self, curseur, mots):
        super().ajouter_vocabulaire(curseur, mots)
        paires = self.variantes(mots)
        if paires:
            curseur.executemany(
                "INSERT INTO carte_variantemot (variante, mot) VALUES (%s, %s) "
                "ON CONFLICT (variante, mot) DO NOTHING",
                paires,
            )
