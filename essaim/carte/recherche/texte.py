"""Text folding and query parsing shared by both search backends.

Indexed texts and queries are folded the same way in Python (accents, case, punctuation,
saint→st) with ``essaim.commun.normalisation.normaliser_nom``, so neither backend needs
``unaccent`` and both match "Économie" with "economie". Query words are reduced to
``[a-z0-9]+`` tokens: nothing the user types reaches FTS5 or tsquery syntax unescaped.
"""

import re
from functools import lru_cache

from essaim.commun.normalisation import normaliser_nom

Q_LONGUEUR_MAX = 200
MOTS_MAX = 8
LONGUEUR_MIN_PREFIXE = 3
LONGUEUR_MIN_CORRECTION = 4
DESCRIPTION_MAX = 2000

# Very frequent French words: they add no precision and would make queries slow.
MOTS_VIDES = frozenset(
    [
        "a",
        "au",
        "aux",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "ou",
        "par",
        "pour",
        "sur",
        "un",
        "une",
        "dans",
        "avec",
    ]
)
_MOT = re.compile(r"[a-z0-9]+")
_BALISE = re.compile(r"<[^>]*>")


_FRANCAIS = str.maketrans(
    {
        **dict.fromkeys("àâäáãå", "a"),
        **dict.fromkeys("éèêë", "e"),
        **dict.fromkeys("îïíì", "i"),
        **dict.fromkeys("ôöóòõ", "o"),
        **dict.fromkeys("ùûüú", "u"),
        "ç": "c",
        "ÿ": "y",
        "ñ": "n",
        "œ": "oe",
        "æ": "ae",
        "’": "'",
        "«": " ",
        "»": " ",
        "\u00a0": " ",
        "–": "-",
        "—": "-",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SAINT = re.compile(r"\b(?:saint|st)(e?)\b")  # saint → st, sainte → ste (one pass)


def _plier(texte: str) -> str:
    texte = texte.lower().translate(_FRANCAIS)
    if not texte.isascii():
        return normaliser_nom(texte)  # rare characters: unidecode's full table
    texte = _NON_ALNUM.sub(" ", texte).strip()
    return _SAINT.sub(r"st\1", texte) if "s" in texte else texte


@lru_cache(maxsize=20000)
def _plier_court(texte: str) -> str:
    return _plier(texte)


def plier(texte: str | None) -> str:
    """Fold like ``commun.normalisation.normaliser_nom`` (fast path for French text)."""
    # Descriptions are nh3-sanitised HTML: dropping tags is enough (no parser needed).
    texte = texte or ""
    if "<" in texte:
        texte = _BALISE.sub(" ", texte)
    return _plier_court(texte) if len(texte) < 200 else _plier(texte)


def mots(texte: str | None) -> list[str]:
    return _MOT.findall(plier(texte))


class RequeteInvalide(ValueError):
    pass


def mots_requete(q: str | None) -> list[str]:
    """The significant words of a user query, deduplicated, in order; raise if too long."""
    if q is None:
        return []
    if len(q) > Q_LONGUEUR_MAX:
        raise RequeteInvalide(f"Recherche trop longue : {len(q)} caractères (au plus {Q_LONGUEUR_MAX}).")
    vus = []
    for mot in mots(q):
        if mot in MOTS_VIDES or mot in vus or len(mot) > 60:
            continue
        vus.append(mot)
    return vus[:MOTS_MAX]


def distance_un(a: str, b: str) -> bool:
    """Whether a and b are within Damerau-Levenshtein distance 1 (and differ)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    court, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == court for i in range(len(long)))


def suppressions(mot: str) -> set[str]:
    """The word and its one-character deletions (SymSpell neighbourhood, distance 1)."""
    return {mot} | {mot[:i] + mot[i + 1 :] for i in range(len(mot))}
