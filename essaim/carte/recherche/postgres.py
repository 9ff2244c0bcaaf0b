# ruff: noqa: E501
"""PostgreSQL backend: a narrow side table of weighted tsvectors (GIN) and pg_trgm for typos.

The vectors live in ``carte_recherche_pg`` (structure id + tsvector, ~250 bytes a row) rather
than in a column of the wide points table: a common word matches tens of thousands of rows,
and PostgreSQL must visit the heap page of every match (GIN has no index-only scans), so the
narrower the heap, the fewer pages a search reads (≈10 times fewer at a million structures).
A row trigger on ``carte_pointcarte`` keeps it in step; a bulk rebuild refills it in one pass.
"""

from django.db import connection

from .base import MoteurRecherche, Terme

TABLE = "carte_recherche_pg"


def vecteur(prefixe: str = "") -> str:
    return (
        f"setweight(to_tsvector('simple', coalesce({prefixe}texte_nom, '')), 'A') || "
        f"setweight(to_tsvector('simple', coalesce({prefixe}texte_themes, '')), 'B') || "
        f"setweight(to_tsvector('simple', coalesce({prefixe}texte_lieu, '')), 'B') || "
        f"setweight(to_tsvector('simple', coalesce({prefixe}texte_description, '')), 'D')"
    )


SQL_INDEX = f"CREATE INDEX IF NOT EXISTS carte_recherche_pg_vecteur ON {TABLE} USING gin (vecteur)"
SQL_FONCTION = f"""CREATE OR REPLACE FUNCTION carte_recherche_pg_maj() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM {TABLE} WHERE structure_id = OLD.structure_id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    INSERT INTO {TABLE} (structure_id, vecteur) VALUES (NEW.structure_id, {vecteur("NEW.")});
    RETURN NEW;
END $$ LANGUAGE plpgsql"""
SQL_DECLENCHEUR = (
    "CREATE OR REPLACE TRIGGER carte_recherche_pg_trg AFTER INSERT OR UPDATE OR DELETE ON carte_pointcarte "
    "FOR EACH ROW EXECUTE FUNCTION carte_recherche_pg_maj()"
)
SQL_REMPLIR = (
    f"INSERT INTO {TABLE} (structure_id, vecteur) SELECT structure_id, {vecteur()} FROM carte_pointcarte "
    "ON CONFLICT (structure_id) DO NOTHING"
)
SQL_CREATION = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE TABLE IF NOT EXISTS {TABLE} (structure_id bigint PRIMARY KEY, vecteur tsvector NOT NULL)",
    SQL_INDEX,
    SQL_FONCTION,
    SQL_DECLENCHEUR,
    "CREATE INDEX IF NOT EXISTS carte_mot_trgm ON carte_motvocabulaire USING gin (mot gin_trgm_ops)",
]
SQL_SUPPRESSION = [
    "DROP INDEX IF EXISTS carte_mot_trgm",
    "DROP TRIGGER IF EXISTS carte_recherche_pg_trg ON carte_pointcarte",
    "DROP FUNCTION IF EXISTS carte_recherche_pg_maj()",
    f"DROP TABLE IF EXISTS {TABLE}",
]


class MoteurPostgres(MoteurRecherche):
    nom = "postgresql-tsvector-trgm"

    def avant_reconstruction(self, curseur):
        curseur.execute("DROP TRIGGER IF EXISTS carte_recherche_pg_trg ON carte_pointcarte")
        curseur.execute("DROP INDEX IF EXISTS carte_recherche_pg_vecteur")
        curseur.execute(f"TRUNCATE {TABLE}")

    def apres_reconstruction(self, curseur):
        curseur.execute(SQL_REMPLIR)
        curseur.execute(SQL_INDEX)
        curseur.execute(SQL_DECLENCHEUR)
        curseur.execute(f"ANALYZE {TABLE}")
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
            f"SELECT structure_id FROM {TABLE} WHERE vecteur @@ to_tsquery('simple', %s)",
            [expr],
        )

    def ids_texte(self, termes, nom_seulement=False):
        expr = self.expression(termes, poids="A" if nom_seulement else "")
        with connection.cursor() as c:
            c.execute(
                f"SELECT string_agg(structure_id::text, ' ' ORDER BY structure_id) FROM {TABLE} "
                "WHERE vecteur @@ to_tsquery('simple', %s)",
                [expr],
            )
            return self._tableau(c.fetchone()[0])

    def ids_classes(self, termes, limite):
        expr = self.expression(termes)
        with connection.cursor() as c:
            c.execute(
                f"SELECT r.structure_id FROM {TABLE} r JOIN carte_pointcarte p ON p.structure_id = r.structure_id "
                "WHERE r.vecteur @@ to_tsquery('simple', %s) "
                "ORDER BY ts_rank(r.vecteur, to_tsquery('simple', %s)) DESC, p.nom, r.structure_id LIMIT %s",
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
