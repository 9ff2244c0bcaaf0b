"""Server-rendered accessible charts: one module for every page and document of the site.

Each chart is an inline SVG with ``role="img"``, a ``<title>`` (and a ``<desc>`` when given)
and, per mark, a ``<title>`` with its label and value. **A chart never stands alone**: the page
or document that shows it puts the table of the same figures next to it (``tableau`` below
gives the rows), so nothing depends on seeing the picture. Only presentation attributes (fill,
stroke...) are used: the CSP forbids inline style. No app is imported here.

How to use::

    from essaim.commun import graphiques

    graphiques.barres("g-familles", "Établissements par famille", "Barres horizontales…",
                      [("Associations", 120), ("Coopératives", 30)])
    graphiques.progression("g-ind", "Progression vers la cible", "",
                           [{"libelle": "Fiches publiées", "valeur": 140, "cible": 200,
                             "reference": 100, "unite": "fiches"}])
    graphiques.courbe("g-serie", "Fiches publiées par année", "",
                      [("2022", 100), ("2023", 120), ("2024", 140)])
    graphiques.sparkline("g-mini", "Évolution", [3, 5, 4, 8])
    graphiques.barres_png("Titre", [("A", 3)])   # the bars as PNG for DOCX (no SVG there)

``ident`` must be unique in the page (it names the ``<title>`` and ``<desc>``). ``dimensions``
adds width/height attributes (PDF renderers want them; pages scale with the viewBox).
"""

import io
import textwrap

from django.utils.html import escape
from django.utils.safestring import mark_safe

COULEUR = "#1d5c4d"
COULEUR_CIBLE = "#b5462f"
COULEUR_FOND = "#e6f0ed"
COULEUR_TEXTE = "#1c1f1e"


def nombre(n) -> str:
    """French display of a number: narrow no-break space for thousands, comma for decimals."""
    if n is None:
        return "n.d."
    if isinstance(n, float) and not n.is_integer():
        return f"{n:,.2f}".rstrip("0").rstrip(".").replace(",", "\u202f").replace(".", ",")
    return f"{int(n):,}".replace(",", "\u202f")


def _entete(ident: str, titre: str, description: str, largeur, hauteur, dimensions: bool) -> list[str]:
    taille = f' width="{largeur}" height="{hauteur}"' if dimensions else ""
    etiquettes = f"{ident}-titre {ident}-desc" if description else f"{ident}-titre"
    morceaux = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graphique" id="{ident}" '
        f'viewBox="0 0 {largeur} {hauteur}"{taille} role="img" aria-labelledby="{etiquettes}">',
        f'<title id="{ident}-titre">{escape(titre)}</title>',
    ]
    if description:
        morceaux.append(f'<desc id="{ident}-desc">{escape(description)}</desc>')
    return morceaux


def _court(texte: str, n: int) -> str:
    return texte if len(texte) <= n else texte[: n - 2] + "…"


