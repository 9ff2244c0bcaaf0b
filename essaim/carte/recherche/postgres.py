"""PostgreSQL backend: posting lists for matching, weighted tsvectors for ranking, pg_trgm for typos.

Matching a common word at a million structures must not read one heap page per match
(GIN has no index-only scans: ``energie:*`` visits 44,000 pages, ≈250 ms). So, like FTS5's
doclists, each word keeps the ids that contain it, in ``carte_postings_pg``:
``(nom, mot, bloc) → ids int4[]`` where ``bloc = structure_id >> 14`` (16,384 ids a row,
so an edit rewrites a few kilobytes, not the whole list) and ``nom`` tells the postings
of the name alone (the first tier of the ranking) from those of the whole record. A word
(or a prefix: a range of ``mot COLLATE "C"``) is read as a handful of compressed arrays:
≈12 ms for 90,000 ids, whatever N.

The weighted vectors live in ``carte_recherche_pg`` (structure id + tsvector, no index but
the primary key): they rank the matches with ``ts_rank`` when there are few
(``services/texte.py``). A row trigger on ``carte_pointcarte`` keeps both in step, updating
only the words that changed, in word order (no deadlock between two concurrent edits). A
bulk rebuild collects the postings in Python while it computes the rows (the words are
already split there) and writes them with one COPY; ``SQL_REMPLIR_POSTINGS`` does the same
from the vectors, for migrations.
"""

from array import array
from collections import defaultdict

import numpy as np
from django.db import connection

from .base import MoteurRecherche, Terme

TABLE = "carte_recherche_pg"
POSTINGS = "carte_postings_pg"
BLOC = 14  # log2 of the ids per postings row


def vecteur(prefixe: str = "") -> str:
    return (
        f"setweight(to_tsvector('simple', coalesce({prefixe}texte_nom, '')), 'A') || "
        f"setweight(to_tsvector('simple', coalesce({prefixe}texte_themes, '')), 'B') || "
        f"setweight(to_tsvector('simple', coalesce({prefixe}texte_lieu, '')), 'B') || "
        f"setweight(to_tsvector('simple', coalesce({prefixe}texte_description, '')), 'D')"
    )


def mots_nom(prefixe: str = "") -> str:
    return f"tsvector_to_array(to_tsvector('simple', coalesce({prefixe}texte_nom, '')))"


