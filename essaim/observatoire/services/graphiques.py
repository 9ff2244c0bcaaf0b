"""The observatory's charts: bars come from the site's chart module (``commun.graphiques``);
the choropleth of territories, which needs their outlines, is drawn here. Each chart on a page
sits next to the data table it draws, so nothing depends on seeing the picture.

Only presentation attributes (fill, stroke...) are used: the CSP forbids inline style."""

import json
import math

from django.utils.html import escape
from django.utils.safestring import mark_safe

from essaim.commun import graphiques
from essaim.commun.graphiques import nombre as _nombre
from essaim.territoires.contours import contours

NUANCES = ["#e6f0ed", "#b5d3c8", "#7fb2a1", "#3f8a74", "#1d5c4d"]  # light → dark green
ATTRIBUTION_CARTE = (
    "Contours : Natural Earth (domaine public) pour les régions et départements ; "
    "IGN / Etalab (Licence Ouverte) pour les EPCI."
)


def barres(ident: str, titre: str, description: str, lignes: list[tuple[str, int]], largeur=640) -> str:
    """Horizontal bar chart of (label, value) rows (the site's chart module)."""
    return graphiques.barres(ident, titre, description, lignes, largeur=largeur)


def classes(valeurs: list[float], n=5) -> list[float]:
    """Distinct quantile thresholds (at most n classes) of the values: a class holds the
    values above the previous threshold up to its own. Many equal values (zeros) make fewer
    classes rather than one colour for everything."""
    tries = sorted(v for v in valeurs if v is not None)
    if not tries:
        return []
    positives = [v for v in tries if v > 0]
    if n > 2 and positives and len(positives) < len(tries):
        # Territories with none form their own class; the others are split among the rest.
        return [0, *classes(positives, n - 1)]
    seuils = sorted({tries[min(len(tries) - 1, (len(tries) * k) // n - 1)] for k in range(1, n)})
    return [s for s in seuils if s < tries[-1]]


def couleurs(seuils: list[float]) -> list[str]:
    """One colour per class, spread from light to dark."""
    n = len(seuils) + 1
    if n == 1:
        return [NUANCES[2]]
    return [NUANCES[round(i * (len(NUANCES) - 1) / (n - 1))] for i in range(n)]


def nuance(valeur, seuils) -> str:
    if valeur is None:
        return "#ffffff"
    return couleurs(seuils)[sum(1 for s in seuils if valeur > s)]


def legende(chiffres: list[float], seuils: list[float], formater) -> list[dict]:
    if not chiffres:
        return []
    teintes = couleurs(seuils)
    if not seuils:
        return [{"couleur": teintes[0], "libelle": f"{formater(min(chiffres))} – {formater(max(chiffres))}"}]
    premiere = formater(seuils[0]) if seuils[0] == 0 else f"≤ {formater(seuils[0])}"
    lignes = [{"couleur": teintes[0], "libelle": premiere}]
    for i in range(1, len(seuils)):
        lignes.append(
            {"couleur": teintes[i], "libelle": f"> {formater(seuils[i - 1])} – {formater(seuils[i])}"}
        )
    lignes.append({"couleur": teintes[-1], "libelle": f"> {formater(seuils[-1])}"})
    return lignes


def _projection(ouest: float, sud: float, est: float, nord: float, largeur: float):
    """Equirectangular projection scaled by cos(latitude) at the middle: right shapes at a
    région's or département's scale, no library needed."""
    echelle_lon = math.cos(math.radians((sud + nord) / 2))
    k = largeur / max((est - ouest) * echelle_lon, 1e-9)
    return (lambda lon, lat: ((lon - ouest) * echelle_lon * k, (nord - lat) * k)), (nord - sud) * k


def _chemin(geometrie: dict, projeter) -> str:
    """SVG path data of a Polygon or MultiPolygon, points closer than half a pixel dropped."""
    morceaux = []
    polygones = [geometrie["coordinates"]] if geometrie["type"] == "Polygon" else geometrie["coordinates"]
    for polygone in polygones:
        for anneau in polygone:
            points, dernier = [], None
            for lon, lat, *_ in anneau:
                x, y = projeter(lon, lat)
                if dernier and abs(x - dernier[0]) < 0.5 and abs(y - dernier[1]) < 0.5:
                    continue
                dernier = (x, y)
                points.append(f"{x:.1f},{y:.1f}")
            if len(points) >= 3:
                morceaux.append("M" + " ".join(points) + "Z")
    return "".join(morceaux)


def choroplethe(
    ident: str, titre: str, description: str, niveau: str, lignes: list[dict], cle: str, formater=_nombre
) -> dict:
    """Choropleth of territories from their stored outlines (territoires.Contour).

    ``lignes``: dicts with code, nom and the value under ``cle``. Each path carries
    ``data-code`` and a ``<title>`` with the name and the value; the table beside it holds the
    same figures. When no outline of that level is loaded, ``svg`` is None and the page says so.
    Overseas territories are left out of a map that also has metropolitan ones (the table
    keeps them), so that the map is not mostly ocean.
    """
    valeurs = {ligne["code"]: ligne for ligne in lignes}
    formes = {c.code: c for c in contours(niveau, list(valeurs))}
    if any(not code.startswith("97") for code in formes) and niveau in ("region", "departement"):
        formes = {code: f for code, f in formes.items() if not code.startswith("97")}
    absents = [valeurs[code]["nom"] for code in valeurs if code not in formes]
    if not formes:
        return {"svg": None, "absents": absents, "legende": []}
    largeur = 600
    projeter, hauteur = _projection(
        min(f.ouest for f in formes.values()),
        min(f.sud for f in formes.values()),
        max(f.est for f in formes.values()),
        max(f.nord for f in formes.values()),
        largeur,
    )
    presentes = [valeurs[code] for code in formes]
    chiffres = [ligne[cle] for ligne in presentes if ligne[cle] is not None]
    seuils = classes(chiffres)
    morceaux = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="carte-choroplethe" id="{ident}" '
        f'viewBox="-2 -2 {largeur + 4} {hauteur + 4:.0f}" role="img" '
        f'aria-labelledby="{ident}-titre {ident}-desc">',
        f'<title id="{ident}-titre">{escape(titre)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    for ligne in sorted(presentes, key=lambda x: x["code"]):
        valeur = ligne[cle]
        texte = f"{ligne['nom']} ({ligne['code']}) : {formater(valeur) if valeur is not None else 'n.d.'}"
        chemin = _chemin(json.loads(formes[ligne["code"]].geometrie), projeter)
        morceaux.append(
            f'<path data-code="{escape(ligne["code"])}" d="{chemin}" '
            f'fill="{nuance(valeur, seuils)}" fill-rule="evenodd" stroke="#123d33" stroke-width="0.7" '
            f'stroke-linejoin="round"><title>{escape(texte)}</title></path>'
        )
    morceaux.append("</svg>")
    return {
        "svg": mark_safe("".join(morceaux)),
        "legende": legende(chiffres, seuils, formater),
        "absents": absents,
        "attribution": ATTRIBUTION_CARTE,
    }
