"""Regenerate essaim/territoires/data/territoires.json.gz from @etalab/decoupage-administratif.

Usage (what `make territoires` does):
    npm install --prefix var/npm/territoires --no-save @etalab/decoupage-administratif@6.0.0
    python scripts/generer_territoires.py var/npm/territoires/node_modules/@etalab/decoupage-administratif

The package (MIT licence) carries the current INSEE COG as JSON. We keep only what the
platform uses, as compact rows, so the file stays small enough for the repository.
"""

import gzip
import json
import sys
from pathlib import Path

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


if __name__ == "__main__":
    donnees = generer(Path(sys.argv[1]))
    SORTIE.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(SORTIE, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(donnees, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{SORTIE}: {len(donnees['communes'])} communes, {len(donnees['epci'])} EPCI")
