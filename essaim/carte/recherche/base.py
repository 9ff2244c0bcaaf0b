"""The search interface both backends implement."""

from dataclasses import dataclass

import numpy as np
from django.db import connection

from .texte import LONGUEUR_MIN_CORRECTION, LONGUEUR_MIN_PREFIXE, distance_un, suppressions


@dataclass(frozen=True)
class Terme:
    """One query word after resolution: alternatives OR-ed, each exact or as a prefix."""

    mot: str
    alternatives: tuple[tuple[str, bool], ...]  # (word, prefix?)
    corrige: bool = False


class MoteurRecherche:
    nom = "abstrait"

    # --- schema hooks -------------------------------------------------------------
    def avant_reconstruction(self, curseur):  # drop triggers / indexes before a bulk load
        pass

    def collecteur(self):
        """An object given each row's words during a bulk rebuild (``ajouter(id, mots,
        texte_nom)``), then passed to ``apres_reconstruction``; None if the index needs none."""
        return None

    def apres_reconstruction(self, curseur, collecte=None):  # rebuild the full-text index after it
        pass

    # --- query --------------------------------------------------------------------
    def expression(self, termes: list[Terme]) -> str:
        raise NotImplementedError

    def sql_ids(self, mots: list[str]) -> tuple[str, list]:
        """SELECT of the ids matching every word (for IN sub-queries)."""
        raise NotImplementedError

    def ids_texte(self, termes: list[Terme], nom_seulement: bool = False) -> np.ndarray:
        """Sorted ids (int64) of every structure matching all terms (in its name only if asked)."""
        raise NotImplementedError

    def ids_classes(self, termes: list[Terme], limite: int, ids: np.ndarray | None = None) -> list[int]:
        """Up to ``limite`` matching ids, best first (BM25 / ts_rank). ``ids``: the matches
        the caller already holds (sorted), which a backend may rank instead of re-reading."""
        raise NotImplementedError

    @staticmethod
    def _tableau(texte: str | None) -> np.ndarray:
        if not texte:
            return np.empty(0, dtype=np.int64)
        return np.fromstring(texte, dtype=np.int64, sep=" ")

    # --- vocabulary and typo tolerance ---------------------------------------------
    def mot_connu(self, mot: str) -> bool:
        """Whether an indexed word equals ``mot`` or starts with it (prefix search)."""
        with connection.cursor() as c:
            if len(mot) >= LONGUEUR_MIN_PREFIXE:
                c.execute(
                    "SELECT 1 FROM carte_motvocabulaire WHERE mot >= %s AND mot < %s LIMIT 1",
                    [mot, mot + "{"],
                )
            else:
                c.execute("SELECT 1 FROM carte_motvocabulaire WHERE mot = %s", [mot])
            return c.fetchone() is not None

    def candidats(self, mot: str) -> list[tuple[str, int]]:
        """(word, frequency) of vocabulary words that may be one edit away."""
        raise NotImplementedError

    def corriger(self, mot: str, limite: int = 3) -> list[str]:
        """Known words at Damerau-Levenshtein distance 1, most frequent first."""
        if len(mot) < LONGUEUR_MIN_CORRECTION:
            return []
        bons = [(m, f) for m, f in self.candidats(mot) if distance_un(mot, m)]
        bons.sort(key=lambda mf: (-mf[1], mf[0]))
        return [m for m, _ in bons[:limite]]

    def resoudre(self, mots: list[str]) -> list[Terme]:
        termes = []
        for mot in mots:
            prefixe = len(mot) >= LONGUEUR_MIN_PREFIXE
            if self.mot_connu(mot):
                termes.append(Terme(mot, ((mot, prefixe),)))
                continue
            corrections = self.corriger(mot)
            if corrections:
                termes.append(Terme(mot, tuple((c, False) for c in corrections), corrige=True))
            else:
                termes.append(Terme(mot, ((mot, prefixe),)))
        return termes

    def ajouter_vocabulaire(self, curseur, mots: set[str]):
        """Record newly indexed words (incremental path; the rebuild recounts frequencies)."""
        mots = [m for m in mots if 0 < len(m) <= 60]
        if not mots:
            return
        curseur.executemany(
            "INSERT INTO carte_motvocabulaire (mot, frequence) VALUES (%s, 1) ON CONFLICT (mot) DO NOTHING",
            [(m,) for m in mots],
        )

    @staticmethod
    def variantes(mots) -> list[tuple[str, str]]:
        return [(v, m) for m in mots if len(m) >= LONGUEUR_MIN_CORRECTION for v in suppressions(m)]
