"""Shares written for the reader's language: "66,7 %" in French, "66.7%" in English. One
function for every page, table and chart caption (the observatory had four copies that always
wrote the French comma)."""

from django.utils import translation


def pourcentage(part, decimales: int = 1, signe: bool = False) -> str:
    """``part`` is a ratio (0.667 → 66.7 per cent); "" when unknown."""
    if part is None:
        return ""
    texte = f"{part * 100:{'+' if signe else ''}.{decimales}f}"
    if (translation.get_language() or "fr").startswith("fr"):
        return texte.replace(".", ",") + "\u00a0%"
    return texte + "%"