SQL_FONCTION = f"""CREATE OR REPLACE FUNCTION carte_recherche_pg_maj() RETURNS trigger AS $$
DECLARE
    ancien tsvector := '';
    nouveau tsvector := '';
    ancien_nom text[] := '{{}}';
    nouveau_nom text[] := '{{}}';
    change record;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM {TABLE} WHERE structure_id = OLD.structure_id RETURNING vecteur INTO ancien;
        ancien := coalesce(ancien, '');
        ancien_nom := {mots_nom("OLD.")};
    END IF;
    IF TG_OP <> 'DELETE' THEN
        nouveau := {vecteur("NEW.")};
        nouveau_nom := {mots_nom("NEW.")};
        INSERT INTO {TABLE} (structure_id, vecteur) VALUES (NEW.structure_id, nouveau);
    END IF;
    -- Only the words that changed, in a fixed order (two edits lock postings rows in the same order).
    FOR change IN
        SELECT coalesce(a.nom, n.nom) AS nom, coalesce(a.mot, n.mot) AS mot, n.mot IS NOT NULL AS ajout
        FROM (SELECT false AS nom, m AS mot FROM unnest(tsvector_to_array(ancien)) m
              UNION ALL SELECT true, m FROM unnest(ancien_nom) m) a
        FULL JOIN (SELECT false AS nom, m AS mot FROM unnest(tsvector_to_array(nouveau)) m
              UNION ALL SELECT true, m FROM unnest(nouveau_nom) m) n
          ON a.nom = n.nom AND a.mot = n.mot
        WHERE a.mot IS NULL OR n.mot IS NULL
        ORDER BY 1, 2
    LOOP
        IF change.ajout THEN
            INSERT INTO {POSTINGS} (nom, mot, bloc, ids)
            VALUES (change.nom, change.mot, NEW.structure_id >> {BLOC}, ARRAY[NEW.structure_id::int4])
            ON CONFLICT (nom, mot, bloc) DO UPDATE SET ids = {POSTINGS}.ids || excluded.ids;
        ELSE
            UPDATE {POSTINGS} SET ids = array_remove(ids, OLD.structure_id::int4)
            WHERE nom = change.nom AND mot = change.mot AND bloc = OLD.structure_id >> {BLOC};
        END IF;
    END LOOP;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
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
SQL_REMPLIR_POSTINGS = [
    f"TRUNCATE {POSTINGS}",
    f"INSERT INTO {POSTINGS} (nom, mot, bloc, ids) "
    f"SELECT false, m, structure_id >> {BLOC}, array_agg(structure_id::int4 ORDER BY structure_id) "
    f"FROM {TABLE}, unnest(tsvector_to_array(vecteur)) m GROUP BY m, structure_id >> {BLOC}",
    f"INSERT INTO {POSTINGS} (nom, mot, bloc, ids) "
    f"SELECT true, m, structure_id >> {BLOC}, array_agg(structure_id::int4 ORDER BY structure_id) "
    f"FROM carte_pointcarte, unnest({mots_nom()}) m GROUP BY m, structure_id >> {BLOC}",
]
SQL_CREATION = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE TABLE IF NOT EXISTS {TABLE} (structure_id bigint PRIMARY KEY, vecteur tsvector NOT NULL)",
    f'CREATE TABLE IF NOT EXISTS {POSTINGS} (nom boolean NOT NULL, mot text COLLATE "C" NOT NULL, '
    "bloc integer NOT NULL, ids int4[] NOT NULL, PRIMARY KEY (nom, mot, bloc))",
    "DROP INDEX IF EXISTS carte_recherche_pg_vecteur",  # matching reads the postings
    SQL_FONCTION,
    SQL_DECLENCHEUR,
    "CREATE INDEX IF NOT EXISTS carte_mot_trgm ON carte_motvocabulaire USING gin (mot gin_trgm_ops)",
]
SQL_SUPPRESSION = [
    "DROP INDEX IF EXISTS carte_mot_trgm",
    "DROP TRIGGER IF EXISTS carte_recherche_pg_trg ON carte_pointcarte",
    "DROP FUNCTION IF EXISTS carte_recherche_pg_maj()",
    f"DROP TABLE IF EXISTS {POSTINGS}",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def _union(morceaux: bytes | None) -> np.ndarray:
    """Sorted distinct ids from concatenated ``array_send`` bodies (length, value pairs)."""
    if not morceaux:
        return np.empty(0, dtype=np.int64)
    ids = np.frombuffer(morceaux, dtype=">i4").reshape(-1, 2)[:, 1].astype(np.int64)
    ids.sort(kind="stable")  # runs already sorted: timsort merges them in near-linear time
    return ids[np.concatenate(([True], ids[1:] != ids[:-1]))] if len(ids) > 1 else ids


class Postings:
    """The postings of a bulk rebuild, collected row by row (rows come in id order)."""

    def __init__(self):
        self.listes = {False: defaultdict(lambda: array("i")), True: defaultdict(lambda: array("i"))}

    def ajouter(self, structure_id: int, mots: set[str], texte_nom: str):
        for listes, ensemble in ((self.listes[False], mots), (self.listes[True], set(texte_nom.split()))):
            for mot in ensemble:
                listes[mot].append(structure_id)

    def ecrire(self, curseur):
        with curseur.cursor.copy(f"COPY {POSTINGS} (nom, mot, bloc, ids) FROM STDIN") as copie:
            for nom, listes in self.listes.items():
                drapeau = "t" if nom else "f"
                for mot, valeurs in listes.items():
                    ids = np.frombuffer(valeurs, dtype=np.int32)
                    if len(ids) > 1 and not (ids[1:] > ids[:-1]).all():
                        ids = np.unique(ids)
                    coupures = np.flatnonzero(np.diff(ids >> BLOC)) + 1
                    for morceau in np.split(ids, coupures):
                        texte = ",".join(map(str, morceau.tolist()))
                        copie.write(f"{drapeau}\t{mot}\t{int(morceau[0]) >> BLOC}\t{{{texte}}}\n")
                listes.clear()  # written: free these lists before the next series


class MoteurPostgres(MoteurRecherche):
    nom = "postgresql-tsvector-trgm"

    def avant_reconstruction(self, curseur):
        curseur.execute("DROP TRIGGER IF EXISTS carte_recherche_pg_trg ON carte_pointcarte")
        curseur.execute(f"TRUNCATE {TABLE}, {POSTINGS}")

    def collecteur(self):
        return Postings()

    def apres_reconstruction(self, curseur, collecte=None):
        curseur.execute(SQL_REMPLIR)
        if collecte is None:
            for sql in SQL_REMPLIR_POSTINGS:
                curseur.execute(sql)
        else:
            collecte.ecrire(curseur)
        curseur.execute(SQL_DECLENCHEUR)
        curseur.execute(f"ANALYZE {TABLE}")
        curseur.execute(f"ANALYZE {POSTINGS}")
        # Without statistics the planner scans the whole vocabulary for typo candidates (40 ms)
        # instead of reading the trigram index (5 ms).
        curseur.execute("ANALYZE carte_motvocabulaire")
        curseur.execute("ANALYZE carte_pointcarte")

    def expression(self, termes: list[Terme]) -> str:
        groupes = []
        for t in termes:
            alts = [f"{m}:*" if p else m for m, p in t.alternatives]
            groupes.append(alts[0] if len(alts) == 1 else "(" + " | ".join(alts) + ")")
        return " & ".join(groupes)

    @staticmethod
    def _condition(terme: Terme, nom_seulement: bool) -> tuple[str, list]:
        """WHERE clause of the postings rows of a term (its alternatives OR-ed)."""
        conditions, params = [], [nom_seulement]
        for mot, prefixe in terme.alternatives:
            if prefixe:  # lexemes are [a-z0-9]: '{' sorts after every one of them in "C"
                conditions.append("(mot >= %s AND mot < %s)")
                params += [mot, mot + "{"]
            else:
                conditions.append("mot = %s")
                params.append(mot)
        return f"nom = %s AND ({' OR '.join(conditions)})", params

    def sql_ids(self, mots):
        requetes, params = [], []
        for terme in self.resoudre(mots):
            condition, p = self._condition(terme, False)
            requetes.append(f"SELECT unnest(ids) FROM {POSTINGS} WHERE {condition}")
            params += p
        return " INTERSECT ".join(requetes), params

    def ids_texte(self, termes, nom_seulement=False):
        resultat = None
        with connection.cursor() as c:
            for terme in termes:
                condition, params = self._condition(terme, nom_seulement)
                c.execute(
                    # array_send: a 20-byte header, then (length, value) pairs of big-endian int4
                    f"SELECT string_agg(substr(array_send(ids), 21), ''::bytea ORDER BY mot, bloc) "
                    f"FROM {POSTINGS} WHERE {condition}",
                    params,
                )
                ids = _union(c.fetchone()[0])
                resultat = ids if resultat is None else np.intersect1d(resultat, ids, assume_unique=True)
                if not len(resultat):
                    break
        return resultat if resultat is not None else np.empty(0, dtype=np.int64)

    def ids_classes(self, termes, limite, ids=None):
        expr = self.expression(termes)
        ids = (self.ids_texte(termes) if ids is None else ids).tolist()
        with connection.cursor() as c:
            c.execute(
                f"SELECT r.structure_id FROM {TABLE} r JOIN carte_pointcarte p ON p.structure_id = "
                f"r.structure_id "
                "WHERE r.structure_id = ANY(%s) "
                "ORDER BY ts_rank(r.vecteur, to_tsquery('simple', %s)) DESC, p.nom, r.structure_id LIMIT %s",
                [ids, expr, limite],
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
