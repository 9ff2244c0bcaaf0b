"""The conference report's charts: SVG for HTML/PDF, PNG for DOCX, both from the site's chart
module (``commun.graphiques``). Each chart is shown beside its data table."""

from django.utils.text import slugify

from essaim.commun import graphiques


def barres_svg(titre: str, donnees: list[tuple[str, int]]) -> str:
    """Horizontal bar chart (label, value) as inline SVG, sized for the PDF too."""
    return graphiques.barres(
        f"g-{slugify(titre)}",
        titre,
        "",
        donnees,
        largeur=570,
        marge_gauche=190,
        couleur="#1d5c63",
        dimensions=True,
    )


def barres_png(titre: str, donnees: list[tuple[str, int]]) -> bytes:
    """The same chart as PNG for the DOCX export (python-docx cannot embed SVG)."""
    return graphiques.barres_png(titre, donnees, couleur="#1d5c63")
