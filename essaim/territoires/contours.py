"""Territory outlines: loading, simplifying, serving as GeoJSON. Plain functions, no HTTP.

Geometries are GeoJSON (Polygon or MultiPolygon, WGS 84 longitude/latitude) kept as text in
``Contour``. The shipped file (régions, départements) comes from scripts/generer_contours.py;
the official full sets (EPCI, communes) are loaded by ``manage.py charger_contours``.
"""

import gzip
import hashlib
import json
import math
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction

from .models import EPCI, Commune, Contour, Departement, JeuDeReference, NiveauContour, Region

FICHIER_CONTOURS = Path(__file__).resolve().parent / "data" / "contours.json.gz"
DECIMALES = 4
# Douglas-Peucker tolerance in degrees (~ 200 m for EPCI, ~ 50 m for communes).
TOLERANCES = {NiveauContour.EPCI: 0.002, NiveauContour.COMMUNE: 0.0005}
MODELES = {
    NiveauContour.REGION: Region,
    NiveauContour.DEPARTEMENT: Departement,
    NiveauContour.EPCI: EPCI,
    NiveauContour.COMMUNE: Commune,
}
# Property names carrying the code in the files a CRESS downloads: Etalab "contours
# administratifs" (code), IGN ADMIN EXPRESS (CODE_SIREN, INSEE_COM), older exports.
PROPRIETES_CODE = {
    NiveauContour.EPCI: ("code", "CODE_SIREN", "SIREN", "siren_epci", "siren"),
    NiveauContour.COMMUNE: ("code", "INSEE_COM", "insee", "CODE_INSEE", "codgeo"),
}


class ContourInvalide(ValueError):
    pass


def polygones(geometrie: dict) -> list:
    """List of polygons (each a list of rings) of a Polygon or MultiPolygon."""
    if geometrie["type"] == "Polygon":
        return [geometrie["coordinates"]]
    if geometrie["type"] == "MultiPolygon":
        return geometrie["coordinates"]
    raise ContourInvalide(f"géométrie {geometrie['type']} : Polygon ou MultiPolygon attendu")


def _aire(anneau: list) -> float:
    return (
        sum(anneau[i][0] * anneau[i + 1][1] - anneau[i + 1][0] * anneau[i][1] for i in range(len(anneau) - 1))
        / 2
    )