def barres(
    ident: str,
    titre: str,
    description: str,
    lignes: list[tuple[str, float]],
    *,
    largeur=640,
    marge_gauche=260,
    couleur=COULEUR,
    dimensions=False,
    formater=nombre,
) -> str:
    """Horizontal bar chart of (label, value) rows. A long label wraps onto more lines (its
    row grows): a label is never cut."""
    hauteur_barre, marge_haut, interligne = 26, 8, 15
    largeur_texte = max(12, (marge_gauche - 16) // 7)  # ~7 px per character at 13 px
    libelles = [textwrap.wrap(str(libelle), largeur_texte) or [""] for libelle, _v in lignes]
    hauteurs = [hauteur_barre + interligne * (len(morceaux) - 1) for morceaux in libelles]
    hauteur = marge_haut * 2 + (sum(hauteurs) if lignes else hauteur_barre)
    maximum = max((v or 0 for _l, v in lignes), default=0) or 1
    zone = largeur - marge_gauche - 90
    morceaux = _entete(ident, titre, description, largeur, hauteur, dimensions)
    y = marge_haut
    for (libelle, valeur), texte, h in zip(lignes, libelles, hauteurs, strict=True):
        longueur = round(zone * max(valeur or 0, 0) / maximum, 1)
        milieu = y + h / 2
        premiere = milieu + 5 - interligne * (len(texte) - 1) / 2
        tspans = "".join(
            f'<tspan x="{marge_gauche - 8}" y="{premiere + i * interligne:g}">{escape(t)}</tspan>'
            for i, t in enumerate(texte)
        )
        morceaux.append(
            f'<text text-anchor="end" font-size="13" font-family="sans-serif" fill="{COULEUR_TEXTE}">'
            f"{tspans}</text>"
            f'<rect x="{marge_gauche}" y="{milieu - (hauteur_barre - 8) / 2:g}" width="{longueur}" '
            f'height="{hauteur_barre - 8}" fill="{couleur}"><title>{escape(str(libelle))} : '
            f"{formater(valeur)}</title></rect>"
            f'<text x="{marge_gauche + longueur + 6}" y="{milieu + 5:g}" font-size="13" '
            f'font-family="sans-serif" fill="{COULEUR_TEXTE}">{formater(valeur)}</text>'
        )
        y += h
    morceaux.append("</svg>")
    return mark_safe("".join(morceaux))


def part_de_la_cible(valeur, cible, reference=None, sens_hausse=True) -> float | None:
    """Share of the way from the baseline to the target, between 0 and 1 (None if unknown)."""
    if valeur is None or cible is None:
        return None
    depart = reference if reference is not None else 0
    if not sens_hausse and reference is None:
        return 1.0 if valeur <= cible else None
    ecart = cible - depart
    if ecart == 0:
        return 1.0 if (valeur >= cible if sens_hausse else valeur <= cible) else 0.0
    return max(0.0, min(1.0, float((valeur - depart) / ecart)))


def progression(
    ident: str, titre: str, description: str, lignes: list[dict], *, largeur=640, dimensions=False
) -> str:
    """Progress bars toward a target. Each row: ``libelle``, ``valeur``, ``cible`` and optionally
    ``reference`` (the baseline the way starts from), ``unite``, ``sens_hausse`` (default True).
    The bar is the share of the way done; the target is the end of the track."""
    hauteur_ligne, marge_gauche, marge_haut = 34, 260, 8
    hauteur = marge_haut * 2 + hauteur_ligne * max(len(lignes), 1)
    zone = largeur - marge_gauche - 110
    morceaux = _entete(ident, titre, description, largeur, hauteur, dimensions)
    for i, ligne in enumerate(lignes):
        libelle, valeur, cible = str(ligne["libelle"]), ligne.get("valeur"), ligne.get("cible")
        unite = f" {ligne['unite']}" if ligne.get("unite") else ""
        part = part_de_la_cible(valeur, cible, ligne.get("reference"), ligne.get("sens_hausse", True))
        y = marge_haut + i * hauteur_ligne
        pourcentage = f"{round(part * 100)} %" if part is not None else "n.d."
        texte = f"{libelle} : {nombre(valeur)}{unite} sur une cible de {nombre(cible)} ({pourcentage})"
        morceaux.append(
            f'<text x="{marge_gauche - 8}" y="{y + 20}" text-anchor="end" font-size="13" '
            f'font-family="sans-serif" fill="{COULEUR_TEXTE}">{escape(_court(libelle, 38))}</text>'
            f'<rect x="{marge_gauche}" y="{y + 6}" width="{zone}" height="20" fill="{COULEUR_FOND}" '
            f'stroke="{COULEUR}" stroke-width="0.5"/>'
            f'<rect x="{marge_gauche}" y="{y + 6}" width="{round(zone * (part or 0), 1)}" height="20" '
            f'fill="{COULEUR}"><title>{escape(texte)}</title></rect>'
            f'<line x1="{marge_gauche + zone}" x2="{marge_gauche + zone}" y1="{y + 2}" y2="{y + 30}" '
            f'stroke="{COULEUR_CIBLE}" stroke-width="2"/>'
            f'<text x="{marge_gauche + zone + 8}" y="{y + 20}" font-size="13" font-family="sans-serif" '
            f'fill="{COULEUR_TEXTE}">{pourcentage}</text>'
        )
    morceaux.append("</svg>")
    return mark_safe("".join(morceaux))


def _points(valeurs: list, largeur: float, hauteur: float, marge: float) -> list[tuple[float, float]]:
    connues = [v for v in valeurs if v is not None]
    if not connues:
        return []
    bas, haut = min(connues), max(connues)
    etendue = (haut - bas) or 1
    pas = (largeur - 2 * marge) / max(len(valeurs) - 1, 1)
    return [
        (
            round(marge + i * pas, 1),
            round(hauteur - marge - (hauteur - 2 * marge) * float(v - bas) / float(etendue), 1),
        )
        for i, v in enumerate(valeurs)
        if v is not None
    ]


def courbe(
    ident: str,
    titre: str,
    description: str,
    points: list[tuple[str, float]],
    *,
    largeur=640,
    hauteur=220,
    cible=None,
    dimensions=False,
) -> str:
    """Line chart of (period label, value), each point titled; an optional target line."""
    marge_gauche, marge, bas = 50, 16, 30
    valeurs = [v for _p, v in points]
    connues = [v for v in valeurs if v is not None] + ([cible] if cible is not None else [])
    morceaux = _entete(ident, titre, description, largeur, hauteur, dimensions)
    if connues:
        mini, maxi = min(min(connues), 0), max(connues) or 1
        pas = (largeur - marge_gauche - marge) / max(len(points) - 1, 1)

        def y_de(v):
            return round(
                hauteur - bas - (hauteur - bas - marge) * float(v - mini) / float(maxi - mini or 1), 1
            )

        morceaux.append(
            f'<line x1="{marge_gauche}" x2="{largeur - marge}" y1="{hauteur - bas}" y2="{hauteur - bas}" '
            f'stroke="#888" stroke-width="1"/>'
            f'<text x="{marge_gauche - 6}" y="{y_de(maxi) + 4}" text-anchor="end" font-size="11" '
            f'font-family="sans-serif" fill="{COULEUR_TEXTE}">{nombre(maxi)}</text>'
        )
        if cible is not None:
            yc = y_de(cible)
            morceaux.append(
                f'<line x1="{marge_gauche}" x2="{largeur - marge}" y1="{yc}" y2="{yc}" '
                f'stroke="{COULEUR_CIBLE}" stroke-dasharray="6 4" stroke-width="1.5">'
                f"<title>Cible : {nombre(cible)}</title></line>"
            )
        coords = [(round(marge_gauche + i * pas, 1), v, p) for i, (p, v) in enumerate(points)]
        trace = " ".join(f"{x},{y_de(v)}" for x, v, _p in coords if v is not None)
        if trace:
            morceaux.append(f'<polyline points="{trace}" fill="none" stroke="{COULEUR}" stroke-width="2.5"/>')
        for i, (x, v, p) in enumerate(coords):
            # The last label ends at its point: centred there, it would overflow the right edge.
            ancre = "end" if i == len(coords) - 1 and len(coords) > 1 else "middle"
            morceaux.append(
                f'<text x="{x}" y="{hauteur - 10}" text-anchor="{ancre}" font-size="11" '
                f'font-family="sans-serif" fill="{COULEUR_TEXTE}">{escape(_court(str(p), 12))}</text>'
            )
            if v is not None:
                morceaux.append(
                    f'<circle cx="{x}" cy="{y_de(v)}" r="4" fill="{COULEUR}">'
                    f"<title>{escape(str(p))} : {nombre(v)}</title></circle>"
                )
    morceaux.append("</svg>")
    return mark_safe("".join(morceaux))


def sparkline(ident: str, titre: str, valeurs: list, *, largeur=120, hauteur=28) -> str:
    """A small line without axes, for tables; its title says first and last values."""
    connues = [v for v in valeurs if v is not None]
    resume = f"{titre} : de {nombre(connues[0])} à {nombre(connues[-1])}" if connues else f"{titre} : n.d."
    morceaux = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" id="{ident}" viewBox="0 0 {largeur} '
        f'{hauteur}" width="{largeur}" height="{hauteur}" role="img" aria-labelledby="{ident}-titre">',
        f'<title id="{ident}-titre">{escape(resume)}</title>',
    ]
    points = _points(valeurs, largeur, hauteur, 3)
    if len(points) == 1:
        x, y = points[0]
        morceaux.append(f'<circle cx="{x}" cy="{y}" r="2.5" fill="{COULEUR}"/>')
    elif points:
        trace = " ".join(f"{x},{y}" for x, y in points)
        morceaux.append(f'<polyline points="{trace}" fill="none" stroke="{COULEUR}" stroke-width="2"/>')
        x, y = points[-1]
        morceaux.append(f'<circle cx="{x}" cy="{y}" r="2.5" fill="{COULEUR}"/>')
    morceaux.append("</svg>")
    return mark_safe("".join(morceaux))


