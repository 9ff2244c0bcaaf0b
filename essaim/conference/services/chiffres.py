"""Key figures of an edition, always computed from the workshops (never typed)."""

import datetime
from collections import Counter

from essaim.commun.normalisation import normaliser_nom

from ..enums import PrecisionDate, StatutAtelier, StatutFiche, Transition
from ..models import Atelier, Conference
from .editions import mois_entre

CLES_TRANSITIONS = Transition.values


def ateliers_de(conference: Conference):
    return (
        Atelier.objects.filter(conference=conference)
        .exclude(statut=StatutAtelier.ANNULE)
        .select_related("commune", "departement", "fiche")
        .prefetch_related("inscriptions", "structures")
        .order_by("date", "id")
    )


def cle_organisateur(nom: str) -> str:
    """Fold an organiser's name so "CHAIR'ESS" and "Chair'ESS" count once."""
    return normaliser_nom(nom)


def _nombre_presents(atelier) -> int:
    # Uses the prefetched registrations: one query for the whole edition.
    return sum(1 for i in atelier.inscriptions.all() if i.present)


def participants_atelier(atelier) -> int | None:
    fiche = getattr(atelier, "fiche", None)
    if fiche and fiche.statut != StatutFiche.BROUILLON and fiche.participants is not None:
        return fiche.participants
    if atelier.participants_declares is not None:
        return atelier.participants_declares
    return _nombre_presents(atelier) or None


def mois_de_l_edition(conference: Conference, ateliers) -> list[str]:
    """Every month of the edition: its explicit period, else first to last workshop month."""
    mois = sorted({a.mois for a in ateliers if a.mois})
    if conference.date_debut and conference.date_fin:
        bornes = mois_entre(conference.date_debut, conference.date_fin)
        debut = min([bornes[0], *mois[:1]])
        fin = max([bornes[-1], *mois[-1:]])
    elif mois:
        debut, fin = mois[0], mois[-1]
    else:
        return []
    return mois_entre(datetime.date.fromisoformat(debut + "-01"), datetime.date.fromisoformat(fin + "-01"))


def chiffres_cles(conference: Conference, ateliers=None) -> dict:
    """The figures of the report and of `conference_report --format json` (exact keys)."""
    ateliers = list(ateliers if ateliers is not None else ateliers_de(conference))
    comptes = [participants_atelier(a) for a in ateliers]
    connus = [c for c in comptes if c is not None]
    par_mois = dict.fromkeys(mois_de_l_edition(conference, ateliers), 0)
    for atelier in ateliers:
        if atelier.mois:
            par_mois[atelier.mois] = par_mois.get(atelier.mois, 0) + 1
    departements = Counter(a.code_departement for a in ateliers)
    par_departement = {
        code: departements[code] for code in sorted(c for c in departements if c not in ("visio", "inconnu"))
    }
    for code in ("visio", "inconnu"):
        if departements[code]:
            par_departement[code] = departements[code]
    par_transition = dict.fromkeys(CLES_TRANSITIONS, 0)
    for atelier in ateliers:
        for transition in set(atelier.transitions):
            if transition in par_transition:
                par_transition[transition] += 1
    organisateurs = {cle_organisateur(n) for a in ateliers for n in a.liste_organisateurs()}
    organisateurs.discard("")
    return {
        "ateliers": len(ateliers),
        "participants": sum(connus),
        "ateliers_avec_participants": len(connus),
        "moyenne_participants": round(sum(connus) / len(connus), 1) if connus else 0.0,
        "par_mois": dict(sorted(par_mois.items())),
        "par_departement": par_departement,
        "par_transition": par_transition,
        "organisateurs": len(organisateurs),
    }


def completude(conference: Conference, ateliers=None) -> dict:
    """What is missing for an honest report."""
    ateliers = list(ateliers if ateliers is not None else ateliers_de(conference))
    return {
        "sans_participants": [a for a in ateliers if participants_atelier(a) is None],
        "sans_lieu": [a for a in ateliers if a.code_departement == "inconnu"],
        "sans_date_precise": [
            a for a in ateliers if a.date is None or a.precision_date == PrecisionDate.MOIS
        ],
        "sans_fiche": [
            a
            for a in ateliers
            if getattr(a, "fiche", None) is None or a.fiche.statut == StatutFiche.BROUILLON
        ],
        "sans_transition": [a for a in ateliers if not a.transitions],
    }