def _dedans(point, anneau: list) -> bool:
    x, y = point
    dedans = False
    for (x1, y1), (x2, y2) in zip(anneau, anneau[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            dedans = not dedans
    return dedans


def point_etiquette(geometrie: dict) -> tuple[float, float]:
    """A point inside the largest part, near its centre, where the label goes."""
    anneau = max((p[0] for p in polygones(geometrie)), key=lambda a: abs(_aire(a)))
    aire = _aire(anneau)
    if aire:
        cx = sum(
            (anneau[i][0] + anneau[i + 1][0])
            * (anneau[i][0] * anneau[i + 1][1] - anneau[i + 1][0] * anneau[i][1])
            for i in range(len(anneau) - 1)
        ) / (6 * aire)
        cy = sum(
            (anneau[i][1] + anneau[i + 1][1])
            * (anneau[i][0] * anneau[i + 1][1] - anneau[i + 1][0] * anneau[i][1])
            for i in range(len(anneau) - 1)
        ) / (6 * aire)
        if _dedans((cx, cy), anneau):
            return round(cx, DECIMALES), round(cy, DECIMALES)
    # Concave shape: the middle of the widest inside segment of the horizontal line through
    # the middle of the bounding box.
    y = (min(p[1] for p in anneau) + max(p[1] for p in anneau)) / 2
    xs = sorted(
        x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        for (x1, y1), (x2, y2) in zip(anneau, anneau[1:], strict=False)
        if (y1 > y) != (y2 > y)
    )
    segments = list(zip(xs[::2], xs[1::2], strict=False)) or [(anneau[0][0], anneau[0][0])]
    debut, fin = max(segments, key=lambda s: s[1] - s[0])
    return round((debut + fin) / 2, DECIMALES), round(y, DECIMALES)


def emprise(geometrie: dict) -> tuple[float, float, float, float]:
    """(west, south, east, north)."""
    points = [p for polygone in polygones(geometrie) for anneau in polygone for p in anneau]
    return (
        min(p[0] for p in points),
        min(p[1] for p in points),
        max(p[0] for p in points),
        max(p[1] for p in points),
    )


def _douglas_peucker(points: list, tolerance: float) -> list:
    """Iterative Douglas-Peucker on a polyline (first and last points kept)."""
    if len(points) < 3:
        return points
    garder = [False] * len(points)
    garder[0] = garder[-1] = True
    pile = [(0, len(points) - 1)]
    while pile:
        debut, fin = pile.pop()
        (x1, y1), (x2, y2) = points[debut], points[fin]
        dx, dy = x2 - x1, y2 - y1
        longueur = math.hypot(dx, dy)
        pire, indice = -1.0, None
        for i in range(debut + 1, fin):
            x, y = points[i]
            if longueur:
                distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / longueur
            else:
                distance = math.hypot(x - x1, y - y1)
            if distance > pire:
                pire, indice = distance, i
        if indice is not None and pire > tolerance:
            garder[indice] = True
            pile.extend([(debut, indice), (indice, fin)])
    return [p for p, g in zip(points, garder, strict=True) if g]


def simplifier(geometrie: dict, tolerance: float) -> dict:
    """Simplify each ring, round to DECIMALES, drop rings reduced to nothing."""
    resultat = []
    for polygone in polygones(geometrie):
        anneaux = []
        for anneau in polygone:
            points = [[round(x, DECIMALES), round(y, DECIMALES)] for x, y, *_ in anneau]
            points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
            points = _douglas_peucker(points, tolerance)
            if len(points) >= 4:
                anneaux.append(points)
            elif not anneaux:  # outer ring gone: the whole part is below the tolerance
                break
        if anneaux:
            resultat.append(anneaux)
    if not resultat:
        raise ContourInvalide("géométrie vide après simplification")
    if len(resultat) == 1:
        return {"type": "Polygon", "coordinates": resultat[0]}
    return {"type": "MultiPolygon", "coordinates": resultat}


def _verifier_wgs84(geometrie: dict) -> None:
    for polygone in polygones(geometrie):
        for x, y, *_ in polygone[0]:
            if not (-180 <= x <= 180 and -90 <= y <= 90):
                raise ContourInvalide(
                    "coordonnées hors WGS 84 (Lambert 93 ?) : prenez l'export GeoJSON en WGS 84 "
                    "(contours administratifs Etalab, ou ADMIN EXPRESS édition WGS84G)"
                )


def _contour(niveau: str, code: str, geometrie: dict, source: str) -> Contour:
    ouest, sud, est, nord = emprise(geometrie)
    lon, lat = point_etiquette(geometrie)
    return Contour(
        niveau=niveau,
        code=code,
        geometrie=json.dumps(geometrie, separators=(",", ":")),
        ouest=ouest,
        sud=sud,
        est=est,
        nord=nord,
        etiquette_lon=lon,
        etiquette_lat=lat,
        source=source[:200],
    )


def _enregistrer(niveau: str, contours: list[Contour]) -> None:
    Contour.objects.bulk_create(
        contours,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["niveau", "code"],
        update_fields=[
            "geometrie",
            "ouest",
            "sud",
            "est",
            "nord",
            "etiquette_lon",
            "etiquette_lat",
            "source",
        ],
    )
    JeuDeReference.objects.update_or_create(
        nom=f"contours-{niveau}",
        defaults={"empreinte": hashlib.sha256(repr(sorted(c.code for c in contours)).encode()).hexdigest()},
    )


def charger_contours_livres(fichier: Path = FICHIER_CONTOURS, forcer: bool = False) -> dict:
    """Load the shipped région and département outlines. Idempotent; skipped when unchanged."""
    contenu = fichier.read_bytes()
    empreinte = hashlib.sha256(contenu).hexdigest()
    if JeuDeReference.objects.filter(nom="contours", empreinte=empreinte).exists() and not forcer:
        return {"charge": False}
    donnees = json.loads(gzip.decompress(contenu))
    resultat = {"charge": True}
    with transaction.atomic():
        for niveau in (NiveauContour.REGION, NiveauContour.DEPARTEMENT):
            connus = set(MODELES[niveau].objects.values_list("code", flat=True))
            contours = [
                _contour(niveau, code, geometrie, donnees["source"])
                for code, geometrie in donnees[f"{niveau}s"]
                if code in connus
            ]
            _enregistrer(niveau, contours)
            resultat[niveau.value] = len(contours)
        JeuDeReference.objects.update_or_create(nom="contours", defaults={"empreinte": empreinte})
    return resultat


def _code(proprietes: dict, niveau: str) -> str:
    for nom in PROPRIETES_CODE[niveau]:
        if proprietes.get(nom):
            return str(proprietes[nom]).strip().upper()
    return ""


def charger_fichier_contours(features: Iterable[dict], niveau: str, source: str) -> dict:
    """Load the outlines of a GeoJSON file's features for EPCI or communes.

    Features whose code is not a known territory of that level are counted and skipped.
    Raises ContourInvalide on a file that is not in WGS 84 or not made of polygons.
    """
    if niveau not in TOLERANCES:
        raise ContourInvalide(f"niveau {niveau} : epci ou commune attendu")
    connus = set(MODELES[niveau].objects.values_list("code", flat=True))
    contours, inconnus = {}, 0
    for feature in features:
        code = _code(feature.get("properties") or {}, niveau)
        geometrie = feature.get("geometry")
        if not code or code not in connus or not geometrie:
            inconnus += 1
            continue
        _verifier_wgs84(geometrie)
        contours[code] = _contour(niveau, code, simplifier(geometrie, TOLERANCES[niveau]), source)
    with transaction.atomic():
        _enregistrer(niveau, list(contours.values()))
    return {"charges": len(contours), "ignores": inconnus}


def version_contours(niveau: str) -> str:
    """Changes whenever the outlines or the names of that level are reloaded (ETag base)."""
    noms = ["territoires", f"contours-{niveau}"]
    empreintes = dict(JeuDeReference.objects.filter(nom__in=noms).values_list("nom", "empreinte"))
    return hashlib.sha256("|".join(empreintes.get(n, "") for n in noms).encode()).hexdigest()[:20]


def codes_du_niveau(niveau: str, region: str | None = None) -> list[str] | None:
    """Codes of that level inside a région (None: no filter)."""
    if not region:
        return None
    if niveau == NiveauContour.REGION:
        return [region]
    if niveau == NiveauContour.DEPARTEMENT:
        return list(Departement.objects.filter(region_id=region).values_list("code", flat=True))
    if niveau == NiveauContour.EPCI:
        return list(EPCI.objects.filter(communes__region_id=region).values_list("code", flat=True).distinct())
    return list(Commune.objects.filter(region_id=region).values_list("code", flat=True))


def contours(niveau: str, codes: list[str] | None = None):
    qs = Contour.objects.filter(niveau=niveau)
    if codes is not None:
        qs = qs.filter(code__in=codes)
    return qs


def geojson(niveau: str, region: str | None = None) -> str:
    """FeatureCollection text: properties code, nom and etiquette ([lon, lat] of the label)."""
    qs = contours(niveau, codes_du_niveau(niveau, region)).values_list(
        "code", "geometrie", "etiquette_lon", "etiquette_lat"
    )
    noms = dict(MODELES[niveau].objects.values_list("code", "nom"))
    morceaux = [
        '{"type":"Feature","properties":'
        + json.dumps({"code": code, "nom": noms.get(code, code), "etiquette": [lon, lat]})
        + ',"geometry":'
        + geometrie
        + "}"
        for code, geometrie, lon, lat in qs
    ]
    return '{"type":"FeatureCollection","features":[' + ",".join(morceaux) + "]}"