def barres_png(titre: str, donnees: list[tuple[str, float]], couleur=COULEUR) -> bytes:
    """Horizontal bars as PNG (Pillow), for DOCX documents: python-docx cannot embed SVG."""
    from PIL import Image, ImageDraw, ImageFont

    largeur_libelle, largeur_barres, hauteur_barre, echelle = 190, 330, 22, 2
    hauteur = (hauteur_barre * len(donnees) + 40) * echelle
    largeur = (largeur_libelle + largeur_barres + 60) * echelle
    image = Image.new("RGB", (largeur, hauteur), "white")
    dessin = ImageDraw.Draw(image)
    try:
        police = ImageFont.truetype("DejaVuSans.ttf", 12 * echelle)
        police_titre = ImageFont.truetype("DejaVuSans-Bold.ttf", 13 * echelle)
    except OSError:
        police = police_titre = ImageFont.load_default()
    dessin.text((10 * echelle, 6 * echelle), titre, fill="#222", font=police_titre)
    maximum = max([v or 0 for _, v in donnees] + [1])
    for i, (libelle, valeur) in enumerate(donnees):
        y = (30 + i * hauteur_barre) * echelle
        longueur = round(largeur_barres * max(valeur or 0, 0) / maximum) * echelle
        x0 = largeur_libelle * echelle
        dessin.text(
            (x0 - 6 * echelle, y + 3 * echelle),
            _court(str(libelle), 30),
            fill="#222",
            font=police,
            anchor="ra",
        )
        if longueur:
            dessin.rectangle(
                [x0, y + 3 * echelle, x0 + longueur, y + (hauteur_barre - 3) * echelle], fill=couleur
            )
        dessin.text((x0 + longueur + 5 * echelle, y + 3 * echelle), nombre(valeur), fill="#222", font=police)
    sortie = io.BytesIO()
    image.save(sortie, format="PNG")
    return sortie.getvalue()
