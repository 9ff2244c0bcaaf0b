"""Report of a SIRENE import (counts, rejections by reason, warnings) and the files' fingerprint."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Rapport:
    statut: str = ""
    millesime_id: int | None = None
    ul_lues: int = 0
    ul_gardees: int = 0
    ul_rejets: Counter = field(default_factory=Counter)
    etab_lues: int = 0
    etab_gardes: int = 0
    etab_rejets: Counter = field(default_factory=Counter)
    communes_inconnues: Counter = field(default_factory=Counter)
    non_diffusibles: int = 0
    avertissements: list = field(default_factory=list)
    duree: float = 0.0
    date_max: str = ""

    def as_dict(self) -> dict:
        return {
            "statut": self.statut,
            "millesime": self.millesime_id,
            "unites_legales": {
                "lues": self.ul_lues,
                "gardees": self.ul_gardees,
                "rejets": dict(self.ul_rejets),
            },
            "etablissements": {
                "lus": self.etab_lues,
                "gardes": self.etab_gardes,
                "rejets": dict(self.etab_rejets),
            },
            "communes_inconnues": dict(self.communes_inconnues.most_common(50)),
            "non_diffusibles": self.non_diffusibles,
            "avertissements": self.avertissements,
            "duree_s": round(self.duree, 2),
            "date_max": self.date_max,
        }

    @classmethod
    def depuis(cls, donnees: dict) -> "Rapport":
        r = cls()
        if not donnees:
            return r
        r.ul_lues = donnees["unites_legales"]["lues"]
        r.ul_gardees = donnees["unites_legales"]["gardees"]
        r.ul_rejets = Counter(donnees["unites_legales"]["rejets"])
        r.etab_lues = donnees["etablissements"]["lus"]
        r.etab_gardes = donnees["etablissements"]["gardes"]
        r.etab_rejets = Counter(donnees["etablissements"]["rejets"])
        r.communes_inconnues = Counter(donnees["communes_inconnues"])
        r.non_diffusibles = donnees.get("non_diffusibles", 0)
        r.avertissements = donnees.get("avertissements", [])
        r.date_max = donnees.get("date_max", "")
        return r

    def resume(self) -> str:
        lignes = [
            f"Unités légales : {nombre(self.ul_lues)} lues, "
            f"{nombre(self.ul_gardees)} gardées (périmètre ESS).",
            *(f"  - {raison} : {nombre(n)}" for raison, n in self.ul_rejets.most_common()),
            f"Établissements : {nombre(self.etab_lues)} lus, {nombre(self.etab_gardes)} gardés.",
            *(f"  - {raison} : {nombre(n)}" for raison, n in self.etab_rejets.most_common()),
            "Unités non diffusibles (nom masqué dans les listes publiques) : "
            f"{nombre(self.non_diffusibles)}.",
        ]
        if self.communes_inconnues:
            codes = ", ".join(f"{c} ({n})" for c, n in self.communes_inconnues.most_common(10))
            total = sum(self.communes_inconnues.values())
            lignes.append(
                f"Codes commune inconnus du COG (établissements gardés, rattachés au département "
                f"quand il est reconnu) : {nombre(total)} — {codes}."
            )
        lignes += self.avertissements
        return "\n".join(lignes)


def nombre(n) -> str:
    """French thousands separator (narrow no-break space)."""
    return f"{n:,}".replace(",", "\u202f")


def empreinte(*chemins, perimetre: str, regions: list[str], date_stock=None) -> str:
    """Sizes + first and last MiB of each file + perimeter + régions (hashing 8 GB in full would
    cost more than the import), + the vintage date when given on the command line."""
    cle = f"{perimetre}|{','.join(sorted(regions))}" + (f"|{date_stock.isoformat()}" if date_stock else "")
    h = hashlib.sha256(cle.encode())
    for chemin in chemins:
        taille = Path(chemin).stat().st_size
        h.update(str(taille).encode())
        with open(chemin, "rb") as f:
            h.update(f.read(1 << 20))
            f.seek(max(0, taille - (1 << 20)))
            h.update(f.read(1 << 20))
    return h.hexdigest()


def duree(secondes) -> str:
    if secondes is None:
        return "?"
    m, s = divmod(int(secondes), 60)
    return f"{m} min {s:02d} s" if m else f"{s} s"


def message_progression(phase: str, lignes: int, debit: float, reste) -> str:
    """« établissements : 1 200 000 lignes, 280 000 lignes/s, reste ≈ 14 s » (console and task page)."""
    return f"{phase} : {nombre(lignes)} lignes, {nombre(round(debit))} lignes/s, reste ≈ {duree(reste)}"
