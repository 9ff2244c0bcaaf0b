"""Figures per club and year: sessions by type, participants, member structures."""

import datetime

from django.db.models import Q

from essaim.commun.exports import Champ

from ..enums import StatutMembre, StatutRencontre, TypeRencontre


def rencontres_de(club, annee: int):
    return club.rencontres.filter(date__year=annee).exclude(statut=StatutRencontre.ANNULEE)


def structures_membres(club, annee: int) -> int:
    """Member structures at the end of the year (or today for the current year)."""
    fin = datetime.date(annee, 12, 31)
    return (
        club.membres.filter(statut=StatutMembre.ACCEPTEE).filter(Q(depuis__lte=fin) | Q(depuis=None)).count()
    )


def chiffres(club, annee: int) -> dict:
    rencontres = list(rencontres_de(club, annee).prefetch_related("inscriptions"))
    par_type = {t.value: 0 for t in TypeRencontre}
    participants, connus = 0, 0
    for r in rencontres:
        par_type[r.type] += 1
        n = r.nombre_participants()
        if n is not None:
            participants += n
            connus += 1
    return {
        "annee": annee,
        "rencontres": len(rencontres),
        "par_type": [(TypeRencontre(t).label, n) for t, n in par_type.items()],
        "par_type_codes": par_type,
        "participants": participants,
        "rencontres_avec_participants": connus,
        "structures_membres": structures_membres(club, annee),
    }


def annees(club) -> list[int]:
    dates = club.rencontres.dates("date", "year")
    return sorted({d.year for d in dates}, reverse=True)


CHAMPS = [
    Champ("club", "Club"),
    Champ("filiere", "Filière"),
    Champ("region", "Région"),
    Champ("annee", "Année", type="integer"),
    Champ("rencontres", "Rencontres", type="integer"),
    Champ("rencontres_reseau", "Rencontres de mise en réseau", type="integer"),
    Champ("rencontres_inspiration", "Rencontres d'inspiration", type="integer"),
    Champ("rencontres_outillage", "Rencontres d'outillage", type="integer"),
    Champ("participants", "Participants", description="Déclarés, sinon présents émargés", type="integer"),
    Champ("rencontres_avec_participants", "Rencontres dont la participation est connue", type="integer"),
    Champ("structures_membres", "Structures membres au 31 décembre", type="integer"),
]


def lignes(clubs):
    for club in clubs.select_related("filiere", "region"):
        for annee in sorted(annees(club)):
            c = chiffres(club, annee)
            yield {
                "club": club.nom,
                "filiere": club.filiere.libelle,
                "region": club.region.nom,
                "annee": annee,
                "rencontres": c["rencontres"],
                "rencontres_reseau": c["par_type_codes"][TypeRencontre.MISE_EN_RESEAU],
                "rencontres_inspiration": c["par_type_codes"][TypeRencontre.INSPIRATION],
                "rencontres_outillage": c["par_type_codes"][TypeRencontre.OUTILLAGE],
                "participants": c["participants"],
                "rencontres_avec_participants": c["rencontres_avec_participants"],
                "structures_membres": c["structures_membres"],
            }
