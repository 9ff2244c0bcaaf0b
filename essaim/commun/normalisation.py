"""Text folding shared by every search on names: accents, case, punctuation, saint/st."""

import re

from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SAINT = re.compile(r"\b(saint|st)\b")
_SAINTE = re.compile(r"\b(sainte|ste)\b")


def normaliser_nom(texte: str) -> str:
    """Fold a place name for matching: "Saint-Étienne-du-Rouvray" -> "st etienne du rouvray"."""
    texte = _NON_ALNUM.sub(" ", unidecode(texte or "").lower()).strip()
    texte = _SAINTE.sub("ste", texte)
    return _SAINT.sub("st", texte)


def cle_tri(texte: str | None) -> tuple[str, str]:
    """Sort key in French order without ICU: accents and case are ignored first ("Hénin-Beaumont"
    before "Hirson", "Île-de-France" among the I), the exact text only breaks ties."""
    return (unidecode(texte or "").casefold(), texte or "")
