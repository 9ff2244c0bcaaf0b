"""Full-text search of the directory: one interface, two backends.

- SQLite (embedded default): an FTS5 external-content table over ``carte_pointcarte``
  kept in sync by triggers, ranked by BM25; typo tolerance by a SymSpell-style table of
  one-deletion variants of the indexed vocabulary.
- PostgreSQL: posting lists (word → compressed arrays of ids) to match, weighted
  ``tsvector`` rows to rank with ``ts_rank``, both kept by a trigger; typo tolerance by
  ``pg_trgm`` similarity on the vocabulary.

Texts are folded in Python (``texte.plier``) before indexing and querying, so both are
accent- and case-insensitive without ``unaccent``. Every query word is reduced to
``[a-z0-9]+``: user input never reaches FTS5 / tsquery syntax.

Usage::

    from essaim.carte.recherche import moteur
    termes = moteur().resoudre(["recyclerie", "lile"])   # typo → "lille"
"""

from django.db import connection

from .base import MoteurRecherche, Terme


def moteur() -> MoteurRecherche:
    if connection.vendor == "postgresql":
        from .postgres import MoteurPostgres

        return MoteurPostgres()
    from .sqlite import MoteurSQLite

    return MoteurSQLite()


__all__ = ["MoteurRecherche", "Terme", "moteur"]
