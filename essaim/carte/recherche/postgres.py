# ruff: noqa: E501
"""PostgreSQL backend: weighted tsvector (generated column + GIN) and pg_trgm for typos."""

from django.db import connection

from .base import MoteurRecherche, Terme

VECTEUR = (
    "setweight(to_tsvector('simple', coalesce(texte_nom, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce(texte_themes, '')), 'B') || "
    "setweight(to_tsvector('simple', coalesce(texte_lieu, '')), 'B') || "
    "setweight(to_tsvector('simple', coalesce(texte_description, '')), 'D')"
)
SQL_CREATION = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"ALTER TABLE carte_pointcarte ADD COLUMN IF NOT EXISTS vecteur tsvector GENERATED ALWAYS AS ({VECTEUR}) STORED",
    "CREATE INDEX IF NOT EXISTS carte_point_vecteur ON carte_pointcarte USING gin (vecteur)",
    "CREATE INDEX IF NOT EXISTS carte_mot_trgm ON carte_motvocabulaire USING gin (mot gin_trgm_ops)",
]
SQL_SUPPRESSION = [
    "DROP INDEX IF EXISTS carte_mot_trgm",
    "DROP INDEX IF EXISTS carte_point_vecteur",
    "ALTER TABLE carte_pointcarte DROP COLUMN IF EXISTS vecteur",
]


class MoteurPostgres(MoteurRecherche):
    nom = "postgresql-tsvector-trgm"

    def avant_reconstruction(self, curseur):
        curseur.execute("DROP INDEX IF EXISTS carte_point_vecteur")

    def apres_reconstruction(self, curseur):
        curseur.execute(SQL_CREATION[2])
        curseur.execute("ANALYZE carte_pointcarte")

    def expression(self, termes: list[Terme], poids: str = "") -> str:
        groupes = []
        for t in termes:
            alts = [f"{m}:*{poids}" if p else (f"{m}:{poids}" if poids else m) for m, p in t.alternatives]
            groupes.append(alts[0] if len(alts) == 1 else "(" + " | ".join(alts) + ")")
        return " & ".join(groupes)

    def sql_ids(self, mots):
        expr = self.expression(self.resoudre(mots))
        return (
            "SELECT structure_id FROM carte_pointcarte WHERE vecteur @@ to_tsquery('simple', %s)",
            [expr],
        )

    def ids_texte(self, termes, nom_seulement=False):
        expr = self.expression(termes, poids="A" if nom_seulement else "")
        with connection.cursor() as c:
            c.execute(
                "SELECT string_agg(structure_id::text, ' ' ORDER BY structure_id) FROM carte_pointcarte "
                "WHERE vecteur @@ to_tsquery('simple', %s)",
                [expr],
            )
            return self._tableau(c.fetchone()[0])

    def ids_classes(self, termes, limite):
        expr = self.expression(termes)
        with connection.cursor() as c:
            c.execute(
                "SELECT structure_id FROM carte_pointcarte WHERE vecteur @@ to_tsquery('simple', %s) "
                "ORDER BY ts_rank(vecteur, to_tsquery('simple', %s)) DESC, nom, structure_id LIMIT %s",
                [expr, expr, limite],
            )
            return [r[0] for r in c.fetchall()]

    def candidats(self, mot):
        with connection.cursor() as c:
            c.execute(
                "SELECT mot, frequence FROM carte_motvocabulaire "
                "WHERE mot %% %s AND length(mot) BETWEEN %s AND %s "
                "ORDER BY similarity(mot, %s) DESC LIMIT 30",
                [mot, len(mot) - 1, len(mot) + 1, mot],
            )
            return c.fetchall()

    def mot_connu(self, mot):
        # LIKE 'x%' is served by the trigram index whatever the database collation.
        with connection.cursor() as c:
            if len(mot) >= 3:
                c.execute("SELECT 1 FROM carte_motvocabulaire WHERE mot LIKE %s LIMIT 1", [mot + "%"])
            else:
                c.execute("SELECT 1 FROM carte_motvocabulaire WHERE mot = %s", [mot])
            return c.fetchone() is not None
