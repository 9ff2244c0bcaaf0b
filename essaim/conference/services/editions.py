"""Creating and describing an edition."""

import datetime

from django.utils.text import slugify

from ..enums import Transition
from ..models import Conference, TransitionConference

QUESTIONS_PAR_DEFAUT = {
    Transition.ECOLOGIQUE: (
        "Comment intégrer des process plus respectueux de l'environnement dans l'ESS et dans l'économie "
        "classique en s'inspirant des initiatives portées par l'ESS ?"
    ),
    Transition.SOCIALE: (
        "Quelles sont les solutions existantes à valoriser, diffuser et comment en inventer de nouvelles ?"
    ),
    Transition.ECONOMIQUE: "Comment garantir la pérennité économique des entreprises de l'ESS ?",
    Transition.ORGANISATIONNELLE: "Comment mieux prévenir et anticiper les changements organisationnels ?",
}


def creer_conference(region, annee: int, slug: str = "", titre: str = "", **champs) -> Conference:
    """Create an edition with the four transitions and their default guiding questions."""
    titre = titre or f"Conférence régionale de l'ESS {annee} — {region.nom}"
    conference = Conference.objects.create(
        region=region, annee=annee, slug=slug or slugify(f"{region.nom}-{annee}")[:80], titre=titre, **champs
    )
    assurer_transitions(conference)
    return conference


def assurer_transitions(conference: Conference):
    for transition in Transition:
        TransitionConference.objects.get_or_create(
            conference=conference,
            transition=transition,
            defaults={"question": QUESTIONS_PAR_DEFAUT[transition]},
        )


def bornes_edition(conference: Conference) -> tuple[datetime.date, datetime.date]:
    """The dates workshops must fall within: the explicit period, else the calendar year."""
    debut = conference.date_debut or datetime.date(conference.annee, 1, 1)
    fin = conference.date_fin or datetime.date(conference.annee, 12, 31)
    return debut, fin


def mois_entre(debut: datetime.date, fin: datetime.date) -> list[str]:
    mois, annee, m = [], debut.year, debut.month
    while (annee, m) <= (fin.year, fin.month):
        mois.append(f"{annee:04d}-{m:02d}")
        annee, m = (annee + 1, 1) if m == 12 else (annee, m + 1)
    return mois
