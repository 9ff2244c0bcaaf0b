"""Server-rendered charts: SVG for HTML/PDF, PNG (Pillow) for DOCX. Each chart is shown
beside its data table, so the SVG is decorative for screen readers (aria-hidden + title)."""

import io
from html import escape

from django.utils.safestring import mark_safe

COULEUR = "#1d5c63"
LARGEUR_LIBELLE = 190
LARGEUR_BARRES = 330
HAUTEUR_BARRE = 22


def barres_svg(titre: str, donnees: list[tuple[str, int]]) -> str:
    """Horizontal bar chart (label, value) as inline SVG."""
    maximum = max([v for _, v in donnees] + [1])
    hauteur = HAUTEUR_BARRE * len(donnees) + 10
    largeur = LARGEUR_LIBELLE + LARGEUR_BARRES + 50
    parties = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graphique" viewBox="0 0 {largeur} {hauteur}" '
        f'width="{largeur}" height="{hauteur}" role="img" aria-label="{escape(titre)}">',
        f"<title>{escape(titre)}</title>",
    ]
    for i, (libelle, valeur) in enumerate(donnees):
        y = 5 + i * HAUTEUR_BARRE
        longueur = round(LARGEUR_BARRES * valeur / maximum)
        parties.append(
            f'<text x="{LARGEUR_LIBELLE - 6}" y="{y + 15}" text-anchor="end" font-size="12" '
            f'font-family="sans-serif" fill="#222">{escape(libelle)}</text>'
            f'<rect x="{LARGEUR_LIBELLE}" y="{y + 3}" width="{longueur}" height="{HAUTEUR_BARRE - 6}" '
            f'fill="{COULEUR}"/>'
            f'<text x="{LARGEUR_LIBELLE + longueur + 5}" y="{y + 15}" font-size="12" '
            f'font-family="sans-serif" fill="#222">{valeur}</text>'
        )
    parties.append("</svg>")
    return mark_safe("".join(parties))


def barres_png(titre: str, donnees: list[tuple[str, int]]) -> bytes:
    """The same chart as PNG for the DOCX export (python-docx cannot embed SVG)."""
    from PIL import Image, ImageDraw, ImageFont

    echelle = 2
    hauteur = (HAUTEUR_BARRE * len(donnees) + 40) * echelle
    largeur = (LARGEUR_LIBELLE + LARGEUR_BARRES + 60) * echelle
    image = Image.new("RGB", (largeur, hauteur), "white")
    dessin = ImageDraw.Draw(image)
    try:
        police = ImageFont.truetype("DejaVuSans.ttf", 12 * echelle)
        police_titre = ImageFont.truetype("DejaVuSans-Bold.ttf", 13 * echelle)
    except OSError:
        police = police_titre = ImageFont.load_default()
    dessin.text((10 * echelle, 6 * echelle), titre, fill="#222", font=police_titre)
    maximum = max([v for _, v in donnees] + [1])
    for i, (libelle, valeur) in enumerate(donnees):
        y = (30 + i * HAUTEUR_BARRE) * echelle
        longueur = round(LARGEUR_BARRES * valeur / maximum) * echelle
        x0 = LARGEUR_LIBELLE * echelle
        dessin.text((x0 - 6 * echelle, y + 3 * echelle), libelle, fill="#222", font=police, anchor="ra")
        if longueur:
            dessin.rectangle(
                [x0, y + 3 * echelle, x0 + longueur, y + (HAUTEUR_BARRE - 3) * echelle], fill=COULEUR
            )
        dessin.text((x0 + longueur + 5 * echelle, y + 3 * echelle), str(valeur), fill="#222", font=police)
    sortie = io.BytesIO()
    image.save(sortie, format="PNG")
    return sortie.getvalue()
