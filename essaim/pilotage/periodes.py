"""Measurement periods of an indicator: "2024" (yearly), "2024-S1" (half-year), "2024-T3"
(quarter). One period label per frequency, parsed and bounded here only."""

import datetime
import re

from .enums import Frequence

_FORMES = {
    Frequence.ANNUELLE: (re.compile(r"^(\d{4})$"), 1),
    Frequence.SEMESTRIELLE: (re.compile(r"^(\d{4})-S([12])$"), 2),
    Frequence.TRIMESTRIELLE: (re.compile(r"^(\d{4})-T([1-4])$"), 4),
}
EXEMPLES = {Frequence.ANNUELLE: "2024", Frequence.SEMESTRIELLE: "2024-S1", Frequence.TRIMESTRIELLE: "2024-T3"}


class PeriodeInvalide(ValueError):
    pass


def analyser(periode: str, frequence: str) -> tuple[int, int]:
    """(year, part) of a period label of this frequency; ``PeriodeInvalide`` (French) otherwise."""
    forme, _parts = _FORMES[Frequence(frequence)]
    trouve = forme.match((periode or "").strip().upper())
    if not trouve:
        raise PeriodeInvalide(
            f"« {periode} » n'est pas une période {Frequence(frequence).label.lower()} "
            f"(exemple : {EXEMPLES[Frequence(frequence)]})."
        )
    return int(trouve.group(1)), int(trouve.group(2)) if trouve.lastindex > 1 else 1


def normaliser(periode: str) -> str:
    return (periode or "").strip().upper()


def bornes(periode: str, frequence: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of the period."""
    annee, partie = analyser(periode, frequence)
    mois = 12 // _FORMES[Frequence(frequence)][1]
    debut = datetime.date(annee, (partie - 1) * mois + 1, 1)
    fin_mois = partie * mois
    suivant = datetime.date(annee + 1, 1, 1) if fin_mois == 12 else datetime.date(annee, fin_mois + 1, 1)
    return debut, suivant - datetime.timedelta(days=1)


def periodes(annee_debut: int, annee_fin: int, frequence: str) -> list[str]:
    """Every period of the years [annee_debut, annee_fin], in order."""
    n = _FORMES[Frequence(frequence)][1]
    lettre = {2: "S", 4: "T"}.get(n)
    return [
        str(annee) if n == 1 else f"{annee}-{lettre}{partie}"
        for annee in range(annee_debut, annee_fin + 1)
        for partie in range(1, n + 1)
    ]


def echues(annee_debut: int, annee_fin: int, frequence: str, aujourd_hui: datetime.date) -> list[str]:
    """The periods already over on ``aujourd_hui`` (their measure is due)."""
    return [p for p in periodes(annee_debut, annee_fin, frequence) if bornes(p, frequence)[1] < aujourd_hui]
